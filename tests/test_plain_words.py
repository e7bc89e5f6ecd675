"""Plain words: `rules check` refuses long sentences and the glossary's avoided words in every text of a pack, and
the report a worker reads has neither, nor the research codes (indices, gradients, betas) only researchers use.

The first half checks the rules on a small pack written here, with whole error messages. The second renders the
shipped pack's report for every role, in both languages, for three kinds of answers.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pytest
from rich.console import Console

from aiexposure.errors import UserError
from aiexposure.escape import md
from aiexposure.model.answers import resolve
from aiexposure.model.report import Report
from aiexposure.model.scoring import assess
from aiexposure.pack.load import check_plain, default_rules_dir, load_pack
from aiexposure.pack.plain import phrase_pattern, sentences, word_count
from aiexposure.pack.schema import Lang, questions_for
from aiexposure.render.html import render_html
from aiexposure.render.markdown import render_markdown
from aiexposure.render.short import render_short
from aiexposure.render.text import render_text
from clirun import run_cli

PACK = load_pack(default_rules_dir())


def numbered(count: int, lang: str) -> str:
    """A sentence of exactly `count` words, without its full stop: 'en1 en2 … enN'."""
    return " ".join(f"{lang}{n}" for n in range(1, count + 1))


# A whole pack, as small as a pack can be: one family, role, task, question, score and point. Its program
# messages come from the shipped pack, which `rules check` does not hold against it. The citation and the former
# label of an option hold words the glossary avoids: neither is checked (pack/plain.py says why).
FILES = {
    "pack.yaml": """\
pack:
  id: tiny
  version: "1"
  name: {en: "A tiny pack", id: "Paket kecil"}
sources:
  aiexposure:
    short: "our judgement"
    short_id: "penilaian kami"
    citation: "Generative AI and Jobs: a title quoted as published, with its earnings figures."
families:
  gig:
    label: {en: "Gig workers", id: "Pekerja aplikasi"}
    measure: automation
""",
    "roles.yaml": """\
roles:
  driver:
    family: gig
    label: {en: "Driver", id: "Pengemudi"}
    description: {en: "Drives people.", id: "Mengantar orang."}
    typical_mix: {rides: 1}
    tasks:
      rides:
        label: {en: "Rides", id: "Mengantar penumpang"}
        genai: 0.2
        robotics: 0.1
        mode: substitute
        horizon: later
        rationale: {en: "Cars first.", id: "Mobil dulu."}
        sources: {genai: aiexposure, robotics: aiexposure, mode: aiexposure, horizon: aiexposure}
    market: {pressure: 0.1, low: 0.1, high: 0.1, source: aiexposure}
    spread: {low: 1.0, high: 1.0, source: aiexposure}
""",
    "questions.yaml": """\
points:
  - number: 1
    title: {en: "Your work", id: "Kerjamu"}
    intro: {en: "About your work.", id: "Tentang kerjamu."}
questions:
  app:
    kind: select
    point: 1
    families: [gig]
    prompt: {en: "Do you use an app?", id: "Kamu pakai aplikasi?"}
    options:
      no:
        label: {en: "No", id: "Tidak"}
        formerly: [{en: "No earnings from it", id: "Tidak ada pendapatan"}]
      yes: {label: {en: "Yes", id: "Ya"}, value: 1.0}
    default: "no"
quiz:
  time_amounts:
    some: {label: {en: "Some", id: "Sebagian"}, weight: 1}
""",
    "scoring.yaml": """\
