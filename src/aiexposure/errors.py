"""The program's exit codes, and the one error type for mistakes a user can fix."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit code the program gives (the README lists them for users; keep the numbers)."""

    OK = 0
    UNEXPECTED = 1  # a bug (--debug shows its traceback), or a reader that went away (`| head`)
    USER_ERROR = 2  # a mistake in the input, an answers file, a rules pack or a path; click's usage errors too
    SOME_REJECTED = 3  # batch finished, but some rows of the scored file could not be scored
    FEW_MATCHED = 4  # batch --before finished, but matched no one or under half of the scored file's people
    # stopped by a signal: 128 + its number, as a shell reports a process a signal killed
    INTERRUPTED = 130  # SIGINT (2): Ctrl-C, or Ctrl-D at a quiz prompt
    TERMINATED = 143  # SIGTERM (15)

    @staticmethod
    def for_signal(signum: int) -> int:
        """The code for a run stopped by signal `signum`: INTERRUPTED for SIGINT, TERMINATED for SIGTERM."""
        return 128 + signum


class UserError(Exception):
    """A mistake in the user's input or rules pack; shown without a traceback."""

    def __init__(
        self, message: str, exit_code: int = ExitCode.USER_ERROR, translations: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.translations = translations or {}

    def in_language(self, lang: str) -> str:
        """The message in `lang` when the pack worded it so, else the English one."""
        return self.translations.get(lang, self.message)
