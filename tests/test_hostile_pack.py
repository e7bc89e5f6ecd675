"""A hostile pack (issue 19): markup, markdown, mermaid directives and rich markup in EVERY text the pack has
(labels, prompts, options and their actions, advice, verdict notes, FAQ, market evidence, messages, source
names and citations, everyday words), each text tagged with its own marker; every report format is rendered
for every role, with the defaults and with answers that leave fewer than three moves (so advice fills first
steps), and each must stay escaped. Control characters in any text make the pack refused, every one named."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console

from aiexposure.escape import first_control
from aiexposure.model.answers import resolve
from aiexposure.model.report import Report
from aiexposure.model.scoring import Assessment, assess, top_moves
from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import LANGS, Pack
from aiexposure.render.html import render_html
from aiexposure.render.json import render_json
from aiexposure.render.markdown import render_markdown
from aiexposure.render.short import LIMIT, render_short
from aiexposure.render.text import render_text
from clirun import run_cli

# every kind of markup a report's reader or a renderer could act on; no {slot}, so placeholders stay as they were
PAYLOAD = (
    ' <script>alert(1)</script><img src=x onerror=alert(1)> " onmouseover="alert(1)'
    " **bold** _em_ [link](javascript:alert(1)) ![i](http://x/a.png) `code` | cell | <!-- c --> &amp;"
    ' %%{init: {"securityLevel": "loose"}}%% click A href "javascript:alert(1)" ]]; A-->B; style A fill:#f00'
    " [bold red]rich[/] \\n # heading"
)
MARK = re.compile(r"QX(\d{4})QX")


def _texts(data: Any, path: str) -> Iterator[tuple[dict[str, Any] | list[Any], str | int, str]]:
    """Every place in a pack file's data that holds text a person reads: (container, key, path)."""
    if isinstance(data, dict):
        if all(isinstance(data.get(lang), str) for lang in LANGS):
            for lang in LANGS:
                yield data, lang, f"{path}.{lang}"
        for key, value in data.items():
            if key in ("short", "short_id", "citation") and path.startswith("sources.") and isinstance(value, str):
                yield data, key, f"{path}.{key}"
            elif key == "words" and isinstance(value, list):
                for index in range(len(value)):
                    yield value, index, f"{path}.words.{index}"
            elif key not in LANGS:
                yield from _texts(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, f"{path}.{index}")


def _template(path: str) -> bool:
    """Advice, FAQ answers and verdict notes may use `{name}` slots, and `rules check` refuses one it does not
    know: these texts get the payload with parentheses for braces."""
    return path.startswith("advice.") or ".notes." in path


def hostile_copy(folder: Path, extra: str) -> dict[int, str]:
    """The shipped pack in `folder`, `extra` and a marker added to every text; returns marker -> text path."""
    shutil.copytree(default_rules_dir(), folder)
    plain = extra.replace("{", "(").replace("}", ")")
    where: dict[int, str] = {}
    for file in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for container, key, path in list(_texts(data, file.stem)):
            number = len(where)
            where[number] = path
            added = plain if _template(path) else extra
            container[key] = f"{container[key]} QX{number:04d}QX{added}"  # type: ignore[index]
        file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9), encoding="utf-8")
    return where


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pack, dict[int, str]]:
    folder = tmp_path_factory.mktemp("hostile") / "rules"
    where = hostile_copy(folder, PAYLOAD.replace("\\n", "\n"))
    return load_pack(folder), where


def few_moves(pack: Pack, role: str) -> Assessment:
    """Answers that leave fewer than three moves: the best move taken again and again, so advice fills the
    first steps."""
    answers: dict[str, Any] = {}
    result = assess(pack, resolve(pack, role, None, answers))
    for _ in range(len(pack.questions)):
        moves = top_moves(pack, result.answers, result.risk.value)
        if len(moves) < 3:
            return result
        answers[moves[0].question] = moves[0].answer
        result = assess(pack, resolve(pack, role, None, answers))
    raise AssertionError(f"{role}: every answer changed and still three moves")


def profiles(pack: Pack) -> Iterator[tuple[str, Report]]:
    for role in pack.roles:
        for name, result in (("default", assess(pack, resolve(pack, role, None, {}))), ("few", few_moves(pack, role))):
            for lang in LANGS:
                yield f"{role}/{name}/{lang}", Report(result, lang)


