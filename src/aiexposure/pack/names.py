"""How a name a person types is compared with a pack's ids and labels (the pack check uses the same rule)."""

from __future__ import annotations


def norm(text: str) -> str:
    """Compare ids and labels the way a person reads them: case, spaces and end punctuation ignored."""
    return " ".join(text.casefold().split()).rstrip("?:.")
