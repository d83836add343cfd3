"""Flask extensions shared by the blueprints, bound to the app in `create_app`.

`csrf` protects every form POST of the web pages; the API is exempt (it uses tokens).
"""

from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
