"""The apps depend one way: chat uses uploads and accounts; uploads never imports chat."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth of its code (TYPE_CHECKING blocks excepted)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    skipped = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    modules = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_uploads_code_never_imports_chat():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            module for module in imported_modules(path) if module.split(".")[0] == "chat"
        )
        for path in (ROOT / "uploads").rglob("*.py")
        if "tests" not in path.parts
    }

    assert {path: modules for path, modules in offenders.items() if modules} == {}


def test_the_check_sees_an_import_of_chat(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from chat.models import Message\n")

    assert "chat.models" in imported_modules(sample)
