from django.db import migrations

from gateway.core.toast import compress_with_lz4


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]

    operations = [compress_with_lz4("records.Record", "document", "remote_data")]
