"""Seed the general escalation policy of each item kind with the default ladder (issue 22: `policy_for`
used to create them on first read). An installation that already has them keeps its own."""

from django.db import migrations

# As anjian.escalation.models.DEFAULT_LADDER when this was written (a migration keeps its own copy).
DEFAULT_LADDER = [(1, "remind", 0), (2, "notice_letter", 7), (3, "circular", 15), (4, "summons", 30),
                  (5, "listed_supervision", 60)]


def seed(apps, schema_editor):
    policy_model = apps.get_model("escalation", "EscalationPolicy")
    step_model = apps.get_model("escalation", "EscalationStep")
    for item_kind in ("task", "hazard"):
        policy, created = policy_model.objects.get_or_create(item_kind=item_kind, grade="")
        if created:
            step_model.objects.bulk_create(
                step_model(policy=policy, level=level, action=action, days_after_due=days)
                for level, action, days in DEFAULT_LADDER
            )


class Migration(migrations.Migration):

    dependencies = [("escalation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