scoring:
  horizons:
    later: {label: {en: "later", id: "nanti"}, years: "10", factor: 0.5, low: 0.5, high: 0.5}
  scores:
    exposure:
      label: {en: "Reach", id: "Jangkauan"}
      meaning: {en: "How much AI can do.", id: "Seberapa banyak yang bisa dikerjakan AI."}
      terms: [{id: tasks, signal: {tasks: genai}}]
  risk:
    label: {en: "Risk", id: "Risiko"}
    meaning: {en: "Your risk.", id: "Risikomu."}
    terms: [{id: reach, signal: {score: exposure}}]
  bands:
    - {id: low, below: 50, label: {en: "low", id: "rendah"}}
    - {id: high, label: {en: "high", id: "tinggi"}}
  exposed: {label: {en: "Risk", id: "Risiko"}, terms: [{id: reach, signal: {score: exposure}}], threshold: 30}
  adapting: {label: {en: "Adapting", id: "Beradaptasi"}, terms: [{id: app, signal: {answer: app}}], threshold: 50}
  verdicts:
    threat: {exposed: true, adapting: false, label: {en: "At risk", id: "Berisiko"}, summary: {en: "Act.", id: "Ayo."}}
    ahead: {exposed: true, adapting: true, label: {en: "Ahead", id: "Di depan"}, summary: {en: "Go on.", id: "Lanjut."}}
    watch: {exposed: false, adapting: false, label: {en: "Watch", id: "Waspada"}, summary: {en: "Look.", id: "Lihat."}}
    ready: {exposed: false, adapting: true, label: {en: "Ready", id: "Siap"}, summary: {en: "Good.", id: "Bagus."}}
  readouts: {gig: [exposure]}
  moves_shown: 3
  advice_shown: 5
""",
    "messages.yaml": "messages: {}\n",
}

GLOSSARY = """\
plain:
  max_sentence_words: 25
glossary:
  - id: score
    means: a number from 0 to 100
    use: {en: "score", id: "skor"}
    avoid: {en: [], id: ["nilai"]}
  - id: income
    means: money a person earns
    use: {en: "income", id: "penghasilan"}
    avoid: {en: ["earnings"], id: ["pendapatan"]}
  - id: ai
    means: the AI that writes
    use: {en: "AI", id: "AI"}
    avoid: {en: ["generative AI"], id: ["AI generatif"]}
"""


def advice(item: str, en: str, id_: str) -> str:
    """One advice item with these texts (YAML double-quoted: `\\n` is a line break), shown to every gig worker."""
    return (
        f"  - id: {item}\n    point: 1\n    priority: 1\n    when: {{family: [gig]}}\n"
        f'    text:\n      en: "{en}"\n      id: "{id_}"\n'
    )


def write_pack(folder: Path, items: list[str] | None = None, glossary: str = GLOSSARY) -> Path:
    """The tiny pack in `folder`, with these advice items and this glossary.yaml."""
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    body = "advice:\n" + "".join(items) if items else "advice: []\n"
    (folder / "advice.yaml").write_text(body + "faq: []\n", encoding="utf-8")
    (folder / "glossary.yaml").write_text(glossary, encoding="utf-8")
    return folder


def place(folder: Path, name: str, after: str, needle: str) -> str:
    """`folder/name:LINE:COL` where the value just after the first `needle` that follows `after` starts."""
    text = (folder / name).read_text(encoding="utf-8")
    assert text.count(after) == 1, after
    at = text.index(needle, text.index(after)) + len(needle)
    return f"{folder / name}:{text.count(chr(10), 0, at) + 1}:{at - text.rfind(chr(10), 0, at)}"


def text_at(folder: Path, item: str, lang: str) -> str:
    """Where advice item `item`'s text in `lang` starts."""
    return place(folder, "advice.yaml", f"- id: {item}\n", f"      {lang}: ")


def problems(folder: Path) -> list[str]:
    """The plain-words problems `rules check` lists for the pack in `folder` (which loads without problems)."""
    pack = load_pack(folder)
    try:
        check_plain(folder, pack)
    except UserError as error:
        head, *lines = error.message.splitlines()
        count = len(lines)
        assert head == f"the rules pack in '{folder}' has {count} problem{'s' if count != 1 else ''}:"
        return lines
    return []


def long(where: str, path: str, lang: str, words: int, start: str) -> str:
    """The whole message for a sentence of `words` words that starts with `start`."""
    return (
        f'{where}: {path}: a sentence ({lang}) of {words} words, more than 25: "{start} …"; '
        "split it into shorter sentences"
    )


# ---------------------------------------------------------------- the rules, on a small pack


