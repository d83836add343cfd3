"""Flask's JSON written and read by orjson, the standard library's `json` for what orjson refuses.

A page saved or extracted travels as JSON both ways (a 126 KB news page in, its article out),
and Python's `json` took a quarter of Flask's own time for such a call. orjson is several times
faster; what it does not do (a lone surrogate, which a browser's JSON.stringify may send for a
cut emoji; NaN; writing an integer beyond 64 bits or keys that are not strings; indentation)
goes to Flask's provider. Dates and dataclasses pass to Flask's `default`, which writes them as
it always has. Two differences: orjson reads an integer beyond 64 bits as a float, which no
field of the API takes (each refuses a float where it wants an integer); and a lone surrogate
read is made U+FFFD, so no string read holds one (nothing downstream could store or parse it:
see `without_lone_surrogates`).
"""

from __future__ import annotations

from typing import Any

import orjson
from flask import Response
from flask.json.provider import DefaultJSONProvider

from folio.sanitize import without_lone_surrogates

_PASS_TO_DEFAULT = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


class FastJSONProvider(DefaultJSONProvider):
    def dumps(self, obj: Any, **kwargs: Any) -> str:
        if not kwargs:
            written = self._orjson(obj)
            if written is not None:
                return written.decode()
        return super().dumps(obj, **kwargs)

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        if not kwargs:
            try:
                return orjson.loads(s)  # which refuses lone surrogates
            except orjson.JSONDecodeError:
                pass  # the standard library decides: it reads more, and says what is wrong
        return _without_lone_surrogates_in(super().loads(s, **kwargs))

    def response(self, *args: Any, **kwargs: Any) -> Response:
        pretty = (self.compact is None and self._app.debug) or self.compact is False
        written = None if pretty else self._orjson(self._prepare_response_obj(args, kwargs))
        if written is None:
            return super().response(*args, **kwargs)
        return self._app.response_class(written + b"\n", mimetype=self.mimetype)

    def _orjson(self, obj: Any) -> bytes | None:
        option = _PASS_TO_DEFAULT | (orjson.OPT_SORT_KEYS if self.sort_keys else 0)
        try:
            return orjson.dumps(obj, default=self.default, option=option)
        except orjson.JSONEncodeError:
            return None


def _without_lone_surrogates_in(value: Any) -> Any:
    if isinstance(value, str):
        return without_lone_surrogates(value)
    if isinstance(value, list):
        return [_without_lone_surrogates_in(item) for item in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(key): _without_lone_surrogates_in(item) for key, item in value.items()}
    return value
