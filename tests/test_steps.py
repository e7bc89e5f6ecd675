"""A step that rests on a hypothesis says so wherever it is worded: a person's report and a class summary alike."""

from __future__ import annotations

from aiexposure.model.report import step_text
from aiexposure.pack.load import default_rules_dir, load_pack

PACK = load_pack(default_rules_dir())
WRITER = PACK.roles["writer"]


def test_a_hypothesis_step_carries_its_caveat_in_both_languages() -> None:
    assert step_text(PACK, WRITER, "output", "bespoke", "en") == (
        "Make most of what you offer work made for each client's own situation "
        "(Studies do not yet agree on how much this protects you.)"
    )
    assert step_text(PACK, WRITER, "human_edge", "empathy", "id").endswith(
        "(Para peneliti belum sepakat seberapa besar ini melindungimu.)"
    )


def test_a_step_the_evidence_supports_has_no_caveat() -> None:
    assert step_text(PACK, WRITER, "role_focus", "curator", "en") == (
        "Shape the idea and work out what the client needs before producing anything"
    )
