from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ledger', '0003_hazard_region_status_due_index'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='hazard', name='hazard_region_status_due'),
        migrations.AddIndex(
            model_name='hazard',
            index=models.Index(fields=['region', 'status', 'due_date', 'id'], name='hazard_region_status_due'),
        ),
    ]