def test_the_tiny_pack_passes_and_a_pack_written_before_plain_words_checks_none(tmp_path: Path) -> None:
    # its citation and an option's former label hold 'Generative AI', 'earnings' and 'pendapatan': not read as texts
    assert problems(write_pack(tmp_path / "tiny")) == []
    # a pack from before the glossary has no limit and no glossary: a 60-word sentence passes
    old = write_pack(tmp_path / "old", [advice("long", numbered(60, "en") + ".", numbered(60, "id") + ".")])
    (old / "glossary.yaml").unlink()
    pack = load_pack(old)
    assert (pack.plain, pack.glossary) == (None, [])
    assert problems(old) == []


def test_25_words_pass_and_26_are_refused_in_each_language(tmp_path: Path) -> None:
    folder = write_pack(
        tmp_path / "rules",
        [
            advice("exact", numbered(25, "en") + ".", numbered(25, "id") + "."),
            advice("long_en", numbered(26, "en") + ".", numbered(25, "id") + "."),
            advice("long_id", numbered(25, "en") + ".", numbered(26, "id") + "."),
        ],
    )
    assert problems(folder) == [
        long(text_at(folder, "long_en", "en"), "advice.long_en.text.en", "en", 26, numbered(8, "en")),
        long(text_at(folder, "long_id", "id"), "advice.long_id.text.id", "id", 26, numbered(8, "id")),
    ]


def test_a_placeholder_is_one_word_and_sentences_end_at_a_stop_or_a_line_break(tmp_path: Path) -> None:
    folder = write_pack(
        tmp_path / "rules",
        [
            # 24 words and a placeholder: 25; then 25 words and a placeholder: 26
            advice("slot", numbered(24, "en") + " {role}.", numbered(25, "id") + " ({role})."),
            # two sentences of 20 words each: after '.', '!' or '?' and a space, or a line break, a new one starts
            advice(
                "stops", f"{numbered(20, 'en')}! {numbered(20, 'en')}?", f"{numbered(20, 'id')}\\n{numbered(20, 'id')}"
            ),
            # a stop without a space after it (16.800, 1.5) ends nothing: 14 + 1 + 12 = 27 words
            advice("figures", f"{numbered(14, 'en')} 16.800 {numbered(12, 'en')}.", f"{numbered(20, 'id')}."),
        ],
    )
    assert problems(folder) == [
        long(text_at(folder, "slot", "id"), "advice.slot.text.id", "id", 26, numbered(8, "id")),
        long(text_at(folder, "figures", "en"), "advice.figures.text.en", "en", 27, numbered(8, "en")),
    ]
    assert sentences("One two. Three\nfour! Five? six") == ["One two.", "Three", "four!", "Five?", "six"]
    assert word_count("Call {role} at 16.800 now.") == 5


def test_an_avoided_word_is_refused_as_a_whole_word_in_any_case_in_its_own_language(tmp_path: Path) -> None:
    folder = write_pack(
        tmp_path / "rules",
        [
            advice("score", "Your score went up.", "Nilai kamu naik."),
            advice("inside", "We rate your work.", "Kami menilai kerjamu; nilainya naik."),  # 'nilai' is no word here
            advice("spaced", "Earnings and generative  AI.", "Pakai AI generatif (bukan generative AI)."),
        ],
    )
    sources = (folder / "pack.yaml").read_text(encoding="utf-8").replace("penilaian kami", "pendapatan kami")
    (folder / "pack.yaml").write_text(sources, encoding="utf-8")
    assert problems(folder) == [
        f"{text_at(folder, 'score', 'id')}: advice.score.text.id: 'Nilai' (id) is a word the glossary avoids for "
        "'score'; use 'skor'",
        f"{text_at(folder, 'spaced', 'en')}: advice.spaced.text.en: 'Earnings' (en) is a word the glossary avoids "
        "for 'income'; use 'income'",
        f"{text_at(folder, 'spaced', 'en')}: advice.spaced.text.en: 'generative AI' (en) is a word the glossary "
        "avoids for 'ai'; use 'AI'",
        f"{text_at(folder, 'spaced', 'id')}: advice.spaced.text.id: 'AI generatif' (id) is a word the glossary "
        "avoids for 'ai'; use 'AI'",
        f"{place(folder, 'pack.yaml', 'short_id', 'short_id: ')}: sources.aiexposure.short_id: 'pendapatan' (id) is "
        "a word the glossary avoids for 'income'; use 'penghasilan'",
    ]
    assert phrase_pattern("nilai").search("menilai") is None
    assert phrase_pattern("tanpa pengemudi").search("mobil tanpa\n pengemudi") is not None


