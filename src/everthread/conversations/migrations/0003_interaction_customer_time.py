"""Interactions indexed by customer and time: whether a customer was in touch in a period
(consent coverage asks it of every customer) is read from the index alone. It takes the
place of the foreign key's own index, its first column."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0002_indexes_for_the_continuity_metrics"),
        ("core", "0005_task_queue_analysed_as_it_fills"),
        ("customers", "0009_customer_name_trigram_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="interaction",
            name="customer",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="interactions",
                to="customers.customer",
            ),
        ),
        migrations.AddIndex(
            model_name="interaction",
            index=models.Index(
                fields=["customer", "occurred_at"], name="interaction_customer_time"
            ),
        ),
    ]
