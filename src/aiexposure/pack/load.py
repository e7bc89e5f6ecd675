"""Find, read and validate a rules pack, with file:line errors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexposure.errors import UserError
from aiexposure.escape import one_line
from aiexposure.pack.yamlsource import MAX_FILE_BYTES, Key, Located, Path_, parse_bytes, read_yaml, too_large

if TYPE_CHECKING:  # the schema, checks and cache are imported when a pack is loaded, not by every import of this
    from pydantic import ValidationError

    from aiexposure.pack.schema import Pack

ENV_RULES = "AIEXPOSURE_RULES"
MAX_PACK_FILES = 64
# Top-level keys one file holds whole: the pack's identity. Any other mapping or list may be split over files.
_SINGLE = frozenset({"pack"})
ROLES_FOLDER = "roles"  # the pack's subfolder of added roles, one *.yaml file each


def default_rules_dir() -> Path:
    """The pack shipped with the program (inside the wheel, or the repo's rules/)."""
    package = Path(__file__).resolve().parents[1]  # this file is aiexposure/pack/load.py
    packaged = package / "rules"
    return packaged if packaged.is_dir() else package.parents[1] / "rules"


def resolve_rules_dir(option: Path | None) -> Path:
    """`--rules`, else $AIEXPOSURE_RULES, else the shipped pack."""
    if option is not None:
        return option
    env = os.environ.get(ENV_RULES)
    return Path(env) if env else default_rules_dir()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # unreadable: read_yaml will say so
        return 0


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the file system is not a folder either
        return False


class PackSource:
    """The YAML files of one pack, merged, with a way to locate any key path."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files: dict[str, Located] = {}
        self.merged: dict[str, Any] = {}
        self.owner: dict[str, Located] = {}
        # a top-level key written in several files: each entry (a mapping's key, a list's index in the merged
        # list) -> the file that holds it and its key or index there
        self.parts: dict[tuple[Key, Key], tuple[Located, Key]] = {}

    def read(self) -> None:
        """Read every `*.yaml` file and merge their top-level keys."""
        self.parse(self.paths(), None)

    def paths(self) -> list[Path]:
        """The pack's `*.yaml` files, in reading order, after checking the folder, their number and their sizes."""
        if not _is_dir(self.directory):
            raise UserError(
                f"rules pack folder '{self.directory}' does not exist or is not a folder; "
                "name a folder of *.yaml files (such as a copy of the shipped rules/), or leave it out to use the "
                "shipped pack"
            )
        paths = sorted(self.directory.glob("*.yaml"))
        added = self.directory / ROLES_FOLDER
        if _is_dir(added):  # roles added one file each (`rules new-role`), read after the pack's own files
            paths += sorted(added.glob("*.yaml"))
        if not paths:
            raise UserError(f"rules pack folder '{self.directory}' holds no *.yaml files")
        if len(paths) > MAX_PACK_FILES:
            raise UserError(f"rules pack folder '{self.directory}' holds more than {MAX_PACK_FILES} *.yaml files")
        sizes = [_size(path) for path in paths]
        for path, size in zip(paths, sizes, strict=True):
            if size > MAX_FILE_BYTES:  # name the file when one alone is too large
                raise too_large(str(path))
        total = sum(sizes)
        if total > MAX_FILE_BYTES:  # the limit of one file holds for the whole pack: reading stays under a second
            raise UserError(
                f"rules pack folder '{self.directory}': its *.yaml files hold {total:,} bytes together, more than "
                f"{MAX_FILE_BYTES:,}"
            )
        return paths

    def parse(self, paths: list[Path], contents: list[bytes] | None) -> None:
        """Parse the files (from `contents` when they were read already) and merge their top-level keys."""
        for index, path in enumerate(paths):
            shown = str(path)
            located = read_yaml(path, shown=shown) if contents is None else parse_bytes(contents[index], shown)
            if located.data is None:
                raise UserError(f"{path}: the file is empty; a pack file holds a mapping of top-level keys")
            if not isinstance(located.data, dict):
                raise UserError(
                    f"{located.where(())}: expected a mapping of top-level keys, found {describe(located.data)}"
                )
            for key, value in located.data.items():
                if key in self.merged:
                    self._join(key, value, located)
                    continue
                self.merged[key] = value
                self.owner[key] = located
            self.files[shown] = located

    def _join(self, key: str, value: Any, located: Located) -> None:
        """Add a second file's part of a top-level key: entries of a mapping, items of a list (a role's own file
        brings its role, sources, advice and FAQ); anything else, or an entry written twice, is a mistake."""
        merged = self.merged[key]
        if isinstance(merged, list) and isinstance(value, list) and key not in _SINGLE:
            if (key, 0) not in self.parts:
                self.parts.update({(key, i): (self.owner[key], i) for i in range(len(merged))})
            self.parts.update({(key, len(merged) + i): (located, i) for i in range(len(value))})
            merged.extend(value)
            return
        if not isinstance(merged, dict) or not isinstance(value, dict) or key in _SINGLE:
            other = self.owner[key].where((key,))
            raise UserError(f"{located.where((key,))}: top-level key '{one_line(key)}' is already defined at {other}")
        for entry, item in value.items():
            if entry in merged:
                other = self.where((key, entry))
                raise UserError(
                    f"{located.where((key, entry))}: {one_line(key)}.{one_line(entry)} is already defined at {other}"
                )
            merged[entry] = item
            self.parts[key, entry] = (located, entry)

    def where(self, path: Path_) -> str:
        """`file:line:col` for a path into the merged data."""
        if len(path) > 1 and (path[0], path[1]) in self.parts:
            located, local = self.parts[path[0], path[1]]
            return located.where((path[0], local, *path[2:]))
        if path and isinstance(path[0], str) and path[0] in self.owner:
            return self.owner[path[0]].where(path)
        return str(self.directory)

    def display(self, path: Path_) -> str:
        """Dotted key path; list items named by their `id` (or `number`)."""
        parts: list[str] = []
        node: Any = self.merged
        for key in path:
            child: Any = None
            if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
                child = node[key]
                name = child.get("id", child.get("number")) if isinstance(child, dict) else None
                parts.append(str(name) if isinstance(name, str | int) and not isinstance(name, bool) else str(key))
            else:
                if isinstance(node, dict):
                    child = node.get(key)
                parts.append(str(key))
            node = child
        return ".".join(one_line(part) for part in parts)  # a key may hold a line break: keep one problem per line

    def error(self, path: Path_, message: str) -> str:
        """One formatted problem: `file:line:col: key.path: message`."""
        shown = self.display(path)
        return f"{self.where(path)}: {shown}: {message}" if shown else f"{self.where(path)}: {message}"


def describe(value: Any) -> str:
    """How a found value is shown in an error message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


_EXPECTED = {
    "string_type": "expected text",
    "string_too_short": "expected text that is not empty",
    "string_pattern_mismatch": "expected an id (lower-case letters, digits and _, starting with a letter)",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "finite_number": "expected a finite number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "list_type": "expected a list",
}


def _message(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "missing required key"
    if kind == "extra_forbidden":
        return "unknown key (check its spelling; `aiexposure rules schema` lists the keys allowed here)"
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
    elif kind == "literal_error":
        expected = f"expected one of {ctx.get('expected', '')}"
    elif kind == "greater_than_equal":
        expected = f"expected a number of at least {ctx.get('ge')}"
    elif kind == "less_than_equal":
        expected = f"expected a number of at most {ctx.get('le')}"
    elif kind == "string_too_long":
        expected = f"expected at most {ctx.get('max_length')} characters"
    else:
        expected = str(err["msg"])
    return f"{expected}, found {describe(err.get('input'))}"


def _data_path(loc: tuple[Any, ...], data: Any) -> Path_:
    """Drop the parts of a pydantic location that are union tags, not data keys."""
    path: list[str | int] = []
    node = data
    for key in loc:
        if (isinstance(node, dict) and key in node) or (
            isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        ):
            path.append(key)
            node = node[key]
        elif isinstance(node, dict) and isinstance(key, str) and not key[:1].isupper() and "[" not in key:
            path.append(key)  # a missing or unknown key: name it
            node = None
    return tuple(path)


def validation_problems(source: PackSource, exc: ValidationError) -> list[tuple[Path_, str]]:
    """Turn pydantic's errors into one problem per bad key, in file order."""
    by_path: dict[Path_, list[str]] = {}
    for err in exc.errors():
        path = _data_path(tuple(err["loc"]), source.merged)
        message = _missing_language(source.merged, path) if err["type"] == "missing" else None
        message = message or _message(err)
        seen = by_path.setdefault(path, [])
        if message not in seen:
            seen.append(message)
    return [(path, " or ".join(messages)) for path, messages in by_path.items()]


def _missing_language(data: Any, path: Path_) -> str | None:
    """'a text missing a language' when the missing key is one language of a text whose other one is written."""
    from aiexposure.pack.placeholders import LANG_NAMES

    parent = data
    for key in path[:-1]:
        if isinstance(parent, dict):
            parent = parent.get(key)
        elif isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
            parent = parent[key]
        else:
            return None
    lang = path[-1] if path else None
    if not isinstance(parent, dict) or lang not in LANG_NAMES or not set(parent) <= set(LANG_NAMES) or not parent:
        return None
    return (
        f"a text missing a language: add its {LANG_NAMES[str(lang)]} version ({lang}: ...); every text people read "
        "is written in en and id"
    )


def load_pack(directory: Path) -> Pack:
    """Read, validate and cross-check a pack; raise UserError listing every problem.

    A pack whose files, and the program, are as they were when it last passed its checks comes from the cache.
    """
    from aiexposure.pack.cache import CacheEntry

    source = PackSource(directory)
    paths = source.paths()
    contents = _read_all(paths)
    entry = None
    if contents is not None:
        shipped = _same_folder(directory, default_rules_dir())
        borrowed_from = None if shipped else _shipped_messages_bytes()
        entry = CacheEntry.find(
            directory,
            [(path.relative_to(directory).as_posix(), raw) for path, raw in zip(paths, contents, strict=True)],
            borrowed_from,
        )
    cached = entry.load() if entry is not None else None
    if cached is not None:
        return cached
    source.parse(paths, contents)  # unreadable files (contents None) are read again here, to name the first
    pack = _checked(source, directory)
    if entry is not None:
        entry.store(pack)
    return pack


def _checked(source: PackSource, directory: Path) -> Pack:
    """Validate the merged data and cross-check it; the pack, with any program messages it borrowed."""
    from pydantic import ValidationError

    from aiexposure.pack.check import cross_check
    from aiexposure.pack.placeholders import placeholders
    from aiexposure.pack.schema import Pack

    borrowed = _borrow_messages(source.merged, directory)
    left = placeholders(source.merged)  # a skeleton's TODOs: each said once, as what to write there
    try:
        pack = Pack.model_validate(source.merged)
    except ValidationError as exc:
        raise _problems(directory, _listed(source, left, validation_problems(source, exc))) from None
    problems = _listed(source, left, cross_check(pack))
    if problems:
        raise _problems(directory, problems)
    pack._borrowed = borrowed
    return pack


def _listed(source: PackSource, left: list[tuple[Path_, str]], found: list[tuple[Path_, str]]) -> list[str]:
    """Every problem, except those about a placeholder's value (said already); with placeholders, in the order of
    the files' lines, so an author filling in a skeleton reads them top to bottom."""
    marked = [path for path, _ in left]
    others = [(p, m) for p, m in found if not any(p[: len(mark)] == mark for mark in marked)]
    problems = [source.error(path, message) for path, message in [*left, *others]]
    return sorted(problems, key=_position) if left else problems


def _position(problem: str) -> tuple[str, int, int]:
    """'file:line:col: ...' as a sort key (a problem without a line sorts first in its file)."""
    file, line, col = [*problem.split(": ", 1)[0].rsplit(":", 2), "", ""][:3]
    if not (line.isdigit() and col.isdigit()):
        return problem.split(": ", 1)[0], 0, 0
    return file, int(line), int(col)


def check_plain(directory: Path, pack: Pack) -> None:
    """`rules check`'s plain-words rules (sentence length, the glossary) over the pack loaded from `directory`;
    raise UserError listing every problem, in the order of the files' lines, each at its file:line:col.

    Only `rules check` applies them: a long sentence is for the pack's author to fix, not a reason to refuse
    a person their report. The files are read again for the places, and only when there is a problem to place.
    """
    from aiexposure.pack.plain import plain_problems

    found = plain_problems(pack)
    if not found:
        return
    source = PackSource(directory)
    source.read()
    raise _problems(directory, sorted((source.error(path, message) for path, message in found), key=_position))


def _read_all(paths: list[Path]) -> list[bytes] | None:
    """Every file's bytes (up to one more than the size limit), or None when one cannot be read (parsing them one
    by one then names it); a pipe or a device among them is refused at once."""
    from aiexposure.reading import NOT_REGULAR, read_regular

    contents = []
    for path in paths:
        try:
            contents.append(read_regular(path, str(path), MAX_FILE_BYTES))
        except UserError as exc:
            if exc.message.endswith(NOT_REGULAR):  # a FIFO named sources.yaml: refused now, not waited on
                raise
            return None
    return contents


def _shipped_messages_bytes() -> bytes:
    """The shipped messages file a pack borrows missing program messages from (empty if it cannot be read)."""
    try:
        return (default_rules_dir() / "messages.yaml").read_bytes()
    except OSError:
        return b""


def _borrow_messages(merged: dict[str, Any], directory: Path) -> tuple[str, ...]:
    """Give a pack written for an older release the program messages added since, from the shipped pack.

    A shared pack keeps working after an upgrade; `rules check` lists what was borrowed.
    """
    messages = merged.get("messages")
    shipped_dir = default_rules_dir()
    if not isinstance(messages, dict) or _same_folder(directory, shipped_dir):
        return ()
    from aiexposure.pack.messages import REQUIRED_MESSAGES

    missing = [key for key in REQUIRED_MESSAGES if key not in messages]
    if not missing:
        return ()
    shipped = read_yaml(shipped_dir / "messages.yaml").data["messages"]
    for key in missing:
        messages[key] = shipped[key]
    return tuple(missing)


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _problems(directory: Path, problems: list[str]) -> UserError:
    count = len(problems)
    head = f"the rules pack in '{directory}' has {count} problem{'s' if count != 1 else ''}:"
    return UserError("\n".join([head, *problems]))
