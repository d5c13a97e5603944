"""Seed the built-in 2024 assessment scheme (issue 22: `current_scheme` used to create it on first read).
An installation that already has a scheme of this name keeps it."""

from django.db import migrations


def seed(apps, schema_editor):
    from anjian.scoring.schemes import gov2024

    class Models:
        AssessmentScheme = apps.get_model("scoring", "AssessmentScheme")
        Section = apps.get_model("scoring", "Section")
        AssessmentItem = apps.get_model("scoring", "AssessmentItem")
        RequiredMaterial = apps.get_model("scoring", "RequiredMaterial")
        IndicatorRule = apps.get_model("scoring", "IndicatorRule")

    if Models.AssessmentScheme.objects.filter(name=gov2024.NAME).exists():
        return
    current = not Models.AssessmentScheme.objects.filter(is_current=True).exists()
    gov2024.create(Models, current=current)


class Migration(migrations.Migration):

    dependencies = [("scoring", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
