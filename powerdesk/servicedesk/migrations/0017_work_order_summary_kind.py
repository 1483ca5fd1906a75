"""An outage's work order is titled in each reader's language (``WorkOrder.title``): the field,
and the outages' orders stored before it marked as such (their stored titles are read back in
whichever language they were written)."""

from django.db import migrations, models

# The stored forms of "Outage: %(device)s" (zh-hans, en) when this migration was written.
PREFIXES = ("停电：", "Outage: ")


def mark_outage_orders(apps, schema_editor):  # type: ignore[no-untyped-def]
    WorkOrder = apps.get_model("servicedesk", "WorkOrder")
    for prefix in PREFIXES:
        # An outage's own order: joined to the outage, urgent, titled so (a caller's order
        # joined to it is urgent only for a danger, and titled from the caller's words).
        WorkOrder.objects.filter(
            outage_links__isnull=False,
            category="fault_repair",
            urgent=True,
            summary__startswith=prefix,
        ).update(summary_kind="outage")


class Migration(migrations.Migration):
    dependencies = [
        ("servicedesk", "0016_call_awaits_outage"),
        ("outages", "0010_fix12_reject_and_notice_source"),
    ]

    operations = [
        migrations.AddField(
            model_name="workorder",
            name="summary_kind",
            field=models.CharField(
                blank=True,
                choices=[("", "as written"), ("outage", "an outage's order")],
                default="",
                max_length=10,
                verbose_name="kind of summary",
            ),
        ),
        migrations.RunPython(mark_outage_orders, migrations.RunPython.noop),
    ]
