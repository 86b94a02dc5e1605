"""The issue's topics as tags, and the group whose members approve materials."""

from django.db import migrations

# Copied, not imported: a migration must not change when the app's code does.
TOPICS = [
    ("Online grooming", "online-grooming"),
    ("Missing from home or care", "missing-from-home-or-care"),
    ("Healthy relationships", "healthy-relationships"),
    ("Consent", "consent"),
    ("Recognising the signs", "recognising-the-signs"),
    ("How to report", "how-to-report"),
]
APPROVERS_GROUP = "Materials approvers"


def seed(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for name, slug in TOPICS:
        if (
            not Tag.objects.filter(slug=slug).exists()
            and not Tag.objects.filter(name=name).exists()
        ):
            Tag.objects.create(name=name, slug=slug)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, created = Group.objects.get_or_create(name=APPROVERS_GROUP)
    if created:
        group.permissions.add(*Permission.objects.filter(codename="access_admin"))


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
