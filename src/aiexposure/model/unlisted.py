"""Work the pack lists no role for: which listed roles come nearest, and what the tool cannot judge for that person.

Nearest is judged on names alone, the only thing known about the person at that point: the words they gave
for their work are compared with every name of every role (its id, its labels in both languages, its `words`)
and with its `related` names (nearby work the pack does not cover, which points to this role). The words
they share count, each weighted by how rare it is among the roles' names (a word several roles have, such as
"online" or "tukang", says little; "desain" says designer); a word that begins a longer one ("desain",
"desainer") or a near spelling of it ("penerjmah") counts in part. The score is the shared weight over the
weight of both names' words (Dice's measure): extra words on either side lower it.

A role comes near when its best name scores at least NEAR; up to three roles are named, best first, only
those within CLOSE_TO_BEST of the best one (a clearly better match is not diluted by weaker ones).
"""

from __future__ import annotations

import math
from difflib import SequenceMatcher

from aiexposure.errors import UserError
from aiexposure.escape import one_line
from aiexposure.pack.messages import fill
from aiexposure.pack.names import norm
from aiexposure.pack.schema import LANGS, Lang, Pack

NEAR = 0.45  # a role's best name must share about half its weighted words with what the person wrote
CLOSE_TO_BEST = 0.75  # roles named besides the best one score at least this share of the best score
MOST = 3  # roles named at most
PREFIX = 4  # a word matches a longer one it begins only from this many letters ("desain" in "desainer")
PARTIAL = 0.8  # what such a match, or a near spelling (ratio >= PARTIAL), counts for against a full one


def _words(text: str) -> list[str]:
    return norm(text).split()


def _role_names(pack: Pack, role_id: str) -> list[str]:
    role = pack.roles[role_id]
    return [norm(n) for n in (role_id, role.label.en, role.label.id, *role.words, *role.related)]


class _Index:
    """The roles' names split into words, with each word's weight (rarer among roles: heavier)."""

    def __init__(self, pack: Pack) -> None:
        self.names = {role_id: _role_names(pack, role_id) for role_id in pack.roles}
        holders: dict[str, set[str]] = {}
        for role_id, names in self.names.items():
            for name in names:
                for word in name.split():
                    holders.setdefault(word, set()).add(role_id)
        count = max(1, len(self.names))
        self.weights = {word: 1.0 + math.log(count / len(roles)) for word, roles in holders.items()}
        self.unknown = 1.0 + math.log(count)  # a word no role has: as telling as a word only one role has

    def weight(self, word: str) -> float:
        return self.weights.get(word, self.unknown)

    def score(self, text: str, name: str) -> float:
        """How near the person's words come to one name of a role, from 0 to 1."""
        said, named = text.split(), name.split()
        total = sum(self.weight(w) for w in said) + sum(self.weight(w) for w in named)
        shared = sum(self.weight(w) * max((_match(w, other) for other in named), default=0.0) for w in said)
        shared += sum(self.weight(w) * max((_match(w, other) for other in said), default=0.0) for w in named)
        return shared / total if total else 0.0


def _match(word: str, other: str) -> float:
    """1 for the same word; PARTIAL for a word that begins the other or a near spelling of it; else 0."""
    if word == other:
        return 1.0
    short, long = sorted((word, other), key=len)
    if len(short) >= PREFIX and long.startswith(short):
        return PARTIAL
    if len(short) >= PREFIX and SequenceMatcher(None, word, other).ratio() >= PARTIAL:
        return PARTIAL
    return 0.0


def nearest_roles(pack: Pack, text: str) -> list[str]:
    """The listed roles that come nearest to the work named by `text`, best first (none when nothing is near)."""
    said = " ".join(_words(text))
    if not said:
        return []
    index = _Index(pack)
    best = {role_id: max(index.score(said, name) for name in names) for role_id, names in index.names.items()}
    ranked = sorted((role_id for role_id in best if best[role_id] >= NEAR), key=lambda r: -best[r])
    if not ranked:
        return []
    top = best[ranked[0]]
    return [r for r in ranked if best[r] >= CLOSE_TO_BEST * top][:MOST]


def listed(names: list[str], lang: Lang) -> str:
    """'a, b and c' in the language."""
    if len(names) < 2:
        return "".join(names)
    word = " and " if lang == "en" else " dan "
    return ", ".join(names[:-1]) + word + names[-1]


def unlisted_lines(pack: Pack, text: str, lang: Lang, labels: Lang | None = None, tasks: bool = True) -> list[str]:
    """What a person whose work is not listed is told, in `lang`: the nearest roles (named in `labels`' language,
    a form's own), with the tasks each covers unless `tasks` is False, then what the tool cannot judge."""
    nearest = nearest_roles(pack, text)
    messages, named = pack.messages, labels or lang
    work = " ".join(text.split())
    if not nearest:
        everyone = listed([pack.roles[r].label(named) for r in pack.roles], lang)
        return [
            fill(messages["unlisted_none"](lang), {"work": work, "roles": everyone}),
            messages["unlisted_cannot_judge"](lang),
        ]
    names = [pack.roles[r].label(named) for r in nearest]
    lines = [fill(messages["unlisted_nearest"](lang), {"work": work, "roles": listed(names, lang)})]
    for role_id in nearest if tasks else []:
        role = pack.roles[role_id]
        covered = "; ".join(task.label(named) for task in role.tasks.values())  # a label may hold "and"
        lines.append(fill(messages["unlisted_role_tasks"](lang), {"role": role.label(named), "tasks": covered}))
    lines.append(messages["unlisted_cannot_judge"](lang))
    return lines


def unlisted_error(pack: Pack, text: str) -> UserError | None:
    """The mistake `--role TEXT` makes when TEXT names work the pack does not list but some roles come near (None
    when none does): the nearest, what they cover, what cannot be judged, and the option to use instead."""
    nearest = nearest_roles(pack, text)
    if not nearest:
        return None
    shown = one_line(text)
    texts = {
        lang: "\n".join(
            [*unlisted_lines(pack, shown, lang), fill(pack.messages["unlisted_choose"](lang), {"role": nearest[0]})]
        )
        for lang in LANGS
    }
    return UserError(texts["en"], translations={"id": texts["id"]})
