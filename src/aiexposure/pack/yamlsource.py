"""Read YAML safely, keeping the line and column of every value."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexposure.errors import UserError
from aiexposure.escape import one_line
from aiexposure.reading import MAX_LINE_CHARS, MAX_VALUE_CHARS, read_regular

if TYPE_CHECKING:  # PyYAML is imported when a file is parsed: a run that finds its pack cached never needs it
    import yaml

# Limits that keep a hostile file from exhausting memory or time (each checked before the work it bounds).
MAX_FILE_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_ALIAS_USES = 1_000  # `*name` may repeat a value; a "billion laughs" file repeats them exponentially

Key = str | int
# Plain data only: no Python objects, and no timestamps, sets or binary either.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "str", "int", "float", "bool", "null"))
Path_ = tuple[Key, ...]


class Located:
    """Parsed data plus where each value came from.

    A plain class, not a dataclass: every command imports this module, and making a dataclass costs start-up time.
    """

    __slots__ = ("data", "file", "positions")

    def __init__(self, data: Any, file: str, positions: dict[Path_, tuple[int, int]] | None = None) -> None:
        self.data = data
        self.file = file
        self.positions: dict[Path_, tuple[int, int]] = {} if positions is None else positions

    def where(self, path: Path_) -> str:
        """`file:line:col` of the deepest known ancestor of `path`."""
        for end in range(len(path), -1, -1):
            pos = self.positions.get(path[:end])
            if pos is not None:
                return f"{self.file}:{pos[0]}:{pos[1]}"
        return self.file


def _loader(text: str) -> Any:
    """A safe loader for `text`: libyaml's C parser (much faster) where PyYAML was built with it."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)


class _Walker:
    """Turns a composed node tree into plain data, recording positions."""

    def __init__(self, loader: Any, located: Located) -> None:
        import yaml

        self.mapping, self.sequence, self.scalar = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode
        self.loader = loader
        self.located = located
        self.count = 0
        self.seen: set[int] = set()  # the composer makes one node per value written, so a node seen again is an alias
        self.aliases = 0

    def fail(self, node: yaml.Node, message: str) -> UserError:
        return UserError(f"{_at(self.located.file, node.start_mark)}: {message}")

    def walk(self, node: yaml.Node, path: Path_, repeated: bool = False) -> Any:
        """Plain data for `node`; `repeated` when it lies inside a value an alias repeats."""
        self.count += 1
        if self.count > MAX_NODES:
            why = "; aliases (*name) expand to that many" if self.aliases else ""
            raise self.fail(node, f"more than {MAX_NODES:,} values{why}")
        if len(path) > MAX_DEPTH:
            raise self.fail(node, f"nested deeper than {MAX_DEPTH} levels")
        if id(node) not in self.seen:
            self.seen.add(id(node))
        elif not repeated:  # the composer makes one node per value written: meeting one again is an alias
            repeated = True
            self.aliases += 1
            if self.aliases > MAX_ALIAS_USES:
                # a node's mark is where the value was written, not where an alias repeats it
                raise self.fail(
                    node,
                    f"aliases (*name) are used more than {MAX_ALIAS_USES:,} times; this value is one they "
                    "repeat; write the values out instead",
                )
        self.located.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(node, f"the tag '{node.tag}' is not allowed; only plain YAML data can be read")
        if isinstance(node, self.mapping):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, self.scalar):
                    raise self.fail(key_node, "a key must be plain text")
                # Keys are ids: keep them as written, so `no:` or `1:` stay text.
                key = key_node.value
                if len(key) > MAX_VALUE_CHARS:
                    raise self.fail(key_node, f"a key longer than {MAX_VALUE_CHARS:,} characters")
                if key in result:
                    raise self.fail(key_node, f"duplicate key '{one_line(key)}'")
                result[key] = self.walk(value_node, (*path, key), repeated)
            return result
        if isinstance(node, self.sequence):
            return [self.walk(item, (*path, i), repeated) for i, item in enumerate(node.value)]
        if len(node.value) > MAX_VALUE_CHARS:
            raise self.fail(node, f"a value longer than {MAX_VALUE_CHARS:,} characters")
        try:
            return self.loader.construct_object(node)
        except (ValueError, OverflowError):  # Python refuses integers of more than 4,300 digits
            raise self.fail(node, "the number has too many digits to read") from None


def parse_yaml(text: str, file: str) -> Located:
    """Parse one YAML document from `text`; errors name `file`."""
    import yaml

    located = Located(data=None, file=file)
    loader = _loader(text)
    try:
        if len(text) > 2 * MAX_NODES:  # only a text this long can hold that many values written out
            _count_values(text, file)
        node = loader.get_single_node()
        if node is not None:
            located.data = _Walker(loader, located).walk(node, ())
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, such as NUL; it has an offset, not a line
        line, col = _position(text.encode("utf-8"), exc.position)  # libyaml counts bytes of the UTF-8 form
        char = exc.character
        what = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        problem = f"the control character {what} is not allowed; remove it"
        raise UserError(f"{file}:{line}:{col}: not valid YAML: {problem}") from None
    except yaml.MarkedYAMLError as exc:
        raise UserError(f"{_at(file, exc.problem_mark)}: not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise UserError(f"{file}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return located


def _count_values(text: str, file: str) -> None:
    """Refuse a text of more than MAX_NODES values from its parse events, before building them all in memory."""
    import yaml

    loader = _loader(text)
    count = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.NodeEvent):  # scalars, aliases, and the start of each list and mapping
                count += 1
                if count > MAX_NODES:
                    raise UserError(f"{_at(file, event.start_mark)}: more than {MAX_NODES:,} values")
    finally:
        loader.dispose()


def _at(file: str, mark: Any) -> str:
    """`file:line:col` of a YAML mark (0-based inside), or the file alone when there is none."""
    return f"{file}:{mark.line + 1}:{mark.column + 1}" if mark is not None else file


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column of byte `offset` in `raw`, the column in characters as an editor shows it."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


def too_large(name: str) -> UserError:
    """The message for a file over the size limit."""
    return UserError(f"{name}: the file is larger than {MAX_FILE_BYTES:,} bytes")


def read_yaml(path: Path, shown: str | None = None) -> Located:
    """Read and parse a YAML file, with a size limit and clear errors; a pipe or a device is refused at once."""
    name = shown or str(path)
    return parse_bytes(read_regular(path, name, MAX_FILE_BYTES), name)


def parse_bytes(raw: bytes, name: str) -> Located:
    """Parse YAML read from a file or a pipe (at most MAX_FILE_BYTES + 1 bytes of it): size, UTF-8, then YAML."""
    if len(raw) > MAX_FILE_BYTES:
        raise too_large(name)
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is allowed
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        raise UserError(
            f"{name}:{line}:{col}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from None
    if len(text) > MAX_LINE_CHARS:  # only a text this long can hold a line that long
        _check_lines(text, name)
    return parse_yaml(text, name)


def _check_lines(text: str, name: str) -> None:
    """Refuse a line of more than MAX_LINE_CHARS characters, naming it."""
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_LINE_CHARS:
            raise UserError(f"{name}:{number}:1: a line longer than {MAX_LINE_CHARS:,} characters")
