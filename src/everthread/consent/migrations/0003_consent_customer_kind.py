"""The consent ledger's index by customer and time carries the kind: whether a customer had
answered by a time (consent coverage asks it of every customer in touch) is read from the
index alone. The foreign key's own index was the same index's first column."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("consent", "0002_consent_event_from_import"),
        ("customers", "0009_customer_name_trigram_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="consentevent",
            name="consent_customer",
        ),
        migrations.AlterField(
            model_name="consentevent",
            name="customer",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="consent_events",
                to="customers.customer",
            ),
        ),
        migrations.AddIndex(
            model_name="consentevent",
            index=models.Index(
                fields=["customer", "occurred_at", "id", "kind"], name="consent_customer_kind"
            ),
        ),
    ]
