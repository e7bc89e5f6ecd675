"""How a name a person types is compared with a pack's ids and labels (the pack check uses the same rule)."""

from __future__ import annotations

_JOINERS = str.maketrans("-_", "  ")


def norm(text: str) -> str:
    """Compare ids and labels the way a person reads them: case, spaces and end punctuation ignored, and a hyphen
    or an underscore read as a space (post-editing, post_editing and post editing are one name)."""
    return " ".join(text.casefold().translate(_JOINERS).split()).rstrip("?:.")


def closest(text: str, names: list[str]) -> str | None:
    """The one name a near miss (a typo such as 'kuriir', a spelling such as 'humour') most likely meant, if any."""
    import difflib

    found = difflib.get_close_matches(norm(text), names, n=1, cutoff=0.75)
    return found[0] if found else None


def is_typo(text: str, name: str) -> bool:
    """Whether `text` reads as `name` mistyped: as many words, each a near spelling of its counterpart ('kuriir' is
    'kurir'; 'sopir truk' is not 'sopir taksi', though the letters of the whole are as alike)."""
    import difflib

    said, named = norm(text).split(), norm(name).split()
    return len(said) == len(named) and all(
        difflib.SequenceMatcher(None, a, b).ratio() >= 0.75 for a, b in zip(said, named, strict=True)
    )
