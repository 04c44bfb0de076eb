"""Audit events say from where; on PostgreSQL the table refuses updates and deletes itself.

save() already refuses to change an event, but a queryset update, a raw statement or a
back-office slip would not go through save(). The trigger is the table's own refusal. The
one change it lets through is a customer's erasure scrubbing personal details from an
event's detail: only that column, and only in a transaction that has said so with
``set_config('everthread.audit_scrub', 'on', true)``. SQLite has no such triggers here;
save() is its guard.
"""

from django.db import migrations, models

from everthread.core.migration_operations import PostgreSQLOnly

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('everthread.audit_scrub', true) = 'on'
       AND (to_jsonb(NEW) - 'detail') = (to_jsonb(OLD) - 'detail') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % on core_auditevent is refused.', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""

REMOVE = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_organisation_outreach_rules"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="origin",
            field=models.CharField(blank=True, db_default="", default="", max_length=120),
        ),
        PostgreSQLOnly(APPEND_ONLY, reverse_sql=REMOVE),
    ]