class Tags(HTMLParser):
    """Every tag and attribute an HTML page really has (text that only looks like a tag is not one)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        for name, value in attrs:
            assert not (value or "").lower().lstrip().startswith("javascript"), (tag, name, value)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


UNESCAPED_MARKDOWN = re.compile(r"(?<!\\)<[a-z/!]|(?<!\\)\]\(|(?<![\\*])\*\*bold|(?<!\\)`code")


def check_markdown(report: str, where: str) -> None:
    assert not UNESCAPED_MARKDOWN.search(report), where
    lines = report.splitlines()
    # a line break in a pack text never starts a line of its own (a heading, a list item)
    assert not [line for line in lines if line.lstrip(" >|-*").startswith(("# heading", "heading"))], where
    for chart in report.split("```mermaid\n")[1:]:
        check_mermaid(chart.split("```")[0], where)


CHART_WORDS = {"title", "x-axis", "y-axis", "quadrant-1", "quadrant-2", "quadrant-3", "quadrant-4"}
POINT = re.compile(r"^ *[\w ]+: \[[\d.]+, [\d.]+\]$")


def check_mermaid(body: str, where: str) -> None:
    """Pack text in a chart is plain words: every line is one of the chart's own, nothing a directive reads."""
    lines = body.rstrip("\n").split("\n")
    assert lines[0] == "quadrantChart", (where, body)
    for line in lines[1:]:
        word = line.split()[0]
        assert word in CHART_WORDS or POINT.match(line), (where, line)
        assert line.count("-->") == (word in ("x-axis", "y-axis")), (where, line)
        assert not set('%"`<{}#;&|') & set(line.replace("-->", "")), (where, line)


def check_html(page: str, where: str) -> None:
    parser = Tags()
    parser.feed(page)
    assert not parser.tags & {"script", "img", "iframe", "object", "embed", "link", "meta-refresh"}, where
    assert not [name for name in parser.attributes if name.startswith("on")], where
    assert not parser.comments, where


def visible_markers(text: str) -> set[int]:
    return {int(number) for number in MARK.findall(text)}


def test_every_text_stays_escaped_in_every_format(hostile: tuple[Pack, dict[int, str]]) -> None:
    pack, where = hostile
    seen: dict[str, set[int]] = {"markdown": set(), "html": set(), "text": set(), "short": set(), "json": set()}
    for name, report in profiles(pack):
        markdown = render_markdown(report, True)
        check_markdown(markdown, name)
        seen["markdown"] |= visible_markers(markdown)

        page = render_html(report, True)
        check_html(page, name)
        seen["html"] |= visible_markers(page)

        buffer = io.StringIO()
        render_text(report, Console(file=buffer, no_color=True, width=100, force_terminal=False), True)
        text = buffer.getvalue()
        assert "\x1b" not in text and first_control(text.replace("\n", "")) is None, name
        assert "[bold red]rich[/]" in text, name  # shown as typed, never read as rich markup
        seen["text"] |= visible_markers(text)

        short = render_short(report)
        assert len(short) <= LIMIT and first_control(short.replace("\n", "")) is None, name
        assert not [line for line in short.splitlines() if line.lstrip().startswith(("#", "- ", "<"))], name
        seen["short"] |= visible_markers(short)

        data = json.loads(render_json(report, True))  # JSON is data: the text as written, quoted by the encoder
        seen["json"] |= visible_markers(json.dumps(data, ensure_ascii=False))

    def shown(part: str, fmt: str = "html") -> bool:
        return any(part in where[number] for number in seen[fmt])

    # the texts the review named are among those each format showed
    for fmt in ("markdown", "html", "text", "json"):
        for part in (".action.", "advice.advice.", ".notes.", "advice.faq.", "sources.", ".label.", ".evidence."):
            assert shown(part, fmt), (fmt, part)
    assert shown(".label.", "short")  # the short message cuts the long hostile steps, but shows the labels


def test_the_hostile_pack_passes_its_check(hostile: tuple[Pack, dict[int, str]], tmp_path: Path) -> None:
    """The payload is text a pack may hold: the check finds nothing wrong, so every report above used it."""
    _, where = hostile
    assert len(where) > 1500  # every text of the shipped pack, in both languages, and the words and sources
    assert any(".words." in path for path in where.values())


def test_a_control_character_in_any_text_is_refused_and_each_one_named(tmp_path: Path) -> None:
    where = hostile_copy(tmp_path / "rules", "\x1b[2J")
    result = run_cli(tmp_path, "rules", "check", str(tmp_path / "rules"))
    assert (result.returncode, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert lines[0] == f"aiexposure: the rules pack in '{tmp_path / 'rules'}' has {len(where)} problems:"
    assert all("expected plain text without control characters (this one has \\x1b)" in line for line in lines[1:])
    assert len(lines) == len(where) + 1
