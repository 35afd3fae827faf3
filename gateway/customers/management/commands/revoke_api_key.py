from django.core.management.base import BaseCommand, CommandError

from gateway.customers.models import ApiKey


class Command(BaseCommand):
    help = "Revoke an API key by its prefix (the 8 characters after 'llk_')."

    def add_arguments(self, parser):
        parser.add_argument("prefix")

    def handle(self, *args, prefix: str, **options):
        keys = list(ApiKey.objects.active().filter(prefix=prefix))
        if len(keys) != 1:
            raise CommandError(f"No single active key with prefix {prefix!r}")
        keys[0].revoke()
        self.stdout.write(f"Revoked llk_{prefix}_…")
