from django.core.management.base import BaseCommand

from gateway.customers.services import create_customer


class Command(BaseCommand):
    help = "Create a customer and print its first API key (shown once, stored only as a hash)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument(
            "--redirect-url",
            action="append",
            default=[],
            help="A URL the hosted connect flow may redirect to (repeatable).",
        )
        parser.add_argument("--key-only", action="store_true", help="Print only the key.")

    def handle(self, *args, name: str, redirect_url: list[str], key_only: bool, **options):
        customer, key = create_customer(name, redirect_url)
        if key_only:
            self.stdout.write(key)
            return
        self.stdout.write(f"Customer: {customer.name} ({customer.id})")
        self.stdout.write(f"API key (shown once, keep it safe): {key}")
