"""The HTML report: one self-contained page, escaped, in both languages, in the markdown report's order."""

from __future__ import annotations

import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from aiexposure.escape import esc
from aiexposure.model.answers import resolve
from aiexposure.model.report import Report
from aiexposure.model.scoring import Assessment, assess
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import Lang, Pack
from aiexposure.render.html import render_html
from aiexposure.render.markdown import render_markdown
from clirun import run_cli

PACK = load_pack(default_rules_dir())
DAY = date(2026, 12, 1)
# Every element the page may hold: no script, no link, img, iframe, object, form or anything else that loads
# or runs something.
TAGS = {
    *("html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section"),
    *("h1", "h2", "h3", "p", "span", "strong", "div", "dl", "dt", "dd", "ol", "ul", "li"),
    *("table", "thead", "tbody", "tr", "th", "td"),
    *("svg", "rect", "line", "circle", "text", "tspan"),  # tspan: a verdict's name on two lines
}
ATTRIBUTES = {
    *("lang", "charset", "name", "content", "class", "style", "id", "role", "aria-label", "aria-labelledby"),
    *("aria-hidden", "viewbox", "preserveaspectratio", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r"),
    *("width", "height", "text-anchor", "transform", "vector-effect", "dy"),
}
REMOTE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)\s*(?:https?:)?//""", re.IGNORECASE)


