from django.core.management.base import BaseCommand, CommandError

from gateway.customers.models import Customer
from gateway.customers.services import issue_api_key


class Command(BaseCommand):
    help = "Issue another API key for a customer (by id or exact name); printed once."

    def add_arguments(self, parser):
        parser.add_argument("customer")
        parser.add_argument("--name", default="")

    def handle(self, *args, customer: str, name: str, **options):
        match = Customer.objects.filter(name=customer)
        if not match.exists():
            try:
                match = Customer.objects.filter(pk=customer)
                match.exists()
            except Exception as exc:  # not a UUID
                raise CommandError(f"No customer {customer!r}") from exc
        found = list(match[:2])
        if len(found) != 1:
            raise CommandError(f"No single customer matches {customer!r}")
        _, key = issue_api_key(found[0], name=name)
        self.stdout.write(key)