def test_the_glossary_is_checked_itself(tmp_path: Path) -> None:
    glossary = (
        GLOSSARY
        + """\
  - id: score
    means: the same idea twice
    use: {en: "mark", id: "angka"}
  - id: hour
    means: income per hour
    use: {en: "income per hour", id: "penghasilan per jam"}
    avoid: {en: ["per hour", "hourly pay"], id: ["Penghasilan"]}
"""
    )
    folder = write_pack(tmp_path / "rules", glossary=glossary)
    where = "glossary.yaml"
    twice = place(folder, where, "  - id: score\n    means: the same idea twice", "id: ")
    assert problems(folder) == [
        f"{twice}: glossary.score.id: glossary id 'score' is used twice",
        f"{place(folder, where, 'id: hour', 'avoid: {en: [')}: glossary.hour.avoid.en.0: 'per hour' is found in its "
        "own word to use, 'income per hour', so that word would be refused too; remove it from avoid or choose "
        "another word to use",
        f"{place(folder, where, 'id: hour', 'id: [')}: glossary.hour.avoid.id.0: 'Penghasilan' is found in the word "
        "to use for 'income', 'penghasilan', so that word would be refused too; remove it from avoid or choose "
        "another word to use",
        f"{place(folder, where, 'id: hour', 'id: [')}: glossary.hour.avoid.id.0: 'Penghasilan' is found in its own "
        "word to use, 'penghasilan per jam', so that word would be refused too; remove it from avoid or choose "
        "another word to use",
    ]


def test_a_glossary_term_needs_its_word_in_both_languages(tmp_path: Path) -> None:
    glossary = GLOSSARY + '  - id: half\n    means: one language only\n    use: {en: "half"}\n'
    folder = write_pack(tmp_path / "rules", glossary=glossary)
    with pytest.raises(UserError) as caught:
        load_pack(folder)
    assert caught.value.message == (
        f"the rules pack in '{folder}' has 1 problem:\n"
        f"{place(folder, 'glossary.yaml', 'id: half', 'use: ')}: glossary.half.use.id: a text missing a language: add "
        "its Bahasa Indonesia version (id: ...); every text people read is written in en and id"
    )


def test_rules_check_lists_every_problem_in_file_and_line_order_and_exits_2(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "rules", [advice("late", "Earnings.", "Oke."), advice("early", "Fine.", "Nilai.")])
    questions = (folder / "questions.yaml").read_text(encoding="utf-8")
    (folder / "questions.yaml").write_text(questions.replace("Kamu pakai aplikasi?", "Nilai aplikasi?"), "utf-8")
    result = run_cli(tmp_path, "rules", "check", str(folder))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"aiexposure: the rules pack in '{folder}' has 3 problems:\n"
        f"{text_at(folder, 'late', 'en')}: advice.late.text.en: 'Earnings' (en) is a word the glossary avoids for "
        "'income'; use 'income'\n"
        f"{text_at(folder, 'early', 'id')}: advice.early.text.id: 'Nilai' (id) is a word the glossary avoids for "
        "'score'; use 'skor'\n"
        f"{place(folder, 'questions.yaml', 'prompt:', 'id: ')}: questions.app.prompt.id: 'Nilai' (id) is a word "
        "the glossary avoids for 'score'; use 'skor'\n"
    )
    # every other command still reads the pack: a long sentence is for its author to fix, not a reason to refuse
    # a person their report
    assessed = run_cli(tmp_path, "--rules", str(folder), "assess", "--role", "driver", "--format", "json")
    assert assessed.returncode == 0, assessed.stderr


