"""No module imports a private name (`_name`) of another app (issue 16): what an app shares, it
names without an underscore, so a reader sees what the other apps rely on."""

from __future__ import annotations

import ast
from pathlib import Path

import baanbehoud

ROOT = Path(baanbehoud.__file__).parent


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def private_imports(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        module = ".".join(("baanbehoud", *path.relative_to(root).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            if not node.module.startswith("baanbehoud.") or _app(node.module) == _app(module):
                continue
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"{module}: from {node.module} import {alias.name}")
    return found


def test_no_app_imports_a_private_name_of_another():
    assert private_imports(ROOT) == []


def test_the_check_finds_one(tmp_path):
    (tmp_path / "guidance").mkdir()
    (tmp_path / "guidance" / "views.py").write_text(
        "from baanbehoud.placements.views import _placement\n"
        "from baanbehoud.guidance.models import _own\n"
    )
    assert private_imports(tmp_path) == [
        "baanbehoud.guidance.views: from baanbehoud.placements.views import _placement"
    ]
