"""Sample documents for the publish tests, modelled on seed 000 (龙安生委〔2022〕14号)."""

from __future__ import annotations

from datetime import date

from anjian.publish.gbt9704 import (
    Appendix,
    AttachmentNote,
    Heading,
    Masthead,
    OfficialDocument,
    Paragraph,
    Table,
    format_doc_number,
)

# Pure Han text without punctuation, so every wrapped line shows how many characters fit.
FILLER = "安全生产责任重于泰山各级各部门要坚持人民至上生命至上统筹发展和安全压实安全生产责任" * 3


def sample_notice(masthead: Masthead = Masthead.FILE) -> OfficialDocument:
    """Return a multi-page 红头 notice with every block type, modelled on seed 000."""
    plan = (
        Paragraph(
            "2022年5月24日至6月1日，国务院安委会第六考核巡查组对我省2021年度安全生产和消防工作进行了现场考核巡查。"
        ),
        Heading(1, "工作目标"),
        Paragraph("以习近平新时代中国特色社会主义思想为指导，坚持人民至上、生命至上，统筹发展和安全。"),
        Heading(1, "方法步骤"),
        Heading(
            2, "制定方案（2022年11月20日前）。", run_in="认真学习领会考核巡查通报情况，逐条梳理存在问题。"
        ),
        Heading(2, "整改问题（2022年12月9日前）。", run_in="全面落实整改工作方案，对照问题隐患清单。"),
        Heading(3, "学习领会不够深入。", run_in="部分地市对安全生产重要论述传达理解不够深入。"),
        Heading(4, "整改时限：长期。"),
        Table(
            header=("序号", "问题", "整改时限", "责任单位"),
            rows=(
                ("1", "学习领会不够深入", "长期", "区委、区政府"),
                ("2", "消防安全自主管理水平有待提高", "2022年12月15日前", "区消防救援大队"),
            ),
            column_widths_mm=(16.0, 70.0, 35.0, 35.0),
        ),
        *(Paragraph(FILLER) for _ in range(8)),
    )
    return OfficialDocument(
        masthead=masthead,
        # A letter (函) carries the organ's name alone; a 文件 adds 文件 to it.
        issuer_mark="开封市龙亭区安全生产委员会" + ("" if masthead is Masthead.LETTER else "文件"),
        doc_number=format_doc_number("龙安生委", 2022, 14),
        title="龙亭区安全生产委员会\n关于印发2021年度省级政府安全生产和消防\n工作考核巡查通报问题整改方案的通知",
        addressee="各乡人民政府、办事处，区安委会有关成员单位",
        body=(
            Paragraph(
                "现将《2021年度省级政府安全生产和消防工作考核巡查通报问题整改方案》印发给你们，请认真贯彻落实。"
            ),
            *(Paragraph(FILLER) for _ in range(6)),
            AttachmentNote(("2021年度省级政府安全生产和消防工作考核巡查通报问题整改方案", "整改任务清单")),
        ),
        signature_org="开封市龙亭区安全生产委员会",
        date=date(2022, 11, 8),
        appendices=(
            Appendix(
                title="2021年度省级政府安全生产和消防工作\n考核巡查通报问题整改方案", body=plan, label="附件1"
            ),
        ),
        cc="区委办公室，区人大办公室，区政协办公室",
        printer_org="开封市龙亭区安全生产委员会办公室",
        print_date=date(2022, 11, 8),
    )
