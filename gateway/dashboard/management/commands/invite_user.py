"""`manage.py invite_user --customer <id or name> --email <email> --role admin`

Makes the email a dashboard user of the customer (or changes an existing member's role) and
prints a one-time link to choose a password (valid PASSWORD_RESET_TIMEOUT, 3 days). With
`--password`, a password is asked for at the prompt instead (twice); with `--password-stdin`
it is read from the first line of standard input (scripts). No password is ever an argument:
arguments end up in shell history and process lists.
"""

from __future__ import annotations

import getpass
import sys
import uuid

from django.core.management.base import BaseCommand, CommandError

from gateway.customers.models import Customer
from gateway.dashboard import services
from gateway.dashboard.models import Role


def find_customer(value: str) -> Customer:
    try:
        found = list(Customer.objects.filter(pk=uuid.UUID(value)))
    except ValueError:
        found = list(Customer.objects.filter(name=value))
    if not found:
        raise CommandError(f"No customer {value!r} (give its id or exact name).")
    if len(found) > 1:
        raise CommandError(f"Several customers are named {value!r}; give the id.")
    return found[0]


class Command(BaseCommand):
    help = "Invite a user to a customer's dashboard (prints a one-time set-password link)."

    def add_arguments(self, parser):
        parser.add_argument("--customer", required=True, help="The customer's id or exact name.")
        parser.add_argument("--email", required=True)
        parser.add_argument("--role", choices=Role.values, default=Role.ADMIN)
        how = parser.add_mutually_exclusive_group()
        how.add_argument(
            "--password", action="store_true", help="Ask for the password at the prompt."
        )
        how.add_argument(
            "--password-stdin", action="store_true", help="Read the password from stdin."
        )

    def handle(self, *args, **options):
        customer = find_customer(options["customer"])
        password = None
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
        elif options["password"]:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                raise CommandError("The passwords differ.")
        if password is not None and not password:
            raise CommandError("The password is empty.")
        try:
            member, created = services.invite(
                customer, options["email"], options["role"], password=password
            )
        except services.MemberError as exc:
            raise CommandError(str(exc)) from None
        what = "Invited" if created else "Updated"
        self.stderr.write(f"{what} {member.email} as {member.role} of {customer.name}.")
        if password is None:
            self.stdout.write(services.set_password_url(member))
