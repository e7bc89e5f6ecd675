"""The package's layers: each subpackage imports only from the layers below it, so the folders keep telling the
truth about the design (the pack knows nothing of answers or reports, the model nothing of report formats, no
report of a command)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "aiexposure"

# Shared helpers every layer may use: errors and exit codes, escaping, signals, atomic writes.
BASE = {"errors", "escape", "signals", "atomic", "reading", "streams", "__init__"}
# What each layer may import besides itself and BASE, lowest layer first.
ALLOWED = {
    "pack": set(),
    "model": {"pack"},
    "render": {"pack", "model"},
    "batch": {"pack", "model", "render"},
    "history": {"pack", "model", "render"},
    "quiz": {"pack", "model", "render", "history"},
    "cli": {"pack", "model", "render", "batch", "history", "quiz"},
}


def _layer(module: str) -> str:
    """'aiexposure.pack.load' -> 'pack'; 'aiexposure.escape' -> 'escape'."""
    return module.split(".")[1] if module.count(".") else "__init__"


def imports_of(path: Path) -> set[str]:
    """Every aiexposure module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("aiexposure"):
            found.add(node.module)
            if node.module == "aiexposure":  # from aiexposure import cli: a module; __version__ is the package's own
                found.update(f"aiexposure.{a.name}" for a in node.names if not a.name.startswith("__"))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("aiexposure"))
    return found


def violations(package: Path) -> list[str]:
    """'layer/file.py imports aiexposure.x.y' for each import that reaches above or beside its layer."""
    problems = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((package / layer).glob("*.py")):
            for module in sorted(imports_of(path)):
                target = _layer(module)
                if target not in BASE | allowed | {layer}:
                    problems.append(f"{layer}/{path.name} imports {module}")
    return problems


def test_every_subpackage_imports_only_from_the_layers_below_it() -> None:
    assert violations(PACKAGE) == []


def test_the_base_modules_import_no_layer() -> None:
    for name in BASE - {"__init__"}:
        layers = {_layer(m) for m in imports_of(PACKAGE / f"{name}.py")}
        assert layers <= BASE, name


def test_every_module_sits_in_a_known_layer() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert folders == set(ALLOWED)
    assert top == BASE | {"__main__"}


def test_a_reaching_import_is_caught(tmp_path: Path) -> None:
    # the check itself can fail: a pack module that imports the model, a renderer that imports a command
    for layer in ALLOWED:
        (tmp_path / layer).mkdir()
    (tmp_path / "pack" / "bad.py").write_text("from aiexposure.model.answers import norm\n", encoding="utf-8")
    (tmp_path / "render" / "worse.py").write_text("def f():\n    import aiexposure.cli.app\n", encoding="utf-8")
    (tmp_path / "model" / "fine.py").write_text("from aiexposure.pack.schema import Pack\n", encoding="utf-8")
    assert violations(tmp_path) == [
        "pack/bad.py imports aiexposure.model.answers",
        "render/worse.py imports aiexposure.cli.app",
    ]
