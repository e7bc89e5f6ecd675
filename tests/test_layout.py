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


def circles(package: Path) -> list[str]:
    """'folder: a -> b -> a' for each circle of imports among the modules of one folder (a function's import and
    one made only for type checking count too: either way one module cannot be read without the other)."""
    found = []
    for layer in ALLOWED:
        folder = package / layer
        names = {path.stem for path in folder.glob("*.py")}
        prefix = f"aiexposure.{layer}."
        graph = {
            name: sorted(
                {m[len(prefix) :] for m in imports_of(folder / f"{name}.py") if m.startswith(prefix)} & names - {name}
            )
            for name in sorted(names)
        }
        seen: set[frozenset[str]] = set()
        for start in sorted(graph):
            # every path from `start` back to it, shortest first; a circle is reported once, from its first module
            paths = [[start]]
            while paths:
                path = paths.pop(0)
                for target in graph[path[-1]]:
                    if target == start and frozenset(path) not in seen:
                        seen.add(frozenset(path))
                        found.append(f"{layer}: {' -> '.join([*path, start])}")
                    elif target not in path and target > start:
                        paths.append([*path, target])
    return found


def test_no_module_imports_itself_back_through_its_own_folder() -> None:
    # a circle inside a folder hides which module holds what: the shared piece belongs in one of them, or below both
    assert circles(PACKAGE) == []


def test_a_circle_inside_a_folder_is_caught(tmp_path: Path) -> None:
    for layer in ALLOWED:
        (tmp_path / layer).mkdir()
    batch = tmp_path / "batch"
    (batch / "a.py").write_text("from aiexposure.batch.b import x\n", encoding="utf-8")
    (batch / "b.py").write_text("if TYPE_CHECKING:\n    from aiexposure.batch.a import y\n", encoding="utf-8")
    pack = tmp_path / "pack"
    (pack / "p.py").write_text("from aiexposure.pack.q import x\n", encoding="utf-8")
    (pack / "q.py").write_text("def f():\n    from aiexposure.pack.r import y\n", encoding="utf-8")
    (pack / "r.py").write_text("import aiexposure.pack.p\nfrom aiexposure.pack.s import z\n", encoding="utf-8")
    (pack / "s.py").write_text("from aiexposure.model.answers import w\n", encoding="utf-8")  # a line down, no circle
    (tmp_path / "model" / "answers.py").write_text("from aiexposure.pack.s import v\n", encoding="utf-8")
    assert circles(tmp_path) == ["pack: p -> q -> r -> p", "batch: a -> b -> a"]


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
