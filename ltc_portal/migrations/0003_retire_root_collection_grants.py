from django.db import migrations

#: The groups `setup_roles` used to give these permissions on the root collection, which
#: reached every collection; they now hold them on their own collection only.
COORDINATORS_PREFIX = "LCT coordinators – "
HEADTEACHER_EDITORS = "Headteacher group editors"
OLD_ROOT_GRANTS = ["add_image", "choose_image", "choose_document"]


def retire_root_collection_grants(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    grants = GroupCollectionPermission.objects.filter(
        collection__depth=1, permission__codename__in=OLD_ROOT_GRANTS
    )
    for grant in grants.select_related("group"):
        name = grant.group.name
        if name.startswith(COORDINATORS_PREFIX) or name == HEADTEACHER_EDITORS:
            grant.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ltc_portal", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(retire_root_collection_grants, migrations.RunPython.noop),
    ]
