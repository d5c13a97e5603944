"""《2024年度省级政府安全生产和消防工作考核要点》(安委〔2024〕10号, seed 002's attachment) as data.

Items 1–4 are judged by the inspection team from materials (查阅资料), so they carry checklists;
the items its 附件 says are scored "directly from data" carry indicator rules where anjian holds
the data (item 8: on-time rate ≥ 95% for 2024, 100% for earlier years, 自查自改率, quarterly /
monthly principal checks; item 10: drills; item 6: training; item 23: first reports within one
hour); the rest are scored by hand. The thresholds where the scheme names no figure (the national
2023 自查自改率, the split of an item's points) are this encoding's choice and editable in admin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from anjian.audit.services import record
from anjian.scoring.choices import Evaluation, ItemKind, SchemeSource
from anjian.scoring.models import AssessmentItem, AssessmentScheme, IndicatorRule, RequiredMaterial, Section

NAME = "2024年度省级政府安全生产和消防工作考核要点"
YEAR = 2024
SOURCE = "安委〔2024〕10号（种子文件002附件）"


@dataclass(frozen=True)
class Rule:
    """An indicator rule: [[threshold, points], …] from the strictest."""

    indicator: str
    thresholds: tuple[tuple[float, float], ...]
    higher_is_better: bool = True
    note: str = ""


@dataclass(frozen=True)
class Item:
    """One numbered item of the scheme."""

    seq: str
    title: str
    points: float | None
    evaluation: str = Evaluation.MANUAL
    kind: str = ItemKind.ITEM
    materials: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    per_occurrence: float | None = None
    occurrence_indicator: str = ""
    accident_rules: dict[str, Any] = field(default_factory=dict)


SECTIONS: tuple[tuple[str, int, tuple[Item, ...]], ...] = (
    ("学习贯彻习近平总书记关于安全生产重要指示批示精神 落实属地领导责任情况", 20, (
        Item("1", "深入贯彻落实习近平总书记关于安全生产重要指示批示精神", 6, Evaluation.EVIDENCE, materials=(
            "党委常委会会议将传达学习重要指示批示精神作为第一议题的会议记录",
            "将安全生产纳入党委宣传工作重点的文件",
            "市县党政主要负责人、分管负责人安全生产培训安排及记录",
        )),
        Item("2", "落实地方党委和政府领导责任", 8, Evaluation.EVIDENCE, materials=(
            "党政领导干部安全生产职责清单",
            "党政领导干部安全生产年度任务清单",
            "政府主要负责同志研究治本攻坚工作的会议纪要",
            "领导班子及成员履行安全生产责任述职材料",
        )),
        Item("3", "厘清部门安全监管职责", 3, Evaluation.EVIDENCE, materials=(
            "部门安全监管职责清单（含新业态、新领域）",
            "电动自行车、醇基燃料、电化学储能电站等“一件事”全链条监管职责文件",
        )),
        Item("4", "提升督查检查考核质效", 3, Evaluation.EVIDENCE, materials=(
            "督查通报、督促函及明查暗访记录",
            "拍摄曝光隐患场景材料",
            "问题隐患整改销号闭环台账",
        )),
    )),
    ("推进安全生产治本攻坚三年行动情况", 33, (
        Item("5", "统筹推进安全生产治本攻坚三年行动", 5),
        Item("6", "开展生产经营单位主要负责人安全教育培训行动", 3, Evaluation.INDICATOR, rules=(
            Rule("training_rate", ((1.0, 3), (0.9, 2), (0.8, 1)),
                 note="培训覆盖率达到100%"),
        )),
        Item("7", "开展重大事故隐患判定标准体系提升行动", 3, Evaluation.EVIDENCE, materials=(
            "重大事故隐患判定标准学习宣贯活动记录",
            "将判定标准纳入各类检查标准的文件",
        )),
        Item("8", "开展重大事故隐患动态清零行动", 5, Evaluation.INDICATOR, rules=(
            Rule("major_on_time_rate", ((0.95, 2),), note="2024年重大事故隐患按期整改率达95%以上"),
            Rule("major_on_time_rate_before", ((1.0, 1),),
                 note="2023年及以前排查发现的重大事故隐患按期整改率达到100%"),
            Rule("self_fix_rate", ((0.5, 1),), note="高于全国2023行动水平（阈值可在后台调整）"),
            Rule("principal_check_rate", ((1.0, 1), (0.9, 0.5)),
                 note="主要负责人每季度至少检查1次，高危行业每月至少1次"),
        )),
        Item("9", "开展安全科技支撑和工程治理行动", 3),
        Item("10", "开展生产经营单位从业人员安全素质能力提升行动", 3, Evaluation.INDICATOR, rules=(
            Rule("drill_rate", ((1.0, 3), (0.9, 2), (0.8, 1)),
                 note="每年至少组织1次疏散逃生演练，高危行业每半年至少1次"),
        )),
        Item("11", "开展生产经营单位安全管理体系建设行动", 2),
        Item("12", "开展安全生产精准执法和帮扶行动", 5),
        Item("13", "开展全民安全素质提升行动", 4),
    )),
    ("落实重点行业领域安全生产和消防工作情况", 21, (
        Item("14", "防范遏制矿山领域重特大生产安全事故", 3),
        Item("15", "化工老旧装置淘汰退出和更新改造及危险化学品专项治理", 3),
        Item("16", "深入开展打通消防“生命通道”工作", 3),
        Item("17", "部署开展电动自行车安全隐患全链条整治行动", 3),
        Item("18", "推进城镇燃气安全专项整治工作", 3),
        Item("19", "开展重点行业领域专项整治", 6),
    )),
    ("严格开展事故查处和责任追究情况", 12, (
        Item("20", "严格事故调查处理", 6),
        Item("21", "严肃责任追究和整改评估", 6),
    )),
    ("其他方面", 14, (
        Item("22", "强化安全生产相关工作投入", 3),
        Item("23", "严格落实应急值守、信息报告、事故统计制度", 3, Evaluation.INDICATOR, rules=(
            Rule("late_first_reports", ((0, 3), (1, 1)), higher_is_better=False,
                 note="在1小时内报送事故信息；迟报1起得1分，2起及以上不得分"),
        )),
        Item("24", "推动安全生产和消防监管服务向基层末梢延伸", 3),
        Item("25", "推动安全生产和消防救援队伍建设", 3),
        Item("26", "贯彻落实其他专项工作", 2),
    )),
)

ADJUSTMENTS: tuple[Item, ...] = (
    Item("27", "发生生产安全事故", None, Evaluation.ACCIDENTS, ItemKind.DEDUCTION, accident_rules={
        "especially_major": {"per": 40},
        "major": {"tiers": [[1, 10], [2, 20], [3, 40]]},
    }),
    Item("28", "形式主义、监管执法“宽松软虚”被通报", None, Evaluation.OCCURRENCES, ItemKind.DEDUCTION,
         per_occurrence=2),
    Item("29", "考核巡查期间明查暗访发现重大事故隐患", None, Evaluation.OCCURRENCES, ItemKind.DEDUCTION,
         per_occurrence=0.5, occurrence_indicator="covert_major_hazards"),
    Item("30", "治本攻坚工作成效明显、重大事故隐患排查质效高", None, kind=ItemKind.BONUS),
    Item("31", "重点或试点工作取得突出成效", None, kind=ItemKind.BONUS),
)


def _create_item(m: Any, scheme: Any, section: Any, order: int, spec: Item) -> None:
    item = m.AssessmentItem.objects.create(
        scheme=scheme, section=section, order=order, seq=spec.seq, kind=spec.kind, title=spec.title,
        points=spec.points, evaluation=spec.evaluation, per_occurrence=spec.per_occurrence,
        occurrence_indicator=spec.occurrence_indicator, accident_rules=spec.accident_rules,
    )
    m.RequiredMaterial.objects.bulk_create(
        m.RequiredMaterial(item=item, order=n, name=name) for n, name in enumerate(spec.materials, start=1)
    )
    m.IndicatorRule.objects.bulk_create(
        m.IndicatorRule(item=item, indicator=r.indicator, thresholds=[list(t) for t in r.thresholds],
                        higher_is_better=r.higher_is_better, note=r.note)
        for r in spec.rules
    )


def create(m: Any, *, actor: Any = None, current: bool = True) -> tuple[Any, int]:
    """Write the scheme with the model classes `m` (the app's, or a migration's historical ones: the seed
    migration scoring 0002 uses this); returns the scheme and its number of items. No audit row."""
    if current:
        m.AssessmentScheme.objects.filter(is_current=True).update(is_current=False)
    scheme = m.AssessmentScheme.objects.create(name=NAME, year=YEAR, source=SchemeSource.BUILTIN,
                                               source_ref=SOURCE, is_current=current, created_by=actor)
    order = 0
    for n, (title, points, items) in enumerate(SECTIONS, start=1):
        section = m.Section.objects.create(scheme=scheme, order=n, title=title, points=points)
        for spec in items:
            order += 1
            _create_item(m, scheme, section, order, spec)
    for spec in ADJUSTMENTS:
        order += 1
        _create_item(m, scheme, None, order, spec)
    return scheme, order


class _AppModels:
    AssessmentScheme = AssessmentScheme
    Section = Section
    AssessmentItem = AssessmentItem
    RequiredMaterial = RequiredMaterial
    IndicatorRule = IndicatorRule


def load(*, actor: Any = None, current: bool = True) -> AssessmentScheme:
    """Create the 2024 scheme once (an existing one with this name is returned untouched)."""
    existing = AssessmentScheme.objects.filter(name=NAME).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        scheme, items = create(_AppModels, actor=actor, current=current)
        record(actor=actor, action="scheme.load", object_type="assessmentscheme", object_id=scheme.pk,
               after={"name": NAME, "items": items})
        return scheme  # type: ignore[no-any-return]
