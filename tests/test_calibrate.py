"""`rules calibrate`: the model beside the published indices, with hand-checked numbers and correlations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aiexposure.model.calibrate import calibration_data, spearman
from aiexposure.pack.load import default_rules_dir, load_pack
from clirun import run_cli

PACK = load_pack(default_rules_dir())


def test_spearman_with_ties_and_without_spread() -> None:
    # ranks [2, 2, 2, 5, 4] against [1, 2, 3, 4, 5]: cov 7, variances 8 and 10 -> 7 / sqrt(80) = 0.7826
    assert spearman([0, 0, 0, 0.5, 0.32], [0.038, 0.082, 0.38, 0.89, 0.94]) == 0.783
    assert spearman([1, 2, 3], [30, 20, 10]) == -1.0
    assert spearman([1, 1, 1], [1, 2, 3]) is None
    assert spearman([1], [2]) is None


def test_each_roles_numbers_at_its_typical_mix() -> None:
    roles = {r["role"]: r for r in calibration_data(PACK, "en")["roles"]}
    # writer: .15*.55 + .30*.56 + .20*.6625 + .15*.55 + .10*.445 + .10*.41
    #       = .0825 + .168 + .1325 + .0825 + .0445 + .041 = .551
    # spread .99 and 1.58 scale the whole occupation: .551*.99 = .54549 -> .5455, .551*1.58 = .87058 -> .8706
    writer = roles["writer"]["genai"]
    assert (writer["model"], writer["low"], writer["high"]) == (0.551, 0.5455, 0.8706)
    assert writer["ilo2025"] == 0.55
    # designer: .20*.5625 + .10*.585 + .15*.375 + .20*.585 + .15*.6125 + .20*.41
    #         = .1125 + .0585 + .05625 + .117 + .091875 + .082 = .518125 -> .5181; x .79 = .40932, x 1.2 = .62175
    designer = roles["designer"]["genai"]
    assert (designer["model"], designer["low"], designer["high"]) == (0.5181, 0.4093, 0.6218)
    # translator: .30*.64 + .20*.70 + .15*.64 + .15*.64 + .10*.535 + .10*.615
    #           = .192 + .14 + .096 + .096 + .0535 + .0615 = .639; x .92 = .58788, x 1.38 = .88182
    translator = roles["translator"]["genai"]
    assert (translator["model"], translator["low"], translator["high"]) == (0.639, 0.5879, 0.8818)
    # video editor: .30*.52 + .20*.66 + .10*.685 + .15*.40 + .10*.52 + .15*.45
    #             = .156 + .132 + .0685 + .06 + .052 + .0675 = .536; x .48 = .25728, x 1.0 (no higher end)
    video = roles["video_editor"]["genai"]
    assert (video["model"], video["low"], video["high"]) == (0.536, 0.2573, 0.536)
    assert (video["ilo2025"], video["ilo2023"], video["eloundou2023"]) == (0.37, 0.26, 0.53)
    # web developer: .25*.65 + .25*.685 + .15*.555 + .10*.535 + .10*.48 + .15*.565
    #              = .1625 + .17125 + .08325 + .0535 + .048 + .08475 = .60325; x .53 = .3197225, x 1.55 = .9350375
    web = roles["web_developer"]["genai"]
    assert (web["model"], web["low"], web["high"]) == (0.6032, 0.3197, 0.935)
    # social media admin: .25*.665 + .20*.5625 + .15*.51 + .20*.56 + .10*.65 + .10*.465
    #                   = .16625 + .1125 + .0765 + .112 + .065 + .0465 = .57875; x .86 = .497725, x 1.01 = .5845375
    social = roles["social_media"]["genai"]
    assert (social["model"], social["low"], social["high"]) == (0.5788, 0.4977, 0.5845)
    # virtual assistant: .20*.6375 + .15*.76 + .20*.56 + .20*.55 + .15*.62 + .10*.32
    #                  = .1275 + .114 + .112 + .11 + .093 + .032 = .5885; x .96 = .56496, x 1.1 = .64735
    va = roles["virtual_assistant"]["genai"]
    assert (va["model"], va["low"], va["high"]) == (0.5885, 0.565, 0.6474)
    # data entry: .30*.7375 + .20*.70 + .20*.685 + .10*.65 + .10*.6625 + .10*.60
    #           = .22125 + .14 + .137 + .065 + .06625 + .06 = .6895; x .72 = .49644, x 1.3 = .89635
    data = roles["data_entry"]["genai"]
    assert (data["model"], data["low"], data["high"]) == (0.6895, 0.4964, 0.8964)
    # desk work: no robot takes any of the new trades' tasks
    assert {roles[r]["automation"]["model"] for r in ("video_editor", "web_developer", "data_entry")} == {0.0}
    # driver: .45*.1725 + .25*.165 + .10*.735 + .10*.1225 + .10*.12
    #       = .077625 + .04125 + .0735 + .01225 + .012 = .216625 -> .2166; x 1.0, x 1.3 = .2816125
    driver = roles["driver"]["genai"]
    assert (driver["model"], driver["low"], driver["high"]) == (0.2166, 0.2166, 0.2816)
    # courier: .40*.25 + .05*.25 + .15*.425 + .15*.70 + .15*.35 + .10*.20
    #        = .1 + .0125 + .06375 + .105 + .0525 + .02 = .35375 -> .3538; x .45 = .1591875, x 1.05 = .3714375
    courier = roles["courier"]["genai"]
    assert (courier["model"], courier["low"], courier["high"]) == (0.3538, 0.1592, 0.3714)
    # driver, at its most exposed options (car, metro), no horizon: .45*.8 + .25*.5 + .1*.1 + .1*.05 = .50
    assert roles["driver"]["automation"] == {"model": 0.5, "freyosborne2017": 0.89}
    # courier: .4*.5 + .05*.4 + .15*.5 + .15*.1 + .1*.1 = .32
    assert roles["courier"]["automation"]["model"] == 0.32
    assert roles["translator"]["codes"]["isco08"].startswith("2643")


SAME_SCALE = ("ilo2025", "ilo2023", "eloundou2023")


def test_each_roles_genai_range_holds_every_same_scale_index() -> None:
    # ranges are built at occupation level, so each role's typical-mix range reaches every 0-1 index for it:
    #   writer     .5455-.8706 holds ILO 2025 .55, ILO 2023 .68, Eloundou .87
    #   designer   .4093-.6218 holds .49, .42, .50
    #   translator .5879-.8818 holds .59, .59, .88
    #   video editor  .2573-.536  holds .37, .26, .53 (and Eloundou's human rating .47)
    #   web developer .3197-.935  holds .60, .32, .93 (human .63)
    #   social media  .4977-.5845 holds .55, .51, .50 (human .58)
    #   VA            .565-.6474  holds .58, .64, .64 (human .57)
    #   data entry    .4964-.8964 holds .70, .70, .89 (human .50)
    #   driver     .2166-.2816 holds .28, .24, .28
    #   courier    .1592-.3714 holds .37, .28, .31
    held = {}
    for row in calibration_data(PACK, "en")["roles"]:
        genai = row["genai"]
        assert set(SAME_SCALE) <= set(genai), row["role"]
        held[row["role"]] = all(genai["low"] <= genai[source] <= genai["high"] for source in SAME_SCALE)
    assert held == dict.fromkeys(PACK.roles, True)


def test_no_task_is_capped_at_the_high_end() -> None:
    # post-editing at .8 instead of .7: .8 x 1.38 = 1.104 at the high end, counted in full (the score's own clamp,
    # not a cap per task, keeps a score within 0-1). Typical mix: .639 + .20 x .1 = .659; x 1.38 = .90942;
    # with a cap at 1 it would have been (.659 - .2 x .8) x 1.38 + .2 x 1 = .68862 + .2 = .88862
    translator = PACK.roles["translator"]
    tasks = {**translator.tasks, "post_editing": translator.tasks["post_editing"].model_copy(update={"genai": 0.8})}
    changed = PACK.model_copy(
        update={"roles": {**PACK.roles, "translator": translator.model_copy(update={"tasks": tasks})}}
    )
    changed.__dict__.pop("derived", None)
    row = next(r for r in calibration_data(changed, "en")["roles"] if r["role"] == "translator")
    assert (row["genai"]["model"], row["genai"]["high"]) == (0.659, 0.9094)


def role_rho(data: dict[str, Any]) -> dict[tuple[str, str], float | None]:
    return {(c["index"], c["measure"]): c["spearman"] for c in data["correlations"] if c["level"] == "role"}


def test_the_model_ranks_roles_like_the_indices() -> None:
    # model, ranks 1-10: driver .2166, courier .3538, designer .5181, video .536, writer .551, social .5788,
    # VA .5885, web .6032, translator .639, data entry .6895. ILO 2025: driver .28 (1), courier and video .37 (2.5),
    # designer .49 (4), writer and social .55 (5.5), VA .58 (7), translator .59 (8), web .60 (9), data .70 (10):
    # d = 0, -.5, -1, 1.5, -.5, .5, 0, -1, 1, 0, sum of d^2 = 6 -> 1 - 6 x 6 / (10 x 99) = .964 before the tie
    # correction, .963 as Pearson's r of the ranks
    rho = role_rho(calibration_data(PACK, "en"))
    assert rho[("ilo2025", "genai")] == 0.963
    assert rho[("eloundou2023", "genai")] == 0.888
    assert rho[("ilo2023", "genai")] == 0.721
    assert rho[("microsoft2025", "genai")] == 0.685
    # the pack's robot share is 0 for every desk trade, and Frey & Osborne rate the clerical trades as
    # computerisable by software (secretaries .96, data entry keyers .99): the ranks agree far less
    assert rho[("freyosborne2017", "automation")] == 0.337


def task_rho(data: dict[str, Any]) -> dict[tuple[str, str | None, str | None], tuple[float | None, int]]:
    return {
        (c["index"], c["family"], c.get("role")): (c["spearman"], c["n"])
        for c in data["correlations"]
        if c["level"] == "task"
    }


def test_every_task_number_is_its_matched_ilo_2025_task_score() -> None:
    data = calibration_data(PACK, "en")
    tasks = data["tasks"]
    assert [(t["role"], t["task"]) for t in tasks] == [(r, t) for r, role in PACK.roles.items() for t in role.tasks]
    # every pack genai number is the matched ILO 2025 task's score, so ILO's rank order is the pack's
    assert [t for t in tasks if t["pack"] != t["ilo2025"]] == []
    assert all(t["matched"]["ilo2025"] and t["matched"]["eloundou2023"] for t in tasks)
    rho = task_rho(data)
    assert rho[("ilo2025", None, None)] == (1.0, 59)  # eight freelance trades of 6 tasks, 5 + 6 gig tasks
    assert rho[("ilo2025", "freelancer", None)] == (1.0, 48)  # 8 x 6
    assert rho[("ilo2025", "gig", None)] == (1.0, 11)
    assert rho[("ilo2025", "gig", "driver")] == (1.0, 5)


def test_task_level_rho_against_eloundou_by_hand() -> None:
    rho = task_rho(calibration_data(PACK, "en"))
    # writer: pack outline .55, drafting .56, editing .6625, research .55, voice .445, client .41 -> ranks
    # 3.5, 5, 6, 3.5, 2, 1; Eloundou 1, 1, 1, .5, 1, 1 -> ranks 4, 4, 4, 1, 4, 4. Both mean 3.5; the products of
    # deviations are 0, .75, 1.25, 0, -.75, -1.25: covariance 0, so rho 0
    assert rho[("eloundou2023", "freelancer", "writer")] == (0.0, 6)
    # Eloundou rates every designer task .5 and every translator task 1: no spread, no rho
    assert rho[("eloundou2023", "freelancer", "designer")] == (None, 6)
    assert rho[("eloundou2023", "freelancer", "translator")] == (None, 6)
    # video editor: pack finishing .40, brief .45, assembly .52, motion .52, shorts .66, subtitles .685 -> ranks
    # 1, 2, 3.5, 3.5, 5, 6; Eloundou .5 for four tasks (rank 2.5), 1 for subtitles and motion (5.5). Deviations from
    # 3.5: pack 0, 1.5, 2.5, -2.5, 0, -1.5 (assembly, shorts, subtitles, finishing, motion, brief); Eloundou
    # -1, -1, 2, -1, 2, -1. Products sum to 7.5; variances 17 and 12 -> 7.5 / sqrt(204) = .525
    assert rho[("eloundou2023", "freelancer", "video_editor")] == (0.525, 6)
    assert rho[("eloundou2023", "freelancer", "web_developer")] == (None, 6)  # every matched task E1


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_command_in_both_formats(lang: str, tmp_path: Path) -> None:
    table = run_cli(tmp_path, "--lang", lang, "rules", "calibrate")
    rho, tasks = ("0.337", "1.000 (n=48)") if lang == "en" else ("0,337", "1,000 (n=48)")  # Indonesian: a comma
    assert table.returncode == 0 and "ILO 2025" in table.stdout and rho in table.stdout and tasks in table.stdout
    data = json.loads(run_cli(tmp_path, "--lang", lang, "rules", "calibrate", "--format", "json").stdout)
    assert set(data) == {"roles", "tasks", "correlations"}
    assert [r["role"] for r in data["roles"]] == list(PACK.roles)
    assert {c["measure"] for c in data["correlations"]} == {"genai", "automation"}
    assert {c["level"] for c in data["correlations"]} == {"role", "task"}
    assert all({"level", "family", "n"} <= set(c) for c in data["correlations"])
    assert task_rho(data)[("ilo2025", "freelancer", None)] == (1.0, 48)


def test_method_page_lists_every_task_number_as_the_pack_has_it() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "method.md").read_text(encoding="utf-8")
    for role_id, role in PACK.roles.items():
        for task_id, task in role.tasks.items():
            by = "; ".join(
                f"{q}: " + ", ".join(f"{o} {v:g}" for o, v in m.items()) for q, m in task.robotics_by.items()
            )
            ilo, eloundou = task.matches["ilo2025"], task.matches["eloundou2023"]
            assert eloundou.human is not None
            # the page says every genAI number is its matched ILO 2025 task's score; the pack must agree
            assert (task.sources.genai, task.genai) == ("ilo2025", ilo.value), (role_id, task_id)
            row = (
                f"| {role_id} | {task_id} | {task.genai:g} | {ilo.code} {ilo.task} | {ilo.value:g} | "
                f"{eloundou.code} {eloundou.task} | {eloundou.value:g} | {eloundou.human:g} | {task.robotics:g} | "
                f"{task.mode} | {task.horizon} | {by or '—'} |"
            )
            assert row in text, row
