"""The quiz end to end in a real pseudo-terminal, as a person would use it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from aiexposure.pack.load import default_rules_dir, load_pack
from aiexposure.pack.schema import questions_for

DOWN, ENTER, SPACE, CTRL_C = "\x1b[B", "\r", " ", "\x03"
PACK = load_pack(default_rules_dir())
ROLE_AT = {role: n for n, role in enumerate(PACK.roles)}  # the role menu lists the pack's roles in order


def numbered(family: str) -> dict[str, str]:
    """Each question's progress mark as the quiz shows it: its place among all (the role 1, the split 2), of all."""
    order = sorted(questions_for(PACK, family), key=lambda q: PACK.questions[q].point)
    return {q: f"{n}/{len(order) + 2} " for n, q in enumerate(order, 3)}


def spawn(tmp_path: Path, *args: str, lang: str = "en") -> pexpect.spawn[str]:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "AIEXPOSURE_LANG": lang, "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "aiexposure", "quiz", *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 120),
    )


def step(child: pexpect.spawn[str], prompt: str, keys: str) -> None:
    """Wait until `prompt` is on screen, then type `keys`."""
    child.expect_exact(prompt)
    child.send(keys)


def finish(child: pexpect.spawn[str]) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0))


def test_a_whole_quiz_in_english_ends_in_a_report_and_a_file(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--export", "me.md")
    step(child, "What is your main work?", DOWN + ENTER)  # designer
    step(child, "How does your working time split", ENTER)  # typical split
    marks = numbered("freelancer")
    step(child, marks["ai_use"] + "How often do you use AI tools", DOWN * 2 + ENTER)  # daily
    step(child, marks["ai_tasks"] + "Which of your tasks", SPACE + DOWN + SPACE + ENTER)  # layout, palette
    for question in list(marks)[2:]:
        step(child, marks[question], ENTER)
    step(child, "Is everything right?", ENTER)
    child.expect_exact("Verdict:")
    child.expect_exact("Saved me.md")
    assert finish(child) == 0
    text = (tmp_path / "me.md").read_text(encoding="utf-8")
    assert text.startswith("# How far can AI reach your work?\n\n**Role:** Graphic designer")


def test_a_whole_quiz_in_indonesian(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--export", "saya.md", "--save-answers", "jawaban.yaml", lang="id")
    step(child, "Apa pekerjaan utamamu?", DOWN * ROLE_AT["driver"] + ENTER)
    step(child, "Bagaimana waktu kerjamu terbagi", ENTER)
    # every question for a gig worker, the apps' pay (point 2) and the vehicle (point 4) among them
    marks = numbered("gig")
    prompts = {"platform_pay": "Setahun terakhir, apakah bayaran", "vehicle": "Kendaraan apa yang paling sering"}
    for question, mark in marks.items():
        step(child, mark + prompts.get(question, ""), ENTER)
    step(child, "Sudah benar semua?", ENTER)
    child.expect_exact("Kesimpulan:")
    child.expect_exact("Tersimpan di jawaban.yaml")
    assert finish(child) == 0
    # a motorbike driver in a mid-sized city: the apps' pay drives the risk (.4 x platform 38.0 against .6 x AI and
    # automation 12.6), so the report asks what puts the income at risk
    assert (tmp_path / "saya.md").read_text(encoding="utf-8").startswith("# Apa yang mengancam penghasilanmu?")
    replay = subprocess.run(
        [sys.executable, "-m", "aiexposure", "assess", "--answers", "jawaban.yaml", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"role": "driver"' in replay.stdout and '"assumed": []' in replay.stdout
    saved = (tmp_path / "jawaban.yaml").read_text(encoding="utf-8")
    assert "platform_pay: same\n" in saved and "vehicle: motorbike\n" in saved


def test_ctrl_c_mid_quiz_exits_130_and_writes_nothing(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--export", "me.md")
    step(child, "What is your main work?", ENTER)
    step(child, "How does your working time split", CTRL_C)
    child.expect_exact("Cancelled; nothing was saved.")
    assert finish(child) == 130
    assert "Traceback" not in (child.before or "")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["quiz"], []])
def test_without_a_terminal_it_says_what_to_use_instead(tmp_path: Path, args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aiexposure", *args],
        cwd=tmp_path,
        input="",
        capture_output=True,
        text=True,
        env={**os.environ, "AIEXPOSURE_LANG": "en"},
        timeout=20,
    )
    if args:
        assert result.returncode == 2
        assert result.stderr.startswith(
            "aiexposure: the quiz needs an interactive terminal, and its input is not a keyboard (it comes from "
            "a pipe or a file). To score without prompts, use: aiexposure assess --role ROLE"
        )
        assert result.stdout == ""
    else:  # bare `aiexposure` off a terminal prints the help instead of starting the quiz
        assert result.returncode == 0
        assert result.stdout.startswith("Usage: ") and "quiz" in result.stdout


def test_with_its_output_piped_the_quiz_says_the_output_is_the_cause(tmp_path: Path) -> None:
    # `aiexposure quiz | tee log`: a keyboard, but no screen for the prompts
    env = {**os.environ, "AIEXPOSURE_LANG": "en"}
    child = pexpect.spawn("/bin/sh", ["-c", f"{sys.executable} -m aiexposure quiz | cat"], cwd=str(tmp_path), env=env)
    child.expect_exact("its output does not go to a screen (it goes to a pipe or a file, as with | tee or >)")
    child.expect(pexpect.EOF)


def test_at_80_columns_in_indonesian_nothing_is_cut_and_nothing_is_english(tmp_path: Path) -> None:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "AIEXPOSURE_LANG": "id", "COLUMNS": "80"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "aiexposure", "quiz"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 80),
    )
    # the role's description wraps at a word instead of being cut at the edge
    step(child, "Apa pekerjaan utamamu?", "")
    child.expect_exact("biasanya dibayar per")
    step(child, "tulisan.", DOWN * ROLE_AT["courier"] + ENTER)
    step(child, "Bagaimana waktu kerjamu terbagi", ENTER)
    marks = numbered("gig")
    step(child, marks["ai_use"], ENTER)
    # two tasks done with AI, each key after the screen has answered the one before (a busy machine may
    # otherwise read an arrow key's escape code apart from the rest)
    step(child, marks["ai_tasks"], "")
    for key in (SPACE, DOWN, SPACE, ENTER):
        time.sleep(0.3)
        child.send(key)
    child.expect_exact("2 dipilih")
    screen = child.before or ""
    assert "Description:" not in screen and "selections" not in screen
    step(child, marks[list(marks)[2]], CTRL_C)  # stop at the next question, as a person would
    assert finish(child) == 130


def test_bare_aiexposure_in_a_terminal_starts_the_quiz(tmp_path: Path) -> None:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "AIEXPOSURE_LANG": "en"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "aiexposure"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 120),
    )
    step(child, "What is your main work?", CTRL_C)
    child.expect_exact("Cancelled; nothing was saved.")
    assert finish(child) == 130
