"""A document's title and 文号, found past the chrome a government website prints around them.

Pages saved from a site open with breadcrumbs (首页 > 政务公开 > …), a metadata block (索取号, 发布机构,
文件编号 …), 发布日期/信息来源/阅读次数 lines and 【我要打印】【关闭】 buttons; a forum repost opens
with its poster. None of that is the title. A Markdown copy marks the title with `#`; a page whose
text was flattened into one line carries the title inside its first sentence.
"""

from __future__ import annotations

import re

from anjian.ingest.document import SourceDocument, Table
from anjian.ingest.parsers.layout import TITLE_CLOSE, clean, parse_line

# One chrome line: a breadcrumb, a metadata label or value, a publishing line, a button row.
_CHROME = re.compile(
    r"^(?:首页\s*[>›»＞]|首页$|[>›»＞]|当前位置|您(?:现在)?的位置|位置\s*[:：])"
    r"|^(?:索取号|载体类型|发布机构|文件编号|记录形式|公开类别|关键词|内容描述|主题分类|成文日期|发文日期|公开方式|"
    r"信息索引号|索引号|发文机关|发布日期|发布时间|更新时间|信息来源|来源|作者|编辑|责任编辑|浏览次数|阅读次数|点击数|"
    r"文件类型|公开发布日期|发文字号|所属单位|有效性|访问次数|字号|分享到|打印|关闭|扫一扫|主动公开|依申请公开|不予公开)(?:[:：]|$)"
    r"|【\s*(?:我要打印|打印|关闭|关闭窗口|字体|大|中|小|收藏|分享)\s*】|我来说两句|关闭窗口|^[\d\-/]{6,}$"
    # a font-size switch stored a button a line (`字号:[` / `大` / `中` / `小` / `]`)
    r"|^[\[\]［］【】]?[大中小]?[\[\]［］【】]?$"
    r"|^[\w.]+\.(?:com|cn|net|org)"
    # A reading app's page (`创建于08-31`, `阅读 583`, `收藏TA`, `需扫码在手机上打开`, `文章后点击更新提醒`).
    r"|^(?:创建于\s*\d|阅读\s*\d+$|收藏TA$|需扫码|扫码关注|文章后点击|长按识别|点击关注)"
    r"|^您好[,，]?欢迎(?:访问|光临|来到)"  # a document-sharing site's greeting
)
# A breadcrumb (`当前位置:首页 > 管理学资料 > 辽宁省…考评标准`) whose last step names the page's document.
_CRUMB = re.compile(r"^(?:当前位置|您的(?:当前)?位置)[:：].*?[>›»＞](?P<tail>[^>›»＞]{8,80})$")
# A metadata label on a line of its own (索取号, 发布机构): the next line is its value, not the title.
_BARE_LABEL = re.compile(
    r"^(?:索取号|载体类型|发布机构|文件编号|记录形式|公开类别|关键词|内容描述|主题分类|成文日期|发文日期|公开方式|"
    r"信息索引号|索引号|发文机关|发布日期|发布时间|信息来源|来源)[:：]?$"
)
_METADATA_VALUE = re.compile(r"^\d{6,}[\d/\-]*$")
# A government open-information page's metadata row, its labels and values spaced apart on one line
# (`索 引 号 FZ08906-2500-2022-00025 文号 上政综〔2022〕286号`, `标题 …的通知 有效性 有效`): the row is chrome,
# and the value of its 标题 label is the document's title.
_ROW_LABEL = re.compile(
    r"(?:^|\s)(索\s?引\s?号|信息索引号|文\s?号|发文字号|发布机构|生成日期|成文日期|发布日期|有\s?效\s?性|主题分类|"
    r"公开方式|公开范围|内容概述|标\s?题|信息名称)\s+\S"
)
_ROW_TITLE = re.compile(
    r"^标\s?题\s+(?P<title>.+?)(?:\s+(?:有\s?效\s?性|文\s?号|发文字号|生成日期|发布日期)\s.*)?$"
)


# An open-information page's metadata block stored as a table (`索引号: | … | 组配分类: | …`, `名称: | …的通知 |
# 文号: | 无`): label cells ending in a colon, each followed by its value.
_TABLE_LABEL = re.compile(r"^[\u4e00-\u9fa5\s]{2,8}[:：]$")
_TABLE_TITLE = re.compile(r"^(?:名\s*称|标\s*题|信息名称|文件名称)[:：]$")


def _metadata_table(table: Table) -> str | None:
    """The title a metadata table names (`名称:` / `标题:`), "" when it names none; None when the table is no
    metadata block (most of its rows open with a label)."""
    labelled = [row for row in table.rows if row and _TABLE_LABEL.match(clean(row[0]))]
    if not table.rows or len(labelled) * 3 < len(table.rows) * 2:
        return None
    for row in labelled:
        cells = [clean(c) for c in row]
        for at, cell in enumerate(cells[:-1]):
            if _TABLE_TITLE.match(cell) and cells[at + 1]:
                return re.sub(r"\s", "", cells[at + 1])
    return ""


def _metadata_row(text: str) -> bool:
    """Whether a line is a metadata row: it opens with a label and a value, and names two labels or opens
    with 标题."""
    labels = _ROW_LABEL.findall(text)
    return bool(labels) and _ROW_LABEL.match(text) is not None and (len(labels) >= 2 or labels[0].startswith("标"))


DOC_NUMBER = re.compile(
    r"[A-Za-z\u4e00-\u9fa5]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号"
)

# A line that is only a 文号 (with the 签发人 some mastheads print beside it).
_NUMBER_LINE = re.compile(rf"^(?:{DOC_NUMBER.pattern})(?:签发人[:：]?\S{{0,6}})?$")
_MASTHEAD = re.compile(r"(?:文件|办公室|委员会|人民政府|政府|管理局|局|厅|委|办|指挥部|中心)$")