# ---------------------------------------------------------------- the worker's report of the shipped pack

# The research codes a worker never reads: the indices' names, their authors, their units and their scale.
RESEARCH = {
    "Gradient": r"\bGradient\b",
    "Gradien": r"\bGradien\b",
    "beta": r"(?i)\bbeta\b",
    "GPT-4": r"\bGPT-4\b",
    "ILO": r"\bILO\b",
    "Eloundou": r"\bEloundou\b",
    "Frey": r"\bFrey\b",
    "Osborne": r"\bOsborne\b",
    "Microsoft": r"\bMicrosoft\b",
    "0-1": r"(?<![\d.,])0[-–]1(?![\d.,])",
    "skala 0-1": r"(?i)\bskala 0[-–]1\b",
}
WIDE = 4000  # columns: no text of the pack is wrapped, so each line holds whole sentences
BOX = re.compile(r"[│┃║|╭╮╰╯─━┏┓┗┛┡┩┣┫╇┳┻┼╋└┘┌┐├┤┬┴]+")  # table and panel borders: each cell is its own text


@cache
def extreme(role: str, worst: bool) -> tuple[tuple[str, str], ...]:
    """Answers that push risk up (`worst`) or down, chosen one question at a time in the pack's order."""
    chosen: dict[str, str] = {}
    for question_id in questions_for(PACK, PACK.roles[role].family):
        question = PACK.questions[question_id]
        if question.kind == "multi":
            every = list(PACK.roles[role].tasks) if question.options_from_tasks else list(question.options)
            values = ["", ",".join(every)]
        else:
            values = list(question.options)
        risk = {v: assess(PACK, resolve(PACK, role, None, {**chosen, question_id: v})).risk.value for v in values}
        chosen[question_id] = (max if worst else min)(values, key=risk.__getitem__)
    return tuple(chosen.items())


def answers(role: str, profile: str) -> dict[str, str]:
    return {} if profile == "default" else dict(extreme(role, profile == "worst"))


def worker_reports(role: str, lang: Lang, profile: str, research: bool = False) -> dict[str, str]:
    """The text and markdown reports, unwrapped."""
    report = Report(assess(PACK, resolve(PACK, role, None, answers(role, profile))), lang)
    buffer = io.StringIO()
    render_text(report, Console(file=buffer, width=WIDE, no_color=True), research=research)
    return {"text": buffer.getvalue(), "markdown": render_markdown(report, research=research)}


MARKER = re.compile(r"^(?:[•→–-]|\d+\.)\s+")  # a list's bullet or number: no word of the sentence after it


def read_sentences(report: str) -> list[str]:
    """The sentences of a rendered report, each table cell and line on its own, without list markers."""
    return [
        s for line in report.splitlines() for part in BOX.split(line) for s in sentences(MARKER.sub("", part.strip()))
    ]


PROFILES = ["default", "worst", "best"]


def test_the_profiles_reach_both_ends_of_risk() -> None:
    for role in PACK.roles:
        risks = [assess(PACK, resolve(PACK, role, None, answers(role, p))).risk.value for p in PROFILES]
        assert risks[2] < risks[0] < risks[1], (role, risks)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("role", list(PACK.roles))
def test_a_workers_report_has_short_sentences_the_glossarys_words_and_no_research_codes(
    role: str, lang: Lang, profile: str
) -> None:
    assert PACK.plain is not None
    limit = PACK.plain.max_sentence_words
    avoided = [(t.id, phrase, phrase_pattern(phrase)) for t in PACK.glossary for phrase in t.avoid(lang)]
    found: list[str] = []
    for kind, report in worker_reports(role, lang, profile).items():
        said = read_sentences(report)
        found += [f"{kind}: {word_count(s)} words: {s}" for s in said if word_count(s) > limit]
        found += [
            f"{kind}: glossary {term}: '{phrase}' in: {s}" for s in said for term, phrase, p in avoided if p.search(s)
        ]
        found += [
            f"{kind}: research code '{code}' in: {s}" for s in said for code, p in RESEARCH.items() if re.search(p, s)
        ]
    assert found == []


