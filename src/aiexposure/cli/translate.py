"""The program's own English messages (file errors, usage mistakes, pack loading) in another language.

Mistakes a person makes on the command line or with a file are worded by the pack when the pack words them;
these are the ones raised below the pack (by click, the operating system, the pack loader). Their wording
in other languages lives in the shipped pack's messages under `sys_*`, `reason_*` and `hint_*`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from aiexposure.pack.schema import Pack

# English pattern -> message key; the named groups fill the slots of the same name
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"^cannot write '(?P<path>.*)': (?P<reason>.*?); (?P<hint>[^;]*)$", "sys_write"),
        (r"^(?P<path>.*): cannot read the file: (?P<reason>.*)$", "sys_read"),
        (r"^No such option: (?P<option>\S+) \(Possible options: (?P<choices>[^)]*)\)$", "sys_no_option_like"),
        (r"^No such option: (?P<option>\S+)$", "sys_no_option"),
        (r"^Option '(?P<option>[^']*)' requires an argument\.?$", "sys_needs_argument"),
        (r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$", "sys_extra_argument"),
        (r"^Missing argument '(?P<arg>[^']*)'\.?$", "sys_missing_argument"),
        (r"^Missing option '(?P<option>[^']*)'\.?$", "sys_missing_option"),
        (
            r"^Invalid value for (?P<option>.*?): '(?P<value>[^']*)' is not one of (?P<choices>.*?)\.?$",
            "sys_bad_choice",
        ),
        (r"^Invalid value for (?P<option>.*?): (?P<detail>.*)$", "sys_bad_value"),
        (r"^rules pack folder '(?P<path>.*)' holds no \*\.yaml files$", "sys_pack_empty"),
        (r"^the rules pack in '(?P<path>.*)' has (?P<count>\d+) problems?:(?P<rest>\n.*)$", "sys_pack_problems"),
    )
)
_SEE_HELP = re.compile(r"^(?P<message>.*) \(see '(?P<command>[^']*) --help'\)$", re.DOTALL)
# words inside a message that have a wording of their own: operating-system reasons and our hints
_PARTS = {
    "No such file or directory": "reason_no_such_file",
    "Permission denied": "reason_permission",
    "No space left on device": "reason_disk_full",
    "File too large": "reason_too_large",
    "Read-only file system": "reason_read_only",
    "Is a directory": "reason_is_folder",
    "it is a folder": "reason_is_folder",
    "it is a file, not a folder": "reason_not_folder",
    "it is a pipe, a device or a socket, not a file": "reason_not_regular",
    "it is a pipe or device that belongs to another user": "reason_not_yours",
    "it is a symbolic link that belongs to another user": "reason_foreign_link",
    "it is closed": "reason_closed",
    "choose another path with --output": "hint_output",
    "choose another folder with --out-dir": "hint_out_dir",
    "choose another folder with --into": "hint_into",
}


def translate(pack: Pack, message: str, lang: str) -> str | None:
    """`message` in `lang` when it is one of the program's own English messages the pack words, else None."""
    if lang == "en":
        return None
    words: Callable[[str], str] = lambda key: getattr(pack.messages[key], lang)  # noqa: E731
    help_match = _SEE_HELP.match(message)
    body = help_match.group("message") if help_match else message
    for pattern, key in _PATTERNS:
        found = pattern.match(body)
        if found is None or key not in pack.messages:
            continue
        slots = {name: _part(pack, value or "", lang) for name, value in found.groupdict().items()}
        text = words(key)
        for name, value in slots.items():
            text = text.replace("{" + name + "}", value)
        if help_match and "sys_see_help" in pack.messages:
            text += " " + words("sys_see_help").replace("{command}", help_match.group("command"))
        return text
    return None


def _part(pack: Pack, value: str, lang: str) -> str:
    key = _PARTS.get(value)
    return getattr(pack.messages[key], lang) if key is not None and key in pack.messages else value
