"""The one error type for mistakes a user can fix."""

from __future__ import annotations


class UserError(Exception):
    """A mistake in the user's input or rules pack; shown without a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
