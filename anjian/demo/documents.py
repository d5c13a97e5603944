"""The demo county's own documents, written in the genre and built by code: a rectification plan in
prose (.docx), a problem/measure table with merged category cells (.xlsx), and a reminder letter (.txt).

Dates are relative to the day the demo is built, so some deadlines have passed (overdue items) and
others lie ahead. The names of responsible units are printed the way documents print them
(区城管局, 各乡、办, 负有安全监管职责的部门), so the import shows its resolution at work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

CN_DIGITS = "〇一二三四五六七八九"


def chinese_date(day: date) -> str:
    """A 落款 date in Chinese numerals: 二〇二四年十一月八日."""
    def small(n: int) -> str:
        if n < 10:
            return CN_DIGITS[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")

    year = "".join(CN_DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{small(day.month)}月{small(day.day)}日"


def cn_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class DemoDocument:
    """One generated document: where it was written and the day it is dated."""

    path: Path
    issued: date


def plan_lines(today: date) -> tuple[list[str], date]:
    """The lines of the prose rectification plan and its date (about four months ago)."""
    issued = today - timedelta(days=120)
    soon, later = issued + timedelta(days=30), issued + timedelta(days=75)
    future = today + timedelta(days=60)
    lines = [
        "开封市龙亭区安全生产委员会文件",
        f"龙安生委〔{issued.year}〕9号",
        "龙亭区安全生产委员会关于印发城镇燃气和消防安全督导检查发现问题整改方案的通知",
        "各乡人民政府、办事处，区安委会各成员单位：",
        "现将《城镇燃气和消防安全督导检查发现问题整改方案》印发给你们，请认真贯彻落实。",
        chinese_date(issued),
        "城镇燃气和消防安全督导检查发现问题整改方案",
        "一、工作目标",
        "坚持人民至上、生命至上，逐条整改督导检查发现的问题，健全长效机制，坚决防范遏制各类事故。",
        "二、整改内容",
        "（一）城镇燃气安全",
        "1.部分餐饮场所未安装可燃气体报警装置，燃气管道使用软管连接超长。",
        "整改措施：对全区餐饮场所开展燃气安全专项检查，督促安装可燃气体报警装置并规范管道连接。",
        f"整改时限：{cn_day(soon)}前",
        "责任单位：区城管局、区市场监管局，各乡、办",
        "2.瓶装液化石油气非法经营、违规存放问题仍有发生。",
        "整改措施：联合开展打击瓶装液化石油气非法经营专项行动，建立钢瓶充装追溯台账。",
        f"整改时限：{cn_day(later)}前",
        "责任单位：区城市管理局，区公安分局、区市场监管局",
        "3.老旧燃气管网改造进度滞后。",
        "整改措施：制定老旧管网更新改造计划，按月调度改造进度。",
        f"整改时限：{cn_day(future)}前",
        "责任单位：区住建局、区城管局",
        "（二）消防安全",
        "4.“九小场所”消防设施缺失，电动自行车违规停放充电现象突出。",
        "整改措施：开展“九小场所”消防安全集中整治，清理违规停放充电的电动自行车。",
        f"整改时限：{cn_day(soon)}前",
        "责任单位：区消防救援大队，各乡、办",
        "5.部分高层建筑消防设施维护保养不到位。",
        "整改措施：督促物业服务企业落实消防设施维护保养责任，建立问题清单。",
        "整改时限：长期",
        "责任单位：区消防大队、区住建局",
        "（三）安全监管执法",
        "6.执法检查重检查轻处罚，“宽松软”问题仍然存在。",
        "整改措施：严格落实“一案双罚”，提高行政处罚案件占比，定期通报执法情况。",
        f"整改时限：{cn_day(later)}前",
        "责任单位：负有安全监管职责的部门",
        "7.部分企业重大事故隐患未按期整改销号。",
        "整改措施：对逾期未整改的重大事故隐患挂牌督办，立即整改。",
        "整改时限：立行立改",
        "责任单位：区应急局、区政府",
        "三、工作要求",
        "各责任单位要高度重视，每月底前报送整改进展情况。",
    ]
    return lines, issued


def table_rows(today: date) -> tuple[str, list[tuple[str, str, str, str, str]], date]:
    """The title and rows (category, problem, measures, units, deadline) of the measure table."""
    issued = today - timedelta(days=60)
    year = issued.year
    end_past = issued + timedelta(days=40)
    end_future = today + timedelta(days=90)
    title = f"龙亭区{year}年度安全生产督导检查问题整改措施表"
    rows = [
        ("（一）危险化学品安全", "部分危化品企业重大危险源监测预警系统报警处置不及时。",
         "督促企业建立报警处置闭环机制，每月抽查报警处置记录。", "区应急管理局", cn_day(end_past)),
        ("（一）危险化学品安全", "加油站卸油作业未严格执行操作规程。",
         "开展加油站卸油作业专项检查，对违规行为依法处罚。", "区应急局、区商务局", cn_day(end_future)),
        ("（二）建筑施工安全", "部分在建工地深基坑监测不到位。",
         "组织专家对在建深基坑开展安全评估，落实第三方监测。", "区住房和城乡建设局", cn_day(end_past)),
        ("（二）建筑施工安全", "塔式起重机等特种设备使用登记不全。",
         "开展起重机械使用登记专项清查，未登记的一律停止使用。", "区住建局、区市场监管局", cn_day(end_future)),
        ("（三）道路交通安全", "农村道路临水临崖路段安全防护设施缺失。",
         "排查农村道路临水临崖路段，分批完善防护设施。", "区交通运输局，各乡、办", cn_day(end_future)),
        ("（三）道路交通安全", "校车和客运车辆动态监控存在盲区。",
         "完善重点车辆动态监控平台，落实专人值守。", "区交通局、区教体局", "每月"),
    ]
    return title, rows, issued


def reminder_lines(today: date) -> tuple[list[str], date]:
    """The lines of the reminder letter (dated ten days ago) with time nodes inside the text."""
    issued = today - timedelta(days=10)
    node = today + timedelta(days=20)
    return [
        "龙亭区安全生产委员会办公室",
        "关于做好岁末年初安全生产重点工作的提醒函",
        "各乡人民政府、办事处，区安委会各成员单位：",
        "岁末年初是各类事故易发多发期，为切实做好安全防范工作，现将有关重点工作提醒如下：",
        "一、压实安全生产责任",
        f"1. 各行业主管部门于{node.month}月{node.day}日前组织一次本行业领域安全形势分析研判，形成专题报告报区安委办。（责任单位：负有安全监管职责的部门）",
        "2. 区应急管理局每月对重点企业开展一次明查暗访，结果在全区通报。（责任单位：区应急管理局）",
        "二、深化隐患排查整治",
        f"3. 区消防救援大队牵头，{node.year}年{node.month}月底前完成人员密集场所消防安全检查全覆盖。（责任单位：区消防救援大队、各乡、办）",
        "4. 区城市管理局对餐饮场所燃气使用情况开展“回头看”，立即整改发现的问题。（责任单位：区城管局）",
        chinese_date(issued),
    ], issued


def write_documents(folder: Path, today: date) -> list[DemoDocument]:
    """Write the three demo documents into `folder` and return them in import order."""
    import docx
    import openpyxl
    from openpyxl.styles import Alignment

    folder.mkdir(parents=True, exist_ok=True)
    out: list[DemoDocument] = []

    lines, issued = plan_lines(today)
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    plan = folder / "龙亭区城镇燃气和消防安全问题整改方案.docx"
    document.save(str(plan))
    out.append(DemoDocument(plan, issued))

    title, rows, issued = table_rows(today)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "整改措施表"
    sheet.append([title])
    sheet.merge_cells("A1:F1")
    sheet.append(["问题类别", "序号", "具体问题", "整改措施", "责任单位", "完成时限"])
    for number, (category, problem, measures, units, deadline) in enumerate(rows, start=1):
        sheet.append([category, str(number), problem, measures, units, deadline])
    # The category column is merged over its rows, as clerks lay such tables out.
    start = 3
    for first in range(len(rows)):
        if first + 1 < len(rows) and rows[first][0] == rows[first + 1][0] and (first == 0 or rows[first - 1][0] != rows[first][0]):
            sheet.merge_cells(start_row=start + first, start_column=1, end_row=start + first + 1, end_column=1)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    table = folder / f"{title}.xlsx"
    workbook.save(str(table))
    out.append(DemoDocument(table, issued))

    lines, issued = reminder_lines(today)
    letter = folder / "关于做好岁末年初安全生产重点工作的提醒函.txt"
    letter.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    out.append(DemoDocument(letter, issued))
    return out
