"""Flask extensions shared by the blueprints, bound to the app in `create_app`.

`limiter` rate-limits by client address (in-process memory: each server worker counts on its
own); `csrf` protects every form POST of the web pages; the API is exempt (it uses tokens).
"""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

limiter = Limiter(get_remote_address, storage_uri="memory://")
csrf = CSRFProtect()
