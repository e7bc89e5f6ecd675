"""A seeded random population, judged as a labour economist would: one risk scale that every band uses."""

from __future__ import annotations

import random
from collections import Counter

from aiexposure.model.answers import option_ids, resolve
from aiexposure.model.scoring import assess
from aiexposure.pack.load import default_rules_dir, load_pack

PACK = load_pack(default_rules_dir())


def population(size: int, seed: int) -> list[tuple[str, float, str, str]]:
    """(family, risk, band, verdict) for people with uniformly random answers and task mixes."""
    chance = random.Random(seed)
    people = []
    for _ in range(size):
        role_id = chance.choice(list(PACK.roles))
        role = PACK.roles[role_id]
        tasks = {t: chance.choice([0, 1, 2, 4]) for t in role.tasks}
        if not any(tasks.values()):
            tasks[next(iter(role.tasks))] = 1
        raw: dict[str, object] = {}
        for qid, question in PACK.questions.items():
            if role.family in question.families:
                values = option_ids(question, role)
                raw[qid] = (
                    chance.choice(values) if question.kind == "select" else [v for v in values if chance.random() < 0.5]
                )
        result = assess(PACK, resolve(PACK, role_id, tasks, raw), full=False)
        people.append((role.family, result.risk.value, result.band.id, result.verdict))
    return people


def test_every_band_holds_at_least_5_percent_of_each_family() -> None:
    people = population(4000, seed=9)
    for family in PACK.families:
        bands = Counter(band for fam, _, band, _ in people if fam == family)
        total = sum(bands.values())
        for band in PACK.scoring.bands:
            assert bands[band.id] / total >= 0.05, (family, dict(bands))


def test_no_one_saturates_and_verdicts_agree_with_bands() -> None:
    for _, risk, band, verdict in population(4000, seed=10):
        assert risk < 100.0
        assert not (verdict == "threat" and band == "low")
        assert not (verdict in ("ready", "watch") and band in ("high", "critical"))
