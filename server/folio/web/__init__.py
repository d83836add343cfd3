"""The web pages: first-run setup, sign-in, the library, the reading page and settings.

Plugged into the app by `folio.app.create_app`: it registers `bp` and draws errors outside
/api/ with `render_error`. Views are thin: read the form or query, call `folio.library` or
`folio.auth`, render a template from server/folio/templates/.
"""

from folio.web import auth_views, display, library_views, reading_views, settings_views  # noqa: F401 - routes
from folio.web.blueprint import bp
from folio.web.error_page import render_error

__all__ = ["bp", "render_error"]
