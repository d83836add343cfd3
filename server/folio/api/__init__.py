"""The JSON API under /api/v1, as described in docs/api-contract.md and /api/v1/openapi.json.

Handlers are thin: read the input (`inputs`), call one library service, shape the answer.
"""

from folio.api import account, articles, tags, transfer  # noqa: F401 - they add their routes to `bp`
from folio.api.blueprint import bp

__all__ = ["bp"]
