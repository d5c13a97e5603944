"""Status sets of a tip-off and of its reward, with their declared transition tables."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.ledger.choices import Edge


class TipOffCategory(models.TextChoices):
    MAJOR_HAZARD = "major_hazard", _("重大事故隐患")
    ILLEGAL_PRODUCTION = "illegal_production", _("非法违法生产经营")
    FIRE = "fire", _("消防安全隐患")
    GAS = "gas", _("燃气安全隐患")
    CONCEALED_ACCIDENT = "concealed_accident", _("瞒报谎报事故")
    OTHER = "other", _("其他安全生产问题")


class TipOffStatus(models.TextChoices):
    RECEIVED = "received", _("已受理")
    TRIAGED = "triaged", _("已登记")
    ROUTED = "routed", _("已转办")
    VERIFYING = "verifying", _("核查中")
    VERIFIED = "verified", _("查证属实")
    REJECTED = "rejected", _("查证不实")
    CLOSED = "closed", _("已办结")


class TipOffAction(models.TextChoices):
    TRIAGE = "triage", _("登记分类")
    ROUTE = "route", _("转办主管部门")
    START_VERIFYING = "start_verifying", _("开始核查")
    VERIFY = "verify", _("查证属实")
    REJECT = "reject", _("查证不实")
    CLOSE = "close", _("办结")


class RewardStatus(models.TextChoices):
    PROPOSED = "proposed", _("拟奖励")
    PAID = "paid", _("已兑付")


def _edges(table: dict[str, tuple[set[str], str, bool]]) -> dict[str, Edge]:
    return {action: Edge(frozenset(src), dst, reason) for action, (src, dst, reason) in table.items()}


_S = TipOffStatus
TIPOFF_TRANSITIONS: dict[str, Edge] = _edges(
    {
        TipOffAction.TRIAGE: ({_S.RECEIVED}, _S.TRIAGED, False),
        TipOffAction.ROUTE: ({_S.TRIAGED}, _S.ROUTED, False),
        TipOffAction.START_VERIFYING: ({_S.ROUTED}, _S.VERIFYING, False),
        TipOffAction.VERIFY: ({_S.VERIFYING}, _S.VERIFIED, False),
        # Rejection is allowed from triage on: an obviously unfounded report needs no routing.
        TipOffAction.REJECT: ({_S.TRIAGED, _S.ROUTED, _S.VERIFYING}, _S.REJECTED, True),
        TipOffAction.CLOSE: ({_S.VERIFIED, _S.REJECTED}, _S.CLOSED, False),
    }
)
REWARD_TRANSITIONS: dict[str, Edge] = _edges({"pay": ({RewardStatus.PROPOSED}, RewardStatus.PAID, False)})

TIPOFF_TERMINAL = frozenset({_S.CLOSED})
# Handling is finished once a finding is reached; the 60-day clock watches only these.
TIPOFF_WATCHED = frozenset({_S.RECEIVED, _S.TRIAGED, _S.ROUTED, _S.VERIFYING})

# The colour of each status tag (the workspace's tag palette: blue in hand, orange with a department,
# green found true, grey finished without a finding).
STATUS_COLOURS = {
    _S.RECEIVED: "blue", _S.TRIAGED: "blue", _S.ROUTED: "orange", _S.VERIFYING: "orange",
    _S.VERIFIED: "green", _S.REJECTED: "grey", _S.CLOSED: "grey",
}

# Labels of the event rows that are not transitions.
EVENT_LABELS = {
    **dict(TipOffAction.choices),
    "submit": _("提交举报"),
    "reveal_identity": _("查看举报人信息"),
    "reward_propose": _("核定奖励"),
    "reward_pay": _("兑付奖励"),
    "remind": _("期限提醒"),
}
