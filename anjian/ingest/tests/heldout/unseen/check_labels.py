"""Check the unseen labels against SCHEMA.md with the shared checker (no extractor is run).

Run from the repository root: `python anjian/ingest/tests/heldout/unseen/check_labels.py [FOLDER]` (needs the shared
folder, python-docx, openpyxl and pdftotext). It is `../fresh/check_labels.py` pointed at another folder (this one
by default): that script's `main` is loaded by import and run with its `HERE` set to FOLDER, so every label file
there is checked the same way (schema shapes, every label string cut from the text, dates printed; renderings read
back and their labels equal to the `.txt` label except `doc`; each label scoring 1.000 against itself with the
shared `score_doc`; an empty prediction scoring low). The header words of tables made for lists that print no
header row of their own (`render_a.HEADERS`) are added to the words a PDF line may be.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# header words of the tables render_a.py makes (layout, not content; kept here so that checking needs no docx)
HEADERS = {"序号", "单位名称", "存在隐患", "存在问题", "地区"}


def main(argv: list[str]) -> int:
    folder = Path(argv[1]).resolve() if len(argv) > 1 else HERE
    fresh: Any = _load(HERE.parent / "fresh" / "check_labels.py", "fresh_check_labels")
    fresh.HERE = folder
    fresh.HEADERS = fresh.HEADERS | HEADERS
    return int(fresh.main())


if __name__ == "__main__":
    sys.exit(main(sys.argv))
