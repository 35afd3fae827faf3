from django.db import migrations

from gateway.core.wire_timestamps import rewrite_stored


def forwards(apps, schema_editor):
    rewrite_stored(apps.get_model("events", "Event"), "data")


class Migration(migrations.Migration):
    dependencies = [("events", "0002_lz4_compression")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
