"""Watch rows for the invoices already stored, so their due dates are followed from now on."""

from django.db import migrations


def backfill(apps, schema_editor):
    from gateway.events.invoice_state import backfill

    backfill(apps.get_model("records", "Record"), apps.get_model("events", "InvoiceWatch"))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_invoice_watch"),
        ("records", "0003_timestamps_with_z"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
