from django.core.management.base import BaseCommand

from gateway.core.rotation import rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value under the first key of LEDGERLINK_ENCRYPTION_KEYS. "
        "Run after putting a new key first; the old key can be dropped afterwards."
    )

    def handle(self, *args, **options):
        for label, count in rotate_all().items():
            self.stdout.write(f"{label}: {count} row(s) re-encrypted")
