"""Everything the application imports is installed by ``make run`` (the main dependencies in
``uv.lock``, without the optional extras that ``make test`` adds): a module reached only through
an extra works in the tests and fails on a station's server (the monthly workbook once needed
lxml, which only the grid importers' extra brought)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Modules that need an optional extra and say so when it is missing (the grid importers).
OPTIONAL = {
    "powerdesk/engine/pandapower_import.py",
    "powerdesk/engine/readwrite/pandapower_import.py",
}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _main_closure() -> set[str]:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    packages = {_normal(p["name"]): p for p in lock["package"]}
    todo = [_normal(d["name"]) for d in packages["powerdesk"].get("dependencies", [])]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen or name not in packages:
            continue
        seen.add(name)
        todo += [_normal(d["name"]) for d in packages[name].get("dependencies", [])]
    return seen


def _guarded(tree: ast.AST) -> set[int]:
    """The import statements inside a ``try`` that handles ImportError (an optional extra the
    code says is missing)."""
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
            isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
            for h in node.handlers
        ):
            guarded |= {id(inner) for stmt in node.body for inner in ast.walk(stmt)}
    return guarded


def _imports(path: Path) -> set[str]:
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded = _guarded(tree)
    for node in ast.walk(tree):
        if id(node) in guarded:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


# Reads the project's files and the installed packages' metadata: no query, run once.
@pytest.mark.database_free
def test_every_module_the_application_imports_comes_with_its_main_dependencies() -> None:
    closure = _main_closure()
    providers = importlib.metadata.packages_distributions()
    missing = {}
    for path in sorted((ROOT / "powerdesk").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in OPTIONAL:
            continue
        for module in _imports(path):
            if module in sys.stdlib_module_names or module in ("powerdesk", "__future__"):
                continue
            dists = {_normal(d) for d in providers.get(module, [])}
            if dists and not dists & closure:
                missing.setdefault(module, []).append(relative)
    assert missing == {}, missing
