"""The one error type for mistakes a user can fix."""

from __future__ import annotations


class UserError(Exception):
    """A mistake in the user's input or rules pack; shown without a traceback."""

    def __init__(self, message: str, exit_code: int = 2, translations: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.translations = translations or {}

    def in_language(self, lang: str) -> str:
        """The message in `lang` when the pack worded it so, else the English one."""
        return self.translations.get(lang, self.message)
