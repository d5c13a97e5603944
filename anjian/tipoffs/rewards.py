"""The reward policy as data: which policy applies, the fines it is based on, and the amount it gives."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from anjian.ledger.choices import EnforcementKind
from anjian.ledger.models import EnforcementAction
from anjian.tipoffs.models import RewardPolicy, TipOff


def current_policy() -> RewardPolicy:
    """The active reward policy; the 2018 national rule (15 %, 3,000–300,000 元) when none is configured."""
    policy = RewardPolicy.objects.filter(active=True).order_by("-created_at", "-id").first()
    if policy is None:
        policy = RewardPolicy.objects.create(name="安全生产领域举报奖励办法（2018）")
    return policy


def compute_reward(penalty: Decimal, policy: RewardPolicy) -> Decimal:
    """rate × penalty, raised to the floor and cut at the cap, to the fen."""
    raw = (penalty * policy.rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return min(policy.cap, max(policy.floor, raw))


def penalty_total(tipoff: TipOff) -> Decimal:
    """The fines (company and person) of the penalties decided on the hazard this tip-off became."""
    if tipoff.hazard_id is None:
        return Decimal("0")
    sums = EnforcementAction.objects.filter(hazard=tipoff.hazard_id, kind=EnforcementKind.PENALTY).aggregate(
        company=Sum("company_amount"), person=Sum("person_amount")
    )
    return (sums["company"] or Decimal("0")) + (sums["person"] or Decimal("0"))
