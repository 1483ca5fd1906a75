"""Photos uploaded before they were checked and re-encoded: convert them the same way.

A file that is not a picture keeps its row and file (the photo view does not show it).
"""

from typing import Any

from django.db import migrations

from powerdesk.lib.photos import photo_reencode_stored


def reencode(apps: Any, schema_editor: Any) -> None:
    photo_model = apps.get_model("servicedesk", "WorkOrderPhoto")
    for photo in photo_model.objects.using(schema_editor.connection.alias).iterator():
        photo_reencode_stored(photo.image)


class Migration(migrations.Migration):
    dependencies = [("servicedesk", "0005_counterrating")]

    operations = [migrations.RunPython(reencode, migrations.RunPython.noop, elidable=True)]
