"""`rules new-role`: a role's skeleton written into a pack folder, as a file of its own in the pack's `roles/`.

A folder without a pack first gets a copy of the shipped one, so the new role has questions, scores and advice
around it. Nothing is ever replaced: a role id the pack has, or a file already at the skeleton's name, is
refused; every file is written whole or not at all, and a folder made for the pack appears only once complete.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from aiexposure.atomic import WriteError, followed, remove_stale_staging, staging_name, write_atomic
from aiexposure.errors import UserError
from aiexposure.pack.load import ROLES_FOLDER, PackSource, default_rules_dir, load_pack
from aiexposure.pack.messages import input_error
from aiexposure.pack.placeholders import ID_MARK
from aiexposure.pack.schema import Pack
from aiexposure.pack.skeleton import skeleton

HINT = "choose another folder with --into"
_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")  # the schema's Id


def new_role(shipped: Pack, folder: Path, role_id: str, family: str | None) -> list[tuple[str, dict[str, str]]]:
    """Write role `role_id`'s skeleton into the pack in `folder`; the messages to show, as (key, slots)."""
    if not _ID.match(role_id):
        raise input_error(shipped, "new_role_bad_id", role=role_id)
    if role_id.startswith(ID_MARK):
        raise input_error(shipped, "new_role_todo_id", role=role_id)
    target = folder / ROLES_FOLDER / f"{role_id}.yaml"
    if os.path.lexists(target):  # a file, or a link to one, at the skeleton's name: never written over
        raise input_error(shipped, "new_role_file_exists", path=target)
    has_pack = _holds_pack(folder)
    pack = _pack_in(folder, role_id, shipped) if has_pack else shipped
    chosen = _family(shipped, pack, family)
    text = skeleton(pack, role_id, chosen)
    said: list[tuple[str, dict[str, str]]] = []
    if has_pack:
        _write(target, text)
    else:
        _copy_shipped(folder, role_id, text)
        said.append(("new_role_copied", {"folder": str(folder)}))
    said += [
        ("new_role_written", {"path": str(target), "role": role_id}),
        ("new_role_next", {"folder": str(folder)}),
    ]
    if _same(folder, default_rules_dir()):
        said.append(("new_role_own_pack", {}))
    return said


def _holds_pack(folder: Path) -> bool:
    try:
        return folder.is_dir() and any(folder.glob("*.yaml"))
    except OSError:
        return False


def _pack_in(folder: Path, role_id: str, shipped: Pack) -> Pack:
    """The pack the skeleton is shaped by: the folder's when it passes its checks, else the shipped one (a pack
    with another new role still being written does not); a role of that id there is refused."""
    source = PackSource(folder)
    source.read()  # a file that is not YAML is named here
    roles = source.merged.get("roles")
    if isinstance(roles, dict) and role_id in roles:
        where = source.where(("roles", role_id))
        raise input_error(shipped, "new_role_exists", folder=folder, role=role_id, where=where)
    try:
        return load_pack(folder)
    except UserError:
        return shipped


def _family(shipped: Pack, pack: Pack, family: str | None) -> str:
    choices = ", ".join(f"{f} ({item.label.en})" for f, item in pack.families.items())
    if family is None:
        if len(pack.families) == 1:
            return next(iter(pack.families))
        raise input_error(shipped, "new_role_family", choices=choices)
    if family not in pack.families:
        raise input_error(shipped, "new_role_unknown_family", family=family, choices=choices)
    return family


def _write(target: Path, text: str) -> None:
    try:
        os.makedirs(followed(str(target.parent), HINT), exist_ok=True)
    except OSError as exc:
        raise WriteError(str(target.parent), exc.strerror or str(exc), HINT) from None
    write_atomic(str(target), text, HINT, replace=False)


def _copy_shipped(folder: Path, role_id: str, text: str) -> None:
    """A copy of the shipped pack with the new role's file, made beside `folder` and renamed into place whole (an
    empty folder already there is filled file by file, each written whole)."""
    files = _shipped_files()
    final = Path(followed(str(folder), HINT))
    if final.is_dir():
        written: list[Path] = []
        try:
            for relative, data in [*files, (Path(ROLES_FOLDER) / f"{role_id}.yaml", text.encode())]:
                _write_new(final / relative, data)
                written.append(final / relative)
        except BaseException:
            for path in written:  # a pack half copied would not load: take back what this run wrote
                path.unlink(missing_ok=True)
            raise
        return
    parent = final.parent
    remove_stale_staging(parent, final.name, "")
    staged = parent / staging_name(final.name, "")
    try:
        for relative, data in [*files, (Path(ROLES_FOLDER) / f"{role_id}.yaml", text.encode())]:
            (staged / relative).parent.mkdir(parents=True, exist_ok=True)
            (staged / relative).write_bytes(data)
        os.rename(staged, final)  # fails if a folder of that name appeared meanwhile: it is not replaced
    except OSError as exc:
        shutil.rmtree(staged, ignore_errors=True)
        raise WriteError(str(folder), exc.strerror or str(exc), HINT) from None
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise


def _write_new(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(str(path.parent), exc.strerror or str(exc), HINT) from None
    write_atomic(str(path), data.decode("utf-8"), HINT, replace=False)


def _shipped_files() -> list[tuple[Path, bytes]]:
    """The shipped pack's files, relative to its folder, in reading order."""
    shipped = default_rules_dir()
    paths = PackSource(shipped).paths()
    return [(path.relative_to(shipped), path.read_bytes()) for path in paths]


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
