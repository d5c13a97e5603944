"""Whether a line states a fault found or a task to do: the words that tell a finding from an order."""

from __future__ import annotations

import re

from anjian.ingest.parsers.hanzi import simplified

# A numbered line that states a fault (`宿舍卫生脏乱,私拉电线`, `无栏杆及警示牌`) is a finding, not a task.
FAULT = re.compile(
    r"未|无|没有|缺|不(?:到位|够|足|规范|符合|合格|全|齐|及时|严|清|明|按)|乱|私拉|私接|私装|堵塞|占用|损坏|过期|失效|违规|违章|存在[^，,。；;]{0,10}(?:问题|隐患)"
)
# A numbered line that opens with what is to be done (`加强…`, `要…`, `落实…`) is a task.
TASK_OPENING = re.compile(
    r"^(?:第[^条]{1,4}条\s*)?(?:[^，,。；;]{0,12}?要|加强|强化|落实|严格|确保|开展|做好|推进|建立|健全|完善|深入|全面|持续|切实|扎实|认真|组织|督促|进一步|抓好|坚持|积极)"
)


def states_fault(text: str) -> bool:
    """A point that states a fault found (`隐患自查流于形式`), not a task (`加强…`)."""
    text = simplified(text)
    return bool(FAULT.search(text)) and not TASK_OPENING.match(text)