def test_research_is_an_option_of_assess_and_history_show(tmp_path: Path) -> None:
    heading = PACK.messages["research_heading"].en
    env = {"AIEXPOSURE_HOME": str(tmp_path / "home")}
    worker = run_cli(tmp_path, "assess", "--role", "ojol", "-f", "markdown", "--keep", env=env)
    assert worker.returncode == 0 and heading not in worker.stdout and "ILO" not in worker.stdout
    research = run_cli(tmp_path, "assess", "--role", "ojol", "-f", "markdown", "--research")
    # the worker's whole part (all but the line naming the pack), then the part for researchers
    assert research.stdout.startswith(worker.stdout.rsplit("\n_", 1)[0] + "\n---\n")
    assert f"\n## {heading}\n" in research.stdout and "ILO 2025" in research.stdout
    shown = run_cli(tmp_path, "history", "show", "-f", "html", "--research", env=env)
    assert shown.returncode == 0 and f"<h2>{heading}</h2>" in shown.stdout
    helped = run_cli(tmp_path, "assess", "--help", env={"COLUMNS": "200"})
    assert PACK.messages["help_assess_research"].en in " ".join(helped.stdout.split())


def test_a_multi_select_answer_lists_its_options_one_a_line() -> None:
    report = Report(assess(PACK, resolve(PACK, "writer", None, {"human_edge": "empathy,culture"})), "en")
    edge = PACK.questions["human_edge"]
    prompt, labels = edge.prompt.en, [edge.options[o].label.en for o in ("empathy", "culture")]
    buffer = io.StringIO()
    render_text(report, Console(file=buffer, width=WIDE, no_color=True))
    assert f"• {prompt}\n  – {labels[0]}\n  – {labels[1]}\n" in buffer.getvalue()
    assert f"- {md(prompt)}\n  - **{md(labels[0])}**\n  - **{md(labels[1])}**\n" in render_markdown(report)
    # one option stays on the question's line
    assert f"- {md(PACK.questions['ai_use'].prompt.en)} **" in render_markdown(report)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_research_codes_are_in_the_part_for_researchers_only(lang: Lang) -> None:
    for kind, report in worker_reports("driver", lang, "default", research=True).items():
        heading = Report(assess(PACK, resolve(PACK, "driver", None, {})), lang).t("research_heading")
        worker, research = report.split(heading)
        assert not [code for code, p in RESEARCH.items() if re.search(p, worker)], kind
        assert [code for code in ("ILO", "Eloundou", "Microsoft", "Frey") if re.search(RESEARCH[code], research)] == [
            "ILO",
            "Eloundou",
            "Microsoft",
            "Frey",
        ], kind


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_verdict_is_printed_as_the_pack_writes_it_in_every_format(tmp_path: Path, lang: Lang) -> None:
    folder = write_pack(tmp_path / "rules")
    scoring = (folder / "scoring.yaml").read_text(encoding="utf-8")
    lower = 'label: {en: "keep watching", id: "tetap waspada"}'
    (folder / "scoring.yaml").write_text(scoring.replace('label: {en: "Watch", id: "Waspada"}', lower), "utf-8")
    pack = load_pack(folder)
    result = assess(pack, resolve(pack, "driver", None, {}))
    assert result.verdict == "watch"  # reach 20 is under the line at 30, and the app is not used
    report = Report(result, lang)
    label = report.verdict_label
    buffer = io.StringIO()
    render_text(report, Console(file=buffer, width=100, no_color=True), close=True)
    shown = {
        "text": buffer.getvalue(),
        "markdown": render_markdown(report),
        "html": render_html(report),
        "short": render_short(report),
    }
    said = f"{report.t('verdict')}: "
    for kind, report_text in shown.items():
        assert f"{said}{label}" in re.sub(r"<[^>]+>|\*\*", "", report_text), kind
        assert label.upper() not in report_text and label.capitalize() not in report_text, kind
