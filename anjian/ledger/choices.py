"""Status sets and the declared transition tables of every ledger item kind."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskStatus(models.TextChoices):
    DRAFT = "draft", _("待分派")
    ASSIGNED = "assigned", _("已分派")
    IN_PROGRESS = "in_progress", _("整改中")
    SUBMITTED = "submitted", _("待验收")
    RETURNED = "returned", _("已退回")
    EXTENSION_REQUESTED = "extension_requested", _("申请延期")
    CLOSED = "closed", _("已销号")
    CANCELLED = "cancelled", _("已撤销")


class HazardStatus(models.TextChoices):
    FOUND = "found", _("已发现")
    ASSIGNED = "assigned", _("已交办")
    RECTIFYING = "rectifying", _("整改中")
    SUBMITTED = "submitted", _("待验收")
    RETURNED = "returned", _("已退回")
    EXTENSION_REQUESTED = "extension_requested", _("申请延期")
    CLOSED = "closed", _("已销号")
    CANCELLED = "cancelled", _("已撤销")


class Action(models.TextChoices):
    ASSIGN = "assign", _("分派")
    START = "start", _("开始整改")
    SUBMIT = "submit", _("提交验收")
    RETURN = "return", _("退回")
    CLOSE = "close", _("验收销号")
    REQUEST_EXTENSION = "request_extension", _("申请延期")
    APPROVE_EXTENSION = "approve_extension", _("同意延期")
    REFUSE_EXTENSION = "refuse_extension", _("不同意延期")
    CANCEL = "cancel", _("撤销")
    # 交办: a self-reported hazard handed over to its supervising department (ledger.steering).
    HAND_OVER = "hand_over", _("交办")
    # Steering (ledger.steering): they change owners, deadlines or tell people; the status stays.
    URGE = "urge", _("催办")
    REASSIGN = "reassign", _("改派")
    CHANGE_DEADLINE = "change_deadline", _("调整时限")
    SPLIT = "split", _("拆分")


@dataclass(frozen=True)
class Edge:
    """An allowed transition: the statuses it leaves from and the one it lands in."""

    sources: frozenset[str]
    target: str
    needs_reason: bool = False


def _edges(table: dict[str, tuple[set[str], str, bool]]) -> dict[str, Edge]:
    return {action: Edge(frozenset(src), dst, reason) for action, (src, dst, reason) in table.items()}


_T = TaskStatus
TASK_TRANSITIONS: dict[str, Edge] = _edges(
    {
        Action.ASSIGN: ({_T.DRAFT}, _T.ASSIGNED, False),
        Action.START: ({_T.ASSIGNED, _T.RETURNED}, _T.IN_PROGRESS, False),
        Action.SUBMIT: ({_T.ASSIGNED, _T.IN_PROGRESS, _T.RETURNED}, _T.SUBMITTED, False),
        Action.RETURN: ({_T.SUBMITTED}, _T.RETURNED, True),
        Action.CLOSE: ({_T.SUBMITTED}, _T.CLOSED, True),  # the reason is the 验收意见
        Action.REQUEST_EXTENSION: ({_T.ASSIGNED, _T.IN_PROGRESS, _T.RETURNED}, _T.EXTENSION_REQUESTED, True),
        Action.APPROVE_EXTENSION: ({_T.EXTENSION_REQUESTED}, _T.IN_PROGRESS, False),
        Action.REFUSE_EXTENSION: ({_T.EXTENSION_REQUESTED}, _T.IN_PROGRESS, True),
        Action.CANCEL: (
            {_T.DRAFT, _T.ASSIGNED, _T.IN_PROGRESS, _T.RETURNED, _T.EXTENSION_REQUESTED},
            _T.CANCELLED,
            True,
        ),
    }
)

_H = HazardStatus
HAZARD_TRANSITIONS: dict[str, Edge] = _edges(
    {
        Action.ASSIGN: ({_H.FOUND}, _H.ASSIGNED, False),
        Action.START: ({_H.ASSIGNED, _H.RETURNED}, _H.RECTIFYING, False),
        Action.SUBMIT: ({_H.ASSIGNED, _H.RECTIFYING, _H.RETURNED}, _H.SUBMITTED, False),
        Action.RETURN: ({_H.SUBMITTED}, _H.RETURNED, True),
        Action.CLOSE: ({_H.SUBMITTED}, _H.CLOSED, True),  # the reason is the 验收意见
        Action.REQUEST_EXTENSION: ({_H.ASSIGNED, _H.RECTIFYING, _H.RETURNED}, _H.EXTENSION_REQUESTED, True),
        Action.APPROVE_EXTENSION: ({_H.EXTENSION_REQUESTED}, _H.RECTIFYING, False),
        Action.REFUSE_EXTENSION: ({_H.EXTENSION_REQUESTED}, _H.RECTIFYING, True),
        Action.CANCEL: (
            {_H.FOUND, _H.ASSIGNED, _H.RECTIFYING, _H.RETURNED, _H.EXTENSION_REQUESTED},
            _H.CANCELLED,
            True,
        ),
        Action.HAND_OVER: ({_H.FOUND}, _H.ASSIGNED, False),
    }
)

TASK_TERMINAL = frozenset({_T.CLOSED, _T.CANCELLED})
HAZARD_TERMINAL = frozenset({_H.CLOSED, _H.CANCELLED})
TASK_OPEN = frozenset(set(TaskStatus.values) - TASK_TERMINAL)
HAZARD_OPEN = frozenset(set(HazardStatus.values) - HAZARD_TERMINAL)
# Statuses in which the deadline is watched (a submitted item waits for the reviewer, not the owner).
TASK_WATCHED = frozenset({_T.ASSIGNED, _T.IN_PROGRESS, _T.RETURNED, _T.EXTENSION_REQUESTED})
HAZARD_WATCHED = frozenset({_H.FOUND, _H.ASSIGNED, _H.RECTIFYING, _H.RETURNED, _H.EXTENSION_REQUESTED})


class DeadlineKind(models.TextChoices):
    DATE = "date", _("限期")
    LONG_TERM = "long_term", _("长期")
    IMMEDIATE = "immediate", _("立行立改")
    RECURRING = "recurring", _("定期")
    NONE = "none", _("未定")


class Recurrence(models.TextChoices):
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    HALF_YEARLY = "half_yearly", _("每半年")
    YEARLY = "yearly", _("每年")


class HazardGrade(models.TextChoices):
    GENERAL = "general", _("一般隐患")
    MAJOR = "major", _("重大事故隐患")


class HazardChannel(models.TextChoices):
    SELF_REPORT = "self_report", _("企业自查自报")
    INSPECTION = "inspection", _("督导检查")
    TIP_OFF = "tip_off", _("群众举报")
    COVERT_VISIT = "covert_visit", _("明查暗访")
    OTHER = "other", _("其他")


class InspectionKind(models.TextChoices):
    OPEN = "open", _("明查")
    COVERT = "covert", _("暗访")
    UNANNOUNCED = "unannounced", _("四不两直")
    DOUBLE_RANDOM = "double_random", _("双随机")
    CROSS = "cross", _("交叉互查")


class EnforcementKind(models.TextChoices):
    PENALTY = "penalty", _("行政处罚")
    ORDER_TO_RECTIFY = "order_to_rectify", _("责令限期整改")
    SUSPENSION = "suspension", _("停产整顿")
    CLOSURE = "closure", _("关闭取缔")
    JOINT_PUNISHMENT = "joint_punishment", _("联合惩戒")
    JUDICIAL_TRANSFER = "judicial_transfer", _("移送司法")
    SUMMONS = "summons", _("约谈")


class TaskSource(models.TextChoices):
    PLAN = "plan", _("整改方案")
    FINDING = "finding", _("检查发现")
    REMINDER = "reminder", _("提醒函/任务分工")
    MANUAL = "manual", _("手工录入")


class OwnerRole(models.TextChoices):
    LEAD = "lead", _("牵头")
    COOPERATE = "cooperate", _("配合")


class EventAction(models.TextChoices):
    """What an item's event records (`ItemEvent.action`): a declared transition (the values of `Action`),
    or a change that keeps the status. An escalation is stored as "escalate:<ladder step>"."""

    CREATE = "create", _("登记")
    ASSIGN = Action.ASSIGN.value, Action.ASSIGN.label
    START = Action.START.value, Action.START.label
    SUBMIT = Action.SUBMIT.value, Action.SUBMIT.label
    RETURN = Action.RETURN.value, Action.RETURN.label
    CLOSE = Action.CLOSE.value, Action.CLOSE.label
    REQUEST_EXTENSION = Action.REQUEST_EXTENSION.value, Action.REQUEST_EXTENSION.label
    APPROVE_EXTENSION = Action.APPROVE_EXTENSION.value, Action.APPROVE_EXTENSION.label
    REFUSE_EXTENSION = Action.REFUSE_EXTENSION.value, Action.REFUSE_EXTENSION.label
    CANCEL = Action.CANCEL.value, Action.CANCEL.label
    HAND_OVER = Action.HAND_OVER.value, Action.HAND_OVER.label
    URGE = Action.URGE.value, Action.URGE.label
    REASSIGN = Action.REASSIGN.value, Action.REASSIGN.label
    CHANGE_DEADLINE = Action.CHANGE_DEADLINE.value, Action.CHANGE_DEADLINE.label
    SPLIT = Action.SPLIT.value, Action.SPLIT.label
    PROGRESS = "progress", _("报送进展")
    EVIDENCE = "evidence", _("上传证明材料")
    FIVE_IN_PLACE = "five_in_place", _("填报五落实")
    REVISE = "revise", _("更新内容")
    ENFORCEMENT = "enforcement", _("执法措施")
    REMIND = "remind", _("到期提醒")
    ESCALATE_REMIND = "escalate:remind", _("督办升级：提醒")
    ESCALATE_NOTICE_LETTER = "escalate:notice_letter", _("督办升级：函告")
    ESCALATE_CIRCULAR = "escalate:circular", _("督办升级：通报")
    ESCALATE_SUMMONS = "escalate:summons", _("督办升级：约谈")
    ESCALATE_LISTED_SUPERVISION = "escalate:listed_supervision", _("督办升级：挂牌督办")

    @classmethod
    def escalation(cls, step: str) -> EventAction:
        """The event of reaching ladder step `step` (an `escalation.choices.StepAction` value)."""
        return cls(f"{ESCALATE_PREFIX}{step}")


ESCALATE_PREFIX = "escalate:"
