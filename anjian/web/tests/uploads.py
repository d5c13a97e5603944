"""What the tests upload: a rectification plan, the preview form that confirms it, a small picture.

The same documents go through one process (test_import, test_shared_store) and through the topology's two
hosts over HTTP (anjian/bench/tests/test_topology.py).
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image

FUEL_ITEM = """1.加油站卸油作业未执行双人监护。
整改措施：督促全区加油站落实卸油作业双人监护制度。
整改时限：2030年6月30日前
责任单位：区商务局
"""


def plan(*items: str) -> str:
    """A county office's plan (龙亭区) holding these numbered items, as the office uploads it."""
    return "龙亭区危险化学品安全整改方案\n一、整改内容\n" + "".join(items) + "2024年9月1日\n"


PLAN = plan(FUEL_ITEM)


def confirm_form(department_id: int) -> dict[str, str]:
    """The preview of PLAN confirmed as it was read, its unit 区商务局 matched to this department."""
    return {"row_count": "1", "alias:区商务局": f"department:{department_id}", "row-0-seq": "1",
            "row-0-category": "", "row-0-problem": "加油站卸油作业未执行双人监护。",
            "row-0-measures": "督促全区加油站落实卸油作业双人监护制度。", "row-0-deadline_raw": "2030年6月30日前",
            "row-0-deadline": "2030-06-30", "row-0-units": "区商务局"}


def png() -> bytes:
    """A 4×3 red PNG."""
    out = BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()