# A document-sharing site's notice around the document it previews (book118, 文库 sites), numbered or not:
# `1、本文档共8页，可阅读全部内容。`, `…由会员分享，可在线阅读`, `（…省略187字，正式会员可完整阅读）`.
_SITE_NOTICE = re.compile(
    r"本文档共\s*\d+\s*页|原创力文档|文档一经付费|本站所有内容|本站不对文档|侵犯商业秘密|版权申诉|如何避免下载|二次下载|"
    r"由会员分享[,，]?可在线阅读|正式会员可完整阅读|下载文档|文档评论|请在[^，,。]{0,12}上搜索|"
    r"VIP文档|成为VIP|下载权益|网友上传"
)


def is_site_notice(text: str) -> bool:
    """Whether a paragraph is a document-sharing site's notice, not part of the document it shows."""
    return len(text) <= 300 and bool(_SITE_NOTICE.search(text))


def is_chrome(text: str) -> bool:
    """Whether a line is website chrome rather than part of the document."""
    compact = re.sub(r"\s", "", text).lstrip("•·●◆▪-")  # a metadata list's bullets
    return bool(_CHROME.search(compact)) or bool(_METADATA_VALUE.match(compact))


def _flattened_title(text: str) -> str:
    """The title part of a long first line: up to the salutation's colon, else the first 120 characters."""
    head = re.split(r"[:：]", text, maxsplit=1)[0][:200]
    glued = _GLUED_FIRST_HEADING.match(head)
    if glued:
        return glued.group("title")  # `…工作方案一、工作目标…`: the title runs into its first heading
    return head if len(head) <= 200 else head[:120]


# A title glued to the first heading of its text: `…大执法工作方案一、工作目标`, `…管理办法(2022年修订版)一、目的`.
_GLUED_FIRST_HEADING = re.compile(rf"(?P<title>[^，,。；;]{{4,100}}?{TITLE_CLOSE})一、")


def title_text(doc: SourceDocument, limit: int = 8) -> str:
    """The document's title area: the first paragraphs past the chrome, before the salutation or body."""
    lines: list[str] = []
    numbers: list[str] = []
    value_next = False
    crumb = ""
    for block in doc.blocks:
        if isinstance(block, Table):
            meta = _metadata_table(block) if not lines else None
            if meta:
                return meta
            if meta is None:
                break
            continue
        text = clean(block.text)
        # A Markdown copy's `# title` line (`clean` drops the marks); its `# 某字[2024]13号` line is the 文号.
        marked = re.match(r"^\s*#{1,6}\s", block.text) is not None and not _NUMBER_LINE.match(re.sub(r"\s", "", text))
        if value_next and text and not lines:
            value_next = False
            if not marked and len(text) <= 40:
                continue
        if not text or is_chrome(text):
            value_next = bool(_BARE_LABEL.match(re.sub(r"\s", "", text)))
            tail = _CRUMB.match(re.sub(r"\s", "", text))
            crumb = tail.group("tail") if tail and "正文" not in tail.group("tail") else crumb
            continue
        if _metadata_row(text):
            named = _ROW_TITLE.match(text)
            if named and not lines:
                return re.sub(r"\s", "", named.group("title"))
            continue
        if re.match(r"^附\s*件\s*\d*\s*(?:[:：].*)?$", text) and (lines or len(text) <= 60):
            continue  # an attachment's name; a page flattened from its `附件:` line on is read below
        if marked:
            return re.sub(r"\s", "", text)  # a Markdown copy's `# title` is the whole title
        if not lines and len(text) > 60:
            # One long line: a page flattened into a paragraph, or an 附件 line running into its table.
            flattened = re.sub(r"\s", "", _flattened_title(re.sub(r"^附\s*件\s*\d*\s*(?:[:：])?", "", text)))
            if crumb and not (flattened.startswith(crumb) and len(flattened) > len(crumb)):
                return crumb  # a page flattened into one line under a breadcrumb naming it (cut short or not)
            return flattened
        if text.endswith(("：", ":", "。")) or len(lines) >= limit or (len(text) > 60 and lines):
            break
        if parse_line(text).level and lines:
            break  # a numbered heading starts the body
        if _NUMBER_LINE.match(re.sub(r"\s", "", text)):
            numbers.append(text)  # the 文号 on its own line is not part of the title
            continue
        lines.append(text)
    lines = lines or numbers  # unless it is all the title there is (`督办通知〔2017〕22号`)
    # A masthead (`某县安全生产委员会办公室`, `…文件`) over a `关于…` title is not part of it.
    opening = next((at for at, line in enumerate(lines) if at and re.match(r"^\s*关\s*于", line)), 0)
    if opening and all(_MASTHEAD.search(re.sub(r"\s", "", line)) for line in lines[:opening]):
        lines = lines[opening:]
    # Titles wrap over lines and PDF text spaces them out; keywords must match across both.
    return re.sub(r"\s", "", "".join(lines))


def doc_number(doc: SourceDocument) -> str | None:
    """The 文号 (`沪建质安〔2025〕209号`, `督办通知〔2017〕22号`) printed in the document's opening, if any."""
    for block in doc.blocks[:40]:
        if isinstance(block, Table):
            continue
        text = clean(block.text)[:400]
        for found in DOC_NUMBER.finditer(text):
            # `《…的通知》（中办发〔2018〕50号）` cites another document: not this one's number.
            if re.search(r"[（(《“\"]\s*$", text[: found.start()]):
                continue
            number = re.sub(r"\s", "", found.group())
            # `…委员会办公室文件文安委办〔2020〕60号`: the masthead (…文件) runs into the number.
            return number.rsplit("文件", 1)[-1]
    return None
