"""The small set of named errors that services raise; the web layer turns them into responses."""


class FolioError(Exception):
    """Base class: `code` is the machine-readable error name, `status` the HTTP status."""

    code = "error"
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadInput(FolioError):
    code = "bad_input"
    status = 400


class Unprocessable(FolioError):
    """The input is well-formed but cannot be turned into an article (empty, binary, no text)."""

    code = "unprocessable"
    status = 422


class TooLarge(FolioError):
    code = "too_large"
    status = 413


class NotFound(FolioError):
    code = "not_found"
    status = 404


class Forbidden(FolioError):
    code = "forbidden"
    status = 403


class Unauthorized(FolioError):
    code = "unauthorized"
    status = 401


class Unavailable(FolioError):
    """The database cannot be reached, or stayed busy through every retry."""

    code = "unavailable"
    status = 503


class UnsupportedMediaType(FolioError):
    code = "unsupported_media_type"
    status = 415
