"""What the shipped pack names stays in the pack: no Python string is the id of one of its roles, tasks, families,
questions, answers with a name of their own, or advice items, so a role added in YAML alone is treated as the
first five are."""

from __future__ import annotations

import ast
from pathlib import Path

from aiexposure.pack.load import default_rules_dir, load_pack

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "aiexposure"
PACK = load_pack(default_rules_dir())
# pack ids that are also ordinary words of the program: 'output' is a question's id and prompt_toolkit's argument
COMMON = {"output"}


def pack_ids() -> dict[str, str]:
    """Every id of the shipped pack that names its own content, with what it names."""
    ids = {family: "family" for family in PACK.families}
    for role_id, role in PACK.roles.items():
        ids[role_id] = "role"
        ids.update({task: "task" for task in role.tasks})
    for question_id, question in PACK.questions.items():
        ids[question_id] = "question"
        # option ids such as 'never' or 'most' are ordinary words; those of two words are the pack's own
        ids.update({option: "answer" for option in question.options if "_" in option})
    ids.update({item.id: "advice item" for item in PACK.advice})
    return ids


def strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant of a module except docstrings, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def test_no_module_names_a_role_task_family_question_or_advice_item_of_the_pack() -> None:
    ids = pack_ids()
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {ids[text]} '{text}'"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in strings(path)
        if text in ids and text not in COMMON
    ]
    assert found == []


def test_the_check_would_catch_one(tmp_path: Path) -> None:
    module = tmp_path / "mod.py"
    module.write_text('"""The courier module."""\n\nKIND = "courier"\nif answer == "lost_work":\n    pass\n')
    assert [text for _, text in strings(module) if text in pack_ids()] == ["courier", "lost_work"]
