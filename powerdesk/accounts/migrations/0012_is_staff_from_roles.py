"""The admin site's door (``is_staff``) follows the administrator's role from now on
(``accounts.role_grants.sync_is_staff``): set it so for the accounts there are. A superuser
keeps theirs."""

from django.db import migrations


def is_staff_from_roles(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("accounts", "Membership")
    admins = Membership.objects.filter(role="admin").values("user_id")
    people = User.objects.filter(is_superuser=False)
    people.filter(pk__in=admins).update(is_staff=True)
    people.exclude(pk__in=admins).update(is_staff=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0011_membership_labels"),
    ]

    operations = [
        migrations.RunPython(is_staff_from_roles, migrations.RunPython.noop),
    ]
