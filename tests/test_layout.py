"""The architecture the folder tree shows: dependencies point one way, ui -> qa -> index.

Every import in every module is read (also those inside functions, which the CLI uses to start
fast), so an upward import fails here the day it is written.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LAYERS = ("ui", "qa", "index")  # top to bottom
FORBIDDEN = {"index": {"qa", "ui"}, "qa": {"ui"}, "ui": set()}


def _modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def _imported_packages(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


@pytest.mark.parametrize("package", LAYERS)
def test_no_module_imports_a_layer_above_it(package):
    upward = [
        f"{path.relative_to(REPO)}:{line} imports {name}"
        for path in _modules(package)
        for line, name in _imported_packages(path)
        if name in FORBIDDEN[package]
    ]
    assert not upward, "imports against ui -> qa -> index:\n" + "\n".join(upward)


def test_the_rule_catches_an_upward_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from ui.server import create_app\n    import qa.engine\n")
    assert [name for _, name in _imported_packages(module)] == ["ui", "qa"]


@pytest.mark.parametrize("init", sorted(str(p.relative_to(REPO)) for layer in LAYERS
                                        for p in (REPO / layer).rglob("__init__.py")))
def test_every_package_says_what_it_does(init):
    tree = ast.parse((REPO / init).read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree) or ""
    assert len(doc.split()) >= 8, f"{init}: a docstring of a few lines says what the package does and in what order"


def test_test_modules_have_unique_names():
    # the tests folders are not packages: two test files of one name stop pytest at collection
    by_name: dict[str, list[str]] = {}
    for path in (REPO / "tests").rglob("test_*.py"):
        by_name.setdefault(path.name, []).append(str(path.relative_to(REPO)))
    assert {name: paths for name, paths in by_name.items() if len(paths) > 1} == {}
