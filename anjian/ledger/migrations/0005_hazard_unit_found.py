from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ledger', '0004_hazard_region_status_due_id'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='hazard',
            index=models.Index(fields=['unit', 'found_on'], name='hazard_unit_found'),
        ),
    ]