class Page(HTMLParser):
    """The parts of a page the tests look at: its tags with their attributes, its text, its style sheet."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.style: list[str] = []
        self._in: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "rect", "line", "circle"):  # the empty elements, written with or without '/>'
            self._in.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        (self.style if self._in and self._in[-1] == "style" else self.text).append(data)

    @property
    def words(self) -> str:
        """The text a reader sees, in order, on one line."""
        return " ".join(" ".join(self.text).split())


def result(role: str = "writer", pack: Pack = PACK, tasks: dict[str, str] | None = None, **answers: Any) -> Assessment:
    return assess(pack, resolve(pack, role, tasks, answers))


def page(res: Assessment, lang: Lang = "en", explain: bool = False) -> str:
    return render_html(Report(res, lang, DAY), explain)


def test_the_page_is_one_self_contained_file_for_a_phone() -> None:
    html = page(result("driver", city="metro"))
    parsed = Page(html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in parsed.tags
    assert ("meta", {"charset": "utf-8"}) in parsed.tags
    assert {tag for tag, _ in parsed.tags} <= TAGS
    assert {name for _, attrs in parsed.tags for name in attrs} <= ATTRIBUTES
    assert "<script" not in html.lower()
    assert not REMOTE.search(html)
    assert "//" not in html  # no address of any kind: not in a link, a style, an svg namespace
    assert "@import" not in html and "url(" not in "".join(parsed.style)
    # the charts are inline SVG: where the person stands, the risk on its bands, four readout bars, the tasks
    kinds = [attrs.get("class") for tag, attrs in parsed.tags if tag == "svg"]
    assert kinds.count("quadrant") == 1
    assert kinds.count("bar bands") == 1
    assert kinds.count("bar") == len(PACK.scoring.readouts["gig"]) + 2  # the readouts and the verdict's two axes
    assert kinds.count("bar share") == len(PACK.roles["driver"].tasks)
    assert "@media print" in "".join(parsed.style)


def _h2(html: str) -> list[str]:
    return [Page(h).words for h in re.findall(r"<h2>.*?</h2>", html)]


def _markdown_h2(markdown: str) -> list[str]:
    return [line[3:].replace("\\", "") for line in markdown.splitlines() if line.startswith("## ")]


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("role", list(PACK.roles))
def test_the_sections_are_the_markdown_reports_in_its_order(role: str, lang: Lang) -> None:
    res = result(role)
    report = Report(res, lang, DAY)
    html = render_html(report, explain=True)
    assert _h2(html) == _markdown_h2(render_markdown(report, explain=True))
    words = Page(html).words
    t = report.t
    # title (a gig worker's names what drives their risk), role, date, verdict, risk with band and range: in that
    # order, before the first section
    assert (report.title == t("report_title")) is (res.family == "freelancer")
    firsts = [report.title, report.role_label, report.when(), report.verdict_label, report.band_label]
    at = [words.index(text) for text in firsts]
    assert at == sorted(at) and at[-1] < words.index(t("moves_heading"))
    # the first steps come before the points and their advice
    steps = report.first_steps()
    assert steps
    step_at = [words.index(" ".join(step.text.split())) for step in steps]
    assert step_at == sorted(step_at)
    points = [words.index(f"{t('point', number=s.number)}: {s.title}") for s in report.points() if s.advice]
    assert points and step_at[-1] < min(points)
    # every answer in words, and the pack that made it last
    for prompt, answer, _ in report.answers():
        assert f"{' '.join(prompt.split())} {answer}" in words
    # the pack by name and version, not by its id: a page for a person shows no ids
    assert words.endswith(f"{PACK.pack.name(lang)}, {t('pack_version')} {PACK.pack.version}")
    assert PACK.pack.id not in words


def test_sections_with_nothing_to_say_are_left_out() -> None:
    report = Report(result("writer"), "en", DAY)
    html = render_html(report)
    assert "Point 4" not in html  # freelancers get no advice about robots and vehicles
    assert "How each score was built" not in html  # only with --explain
    explained = Page(render_html(report, explain=True)).words
    assert f"{report.t('explain_heading')} {report.t('explain_note')}" in explained


def test_english_numbers_and_readouts() -> None:
    res = result("driver", city="metro")
    words = Page(page(res)).words
    risk = res.risk.value
    assert f"Overall risk: {risk:.1f}/100 (" in words
    for readout in Report(res, "en", DAY).readouts():
        assert f"{readout.label} {readout.value:.1f}/100" in words
    assert f"Risk before adapting {res.exposed.value:.1f}/100" in words and "(the verdict changes at 30)" in words


def test_indonesian_numbers_have_a_decimal_comma() -> None:
    res = result("driver", city="metro", ai_use="weekly")
    html = page(res, "id")
    words = Page(html).words
    risk = f"{res.risk.value:.1f}".replace(".", ",")
    assert f"Risiko keseluruhan: {risk}/100 (" in words
    assert f"{res.risk.value:.1f}/100" not in words
    report = Report(res, "id", DAY)
    for readout in report.readouts():
        assert f"{readout.label} {readout.value:.1f}".replace(".", ",") + "/100" in words
    rides = next(r for r in report.tasks() if r.genai not in (0, 1) and r.genai != int(r.genai))
    assert f"AI: {rides.genai:g}".replace(".", ",") in words
    for step in report.first_steps():
        if step.risk_delta is not None:
            assert f"(menurunkan risiko {-step.risk_delta:.1f})".replace(".", ",") in words
    # everything above the first steps (verdict, risk, readouts) is written with commas only
    head = words[: words.index("Lakukan ini dulu")]
    assert not re.search(r"\d\.\d", head), head
    assert 'lang="id"' in html and "Dibuat pada: 1 Desember 2026" in words


def _svg(html: str, kind: str) -> str:
    found = re.search(rf'<svg class="{kind}".*?</svg>', html, re.S)
    assert found
    return found.group(0)


def test_the_quadrant_draws_the_thresholds_from_the_pack_on_real_scales() -> None:
    res = result("writer")
    quad = _svg(page(res), "quadrant")
    # the plot runs from x 44 to 350 (adaptation 0-100) and from y 282 to 12 (risk before adapting 0-100)
    x_line = 44 + 306 * PACK.scoring.adapting.threshold / 100
    y_line = 282 - 270 * PACK.scoring.exposed.threshold / 100
    assert f'<line class="threshold" x1="{x_line:g}" y1="12" x2="{x_line:g}" y2="282"/>' in quad
    assert f'<line class="threshold" x1="44" y1="{y_line:g}" x2="350" y2="{y_line:g}"/>' in quad
    x = round(44 + 306 * res.adapting.value / 100, 2)
    y = round(282 - 270 * res.exposed.value / 100, 2)
    assert f'<circle class="you" cx="{x:g}" cy="{y:g}" r="7"/>' in quad
    # a name too long for one line is drawn as two lines (tspans) of its region
    names = [
        " ".join(re.findall(r">([^<]+)</tspan>", name))
        for name in re.findall(r'<text class="region-name[^"]*"[^>]*>(.*?)</text>', quad)
    ]
    # each quadrant is named by its own verdict (a verdict kept for some bands, such as "At great risk, already
    # adapting" in the critical band, shows only in the quadrant of a person who has it)
    cells = [v for v in PACK.scoring.verdicts.values() if not v.bands]
    assert len(cells) == 4 and sorted(names) == sorted(v.label.en for v in cells)
    # the person's own quadrant is the one marked
    here = re.findall(r'<text class="region-name here"[^>]*>(.*?)</text>', quad)
    assert [" ".join(re.findall(r">([^<]+)</tspan>", name)) for name in here] == [
        PACK.scoring.verdicts[res.verdict].label.en
    ]


# the client task alone (genai .41, augmented, within about 5 years), every answer at its best; income share the
# default (most, .92): acceleration .5*1*1 + .5*1 = 100, evolution .35 + .35 + .3 = 100, adaptation .46 + .34
# + .2*min(1, 6*.25) = 100; pressure .05*.3 (enterprise) + .05*.1 (bespoke) + .1*.6 (market) + nothing lost = .08;
# hazard (.45*.41*.7 + .9*.08) x .92 = (.12915 + .072) x .92 = .18506 -> 18.5; risk .185 x (1 - .65) = .06475 -> 6.5
WRITER_BEST = {  # risk 6.5, adaptation 100: the bottom right corner
    "ai_use": "daily",
    "ai_tasks": "outline,drafting,editing,research,voice,client",
    "ai_direction": "yes",
    "clients": "enterprise",
    "human_edge": "empathy,culture,humor,relationship,expertise,accountability",
    "lost_work": "no",
    "output": "bespoke",
    "role_focus": "curator",
    "upskill": "both",
}
# hub sorting alone (genai .425, robotics .5 within about 5 years, substitute), every answer at its worst:
# pressure .3*.1 + .7*.425 = .3275 -> 32.8; automation .5*.7 (near)*1 (metro) = .35; AI and automation .35
# + .3*.425 + .3*.328 = .5759 -> 57.6; platform .45*1 + .2*1 + .35*1 = 1; hazard (.6*.576 + .4*1) x 1 (all of the
# income) = .7456 -> 74.6; adaptation 0, so risk = hazard = 74.6
COURIER_WORST = {  # risk 74.6, adaptation 0: the top left corner
    "ai_tasks": "",
    "ai_use": "never",
    "alt_skills": "none",
    "city": "metro",
    "dispatch": "app",
    "income_share": "all",
    "lost_work": "much",
    "platform_pay": "worse",
    "upskill": "none",
    "vehicle": "motorbike",
}


@pytest.mark.parametrize(
    ("role", "tasks", "answers", "risk", "adapting"),
    [
        pytest.param("courier", {"sorting": "1"}, COURIER_WORST, 74.6, 0.0, id="risk-high"),
        pytest.param("writer", {"client": "1"}, WRITER_BEST, 6.5, 100.0, id="risk-low-adapting-100"),
    ],
)
def test_people_at_the_edges_stay_inside_the_drawings(
    role: str, tasks: dict[str, str], answers: Any, risk: float, adapting: float
) -> None:
    res = result(role, tasks=tasks, **answers)
    assert (res.risk.value, res.adapting.value) == (risk, adapting)
    html = page(res)
    quad = _svg(html, "quadrant")
    circle = re.search(r'<circle class="you" cx="([\d.]+)" cy="([\d.]+)" r="7"/>', quad)
    assert circle
    cx, cy = float(circle.group(1)), float(circle.group(2))
    assert 7 <= cx <= 353 and 7 <= cy <= 323
    label = re.search(r'<text class="you-label" x="([\d.]+)" y="([\d.]+)" text-anchor="(start|end)">', quad)
    assert label
    x, y, anchor = float(label.group(1)), float(label.group(2)), label.group(3)
    assert 10 <= y <= 300 and ((anchor == "end" and x > 60) or (anchor == "start" and x < 300))
    for bar in re.findall(r'<svg class="bar[^"]*".*?</svg>', html):
        numbers = [float(n) for n in re.findall(r' (?:x|x1|x2|width)="(-?[\d.]+)"', bar)]
        assert all(0 <= n <= 100 for n in numbers), bar


def test_a_range_is_a_whisker_over_the_bar() -> None:
    res = result("writer")
    report = Report(res, "en", DAY)
    exposure = next(r for r in report.readouts() if r.id == "exposure")
    html = page(res)
    bar = next(b for b in re.findall(r'<svg class="bar".*?</svg>', html) if esc(exposure.label) in b)
    low, high = 54, 88  # the range in whole points, as the text says (54.5 to 87.1, test_render)
    assert esc(f"{exposure.label}: {exposure.value:.1f}/100 (range {low}–{high})") in bar
    assert f'<rect class="fill neutral" x="0" y="4" width="{exposure.value:g}" height="8"/>' in bar
    assert f'<line class="whisker" x1="{low}" y1="8" x2="{high}" y2="8" vector-effect="non-scaling-stroke"/>' in bar


EVIL = "<script>alert(1)</script> <img src=//evil.example/x onerror=alert(1)> \"'& </style> url(//x) {role}"


def hostile_pack(tmp_path: Path) -> Path:
    """The shipped pack with markup in every kind of text the page shows in its own way: a role's label, a
    task's, an option's, the verdicts' and bands' names (drawn in the SVG), sources, the pack's name, and the
    word 'you' beside the dot."""
    pack = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), pack)

    def edit(name: str, change: Any) -> None:
        data = yaml.safe_load((pack / name).read_text(encoding="utf-8"))
        change(data)
        (pack / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    def roles(data: Any) -> None:
        writer = data["roles"]["writer"]
        writer["label"] = {"en": EVIL, "id": EVIL}
        for task in writer["tasks"].values():
            task["label"] = {"en": f"{EVIL} {task['label']['en']}", "id": f"{EVIL} {task['label']['id']}"}

    def scoring(data: Any) -> None:
        for verdict in data["scoring"]["verdicts"].values():
            verdict["label"] = {"en": f"{EVIL} {verdict['label']['en']}", "id": f"{EVIL} {verdict['label']['id']}"}
        for band in data["scoring"]["bands"]:
            band["label"] = {"en": EVIL + band["id"], "id": EVIL + band["id"]}

    def questions(data: Any) -> None:
        data["questions"]["clients"]["options"]["agencies"]["label"] = {"en": f"{EVIL} agencies", "id": EVIL}

    def sources(data: Any) -> None:
        for source in data["sources"].values():
            source["short"] = EVIL

    def pack_info(data: Any) -> None:
        data["pack"]["name"] = {"en": EVIL, "id": EVIL}

    def messages(data: Any) -> None:
        data["messages"]["you"] = {"en": EVIL, "id": EVIL}

    for name, change in (
        ("roles.yaml", roles),
        ("scoring.yaml", scoring),
        ("questions.yaml", questions),
        ("sources.yaml", sources),
        ("pack.yaml", pack_info),
        ("messages.yaml", messages),
    ):
        edit(name, change)
    return pack


@pytest.mark.parametrize("lang", ["en", "id"])
def test_hostile_pack_text_and_answers_are_shown_not_run(tmp_path: Path, lang: str) -> None:
    pack = hostile_pack(tmp_path)
    # the answers file names the client option by its hostile label: that is the value that reaches the page
    (tmp_path / "me.yaml").write_text(
        yaml.safe_dump({"role": "writer", "answers": {"clients": f"{EVIL} agencies" if lang == "en" else EVIL}}),
        encoding="utf-8",
    )
    done = run_cli(tmp_path, "--rules", str(pack), "--lang", lang, "assess", "--answers", "me.yaml", "-f", "html")
    assert done.returncode == 0, done.stderr
    html = done.stdout
    parsed = Page(html)
    assert {tag for tag, _ in parsed.tags} <= TAGS
    assert {name for _, attrs in parsed.tags for name in attrs} <= ATTRIBUTES
    assert "<script" not in html and "<img" not in html and "</style> url" not in html
    # the address is still there, as text the reader (or a screen reader, in aria-label) gets; nothing else has it
    assert not any(
        "//" in (value or "") for _, attrs in parsed.tags for name, value in attrs.items() if name != "aria-label"
    )
    assert "".join(parsed.style).count("</style>") == 0 and "evil" not in "".join(parsed.style)
    shown = esc(EVIL)
    assert shown.startswith("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=//evil.example/x")
    assert f"<strong>{shown}</strong>" in html  # the role, once escaped, nothing more
    assert f"{shown} agencies" in html or f"<strong>{shown}</strong>" in html  # the answer in words
    # in the SVG too: the verdicts' names, the word beside the dot, in <text> and <title>, escaped
    quad = _svg(html, "quadrant")
    assert quad.count("&lt;script&gt;") >= 2 and "<script" not in quad
    assert "{role}" in parsed.words  # a slot inside a label is not filled: it is text
    # the page's text holds the hostile label whole, as the reader would see it
    assert EVIL.replace("  ", " ") in parsed.words


def test_an_output_file_with_an_unknown_suffix_is_refused_naming_the_formats(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "assess", "--role", "writer", "-o", "report.pdf")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "aiexposure: cannot write 'report.pdf': aiexposure does not make .pdf files. End the name with one of "
        ".txt, .md, .json, .html, .png, or choose a format with --format text|markdown|json|html|short|card.\n"
    )
    done = run_cli(tmp_path, "--lang", "id", "assess", "--role", "writer", "-o", "laporan.PDF")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "aiexposure: tidak bisa menulis 'laporan.PDF': aiexposure tidak membuat berkas .pdf. Akhiri namanya dengan "
        "salah satu dari .txt, .md, .json, .html, .png, atau pilih format dengan --format "
        "text|markdown|json|html|short|card.\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_chosen_format_wins_over_the_suffix(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "assess", "--role", "writer", "-f", "markdown", "-o", "notes.txt")
    assert (done.returncode, done.stdout) == (0, "")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8").startswith("# How far can AI reach your work?")


@pytest.mark.parametrize(
    ("lang", "name", "said"),
    [
        pytest.param("en", "report.html", "Report written to report.html\n", id="en"),
        pytest.param("id", "laporan saya.HTM", "Laporan disimpan di laporan saya.HTM\n", id="id"),
    ],
)
def test_an_html_file_is_written_and_said_where(tmp_path: Path, lang: str, name: str, said: str) -> None:
    done = run_cli(tmp_path, "--lang", lang, "assess", "--role", "courier", "-o", name)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", said)
    html = (tmp_path / name).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in html
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_html_to_stdout_says_nothing_more(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "assess", "--role", "designer", "--format", "html", "-o", "-")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("<!DOCTYPE html>") and done.stdout.endswith("</html>\n")


def test_the_headline_says_in_a_few_words_when_answers_were_assumed() -> None:
    html = page(result("driver"), "id")
    headline = html[html.index('<section class="headline') : html.index("</section>")]
    assert '<p class="assumed-short">Dipakai jawaban umum: 11 dari 11.</p>' in headline
    answers = {q: PACK.questions[q].default for q in PACK.questions if "freelancer" in PACK.questions[q].families}
    assert '<p class="assumed-short">' not in page(assess(PACK, resolve(PACK, "writer", {"drafting": 100}, answers)))
