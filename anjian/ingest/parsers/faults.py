"""Whether a line states a fault found or a task to do: the words that tell a finding from an order."""

from __future__ import annotations

import re

from anjian.ingest.parsers.hanzi import simplified

# A numbered line that states a fault (`宿舍卫生脏乱,私拉电线`, `无栏杆及警示牌`) is a finding, not a task.
FAULT = re.compile(
    r"未|无|没有|缺|不(?:到位|够|足|规范|符合|合格|全|齐|及时|严|清|明|按)|乱|私拉|私接|私装|堵塞|占用|损坏|过期|失效|违规|违章|"
    # wear and disorder found on a site (`墙砖隆起`, `水泥粉灰松动脱落`, `堆积废旧物`, `杂乱无章`)
    r"脱落|松动|隆起|破损|老化|锈蚀|腐蚀|开裂|裂缝|渗漏|漏水|破旧|杂乱|脏乱|堆积|堆放杂物|积水|"
    r"存在[^，,。；;]{0,10}(?:问题|隐患)"
)
# A numbered line that opens with what is to be done (`加强…`, `要…`, `落实…`) is a task.
TASK_OPENING = re.compile(
    r"^(?:第[^条]{1,4}条\s*)?(?:[^，,。；;]{0,12}?要|加强|强化|落实|严格|确保|开展|做好|推进|建立|健全|完善|深入|全面|持续|切实|扎实|认真|组织|督促|进一步|抓好|坚持|积极)"
)


# A fault word under a prohibition (`不堵塞疏散通道`, `严禁堆放杂物`, `切勿无证驾驶`) is advice, not a finding.
_FORBIDS = re.compile(r"(?:不|勿|禁止|不得|不准|防止|避免|杜绝)[^，,。；;]{0,2}$")


def states_fault(text: str) -> bool:
    """A point that states a fault found (`隐患自查流于形式`), not a task (`加强…`) or advice (`不堵塞通道`)."""
    text = simplified(text)
    found = any(not _FORBIDS.search(text, max(0, m.start() - 4), m.start()) for m in FAULT.finditer(text))
    return found and not TASK_OPENING.match(text)
