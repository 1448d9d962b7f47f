"""Dependencies point one way: etl writes the database, dyad reads it, pages call dyad.

Checked on the source with ast, so a lazy import inside a function is caught too.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_roots(path: Path) -> set[str]:
    """The top-level package of every import in the file (relative imports excluded)."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)
              and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant)):
            roots.add(str(node.args[0].value).split(".")[0])
    return roots


def sources(*names: str) -> list[Path]:
    files: list[Path] = []
    for name in names:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


READ_SIDE = sources("app.py", "pages", "dyad")
ETL = sources("etl")


def test_there_is_something_to_check():
    assert len(READ_SIDE) >= 7
    assert (ROOT / "pages" / "overview.py") in READ_SIDE


@pytest.mark.parametrize("path", READ_SIDE, ids=lambda p: str(p.relative_to(ROOT)))
def test_read_side_never_imports_etl(path):
    assert "etl" not in imported_roots(path)


@pytest.mark.parametrize("path", ETL, ids=lambda p: str(p.relative_to(ROOT)))
def test_etl_never_imports_streamlit_or_dyad(path):
    assert not imported_roots(path) & {"streamlit", "dyad"}


@pytest.mark.parametrize("path", sources("dyad"), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_state_view_and_actions_talk_to_streamlit(path):
    if path.name in {"state.py", "view.py", "actions.py"}:
        return
    assert "streamlit" not in imported_roots(path), "keep queries, charts, exports, fmt testable"


def test_the_checker_sees_lazy_imports(tmp_path):
    f = tmp_path / "x.py"
    f.write_text("def f():\n    import etl.paths\n    from streamlit import x\n"
                 "    importlib.import_module('dyad.db')\n")
    assert imported_roots(f) == {"etl", "streamlit", "dyad"}


def test_the_dashboard_runs_the_etl_only_as_subprocesses():
    jobs = (ROOT / "dyad" / "jobs.py").read_text(encoding="utf-8")
    assert '"etl", "build"' in jobs and '"etl.uploads", "add"' in jobs
    assert "etl" not in imported_roots(ROOT / "dyad" / "jobs.py")
