"""The hash of photos kept before it was (old photos: a repeat was not caught), from their stored file: the same
picture sent again re-encodes to those very bytes and is known by it. A file gone from the
disk is left without one (nothing to know it by); of two stored files alike for one record
(repeats kept before), the first is known by it and both stay."""

from django.db import migrations

from powerdesk.lib.photos import photo_hashes_fill


def fill(apps, schema_editor):
    photo_hashes_fill(apps.get_model("servicedesk", "WorkOrderPhoto"), "work_order")


class Migration(migrations.Migration):
    dependencies = [("servicedesk", "0031_commitment_changes")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
