"""The hash of photos kept before it was (walk #26 item 7), from their stored file: the same
picture sent again re-encodes to those very bytes and is known by it. A file gone from the
disk is left without one (nothing to know it by); of two stored files alike for one record
(repeats kept before), the first is known by it and both stay."""

import hashlib

from django.db import migrations


def fill(apps, schema_editor):
    Photo = apps.get_model("outreach", "VisitPhoto")
    taken = set(Photo.objects.exclude(content_hash="").values_list("visit_id", "content_hash"))
    for photo in Photo.objects.filter(content_hash="").order_by("pk").iterator():
        digest = hashlib.sha256()
        try:
            with photo.image.open("rb") as stored:
                for chunk in stored.chunks():
                    digest.update(chunk)
        except (OSError, ValueError):
            continue  # no file (gone from the disk, or never named)
        key = (photo.visit_id, digest.hexdigest())
        if key in taken:
            continue
        taken.add(key)
        Photo.objects.filter(pk=photo.pk).update(content_hash=key[1])


class Migration(migrations.Migration):
    dependencies = [("outreach", "0004_visit_photo_stored_once")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
