"""HTML comes only from templates with autoescape: no Python code under anjian/ marks a string safe."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import anjian

ROOT = Path(anjian.__file__).parent
# Names that turn a Python string into markup the template engine prints unescaped.
MARKING = {"mark_safe", "format_html", "format_html_join", "SafeString", "SafeText", "SafeData", "html_safe",
           "Markup"}
UNESCAPED = re.compile(r"\|\s*safe(seq)?\b|{%\s*autoescape\s+off")


def _marks_safe(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.safestring":
            found.append(f"line {node.lineno}: imports django.utils.safestring")
        elif isinstance(node, ast.Name) and node.id in MARKING:
            found.append(f"line {node.lineno}: {node.id}")
        elif isinstance(node, ast.Attribute) and node.attr in MARKING:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.alias) and node.name.split(".")[-1] in MARKING:
            found.append(f"line {node.lineno}: imports {node.name}")
    return found


def _code() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if "tests" not in p.relative_to(ROOT).parts]


def test_the_check_sees_each_way_of_marking_safe() -> None:
    assert _marks_safe("from django.utils.safestring import mark_safe\nmark_safe('<b>')")
    assert _marks_safe("from django.utils import html\nhtml.format_html('<b>{}</b>', x)")
    assert _marks_safe("from django.utils.html import format_html_join")
    assert not _marks_safe("from django.utils.html import escape\nescape(x)")


def test_no_python_code_marks_html_safe() -> None:
    offenders = {str(p.relative_to(ROOT)): hits for p in _code() if (hits := _marks_safe(p.read_text()))}
    assert offenders == {}


def test_no_template_turns_autoescape_off() -> None:
    templates = [p for p in ROOT.rglob("templates/**/*") if p.is_file() and p.suffix in {".html", ".txt", ".xml"}]
    assert templates
    offenders = [str(p.relative_to(ROOT)) for p in templates if UNESCAPED.search(p.read_text())]
    assert offenders == []


def test_templates_are_compiled_once_per_process() -> None:
    from django.template import engines
    from django.template.loaders.cached import Loader

    loaders = engines["django"].engine.template_loaders  # type: ignore[attr-defined]
    assert [type(loader) for loader in loaders] == [Loader]
