"""Errors that become HTTP answers: a stable code and a message for people."""


class ServiceError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str, code: str = None, status: int = None, details: dict = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status
        self.details = details or {}

    def body(self) -> dict:
        out = {"error": self.code, "message": self.message}
        if self.details:
            out["details"] = self.details
        return out

    # Picklable across the process pool.
    def __reduce__(self):
        return (self.__class__, (self.message, self.code, self.status, self.details))


class ClientError(ServiceError):
    """The request or its video is unusable: 4xx, retrying the same request will not help."""
    status = 400
    code = "invalid_request"


class Busy(ServiceError):
    status = 503
    code = "busy"
