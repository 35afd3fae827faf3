from django.core.management.base import BaseCommand

from gateway.connect.services import expire_stale_sessions


class Command(BaseCommand):
    help = (
        "End link sessions past their expiry; a consent given but never finished (organisation "
        "picker abandoned) is revoked at the provider. Run it every few minutes."
    )

    def handle(self, *args, **options) -> None:
        count = expire_stale_sessions()
        self.stdout.write(f"{count} link session(s) expired")
