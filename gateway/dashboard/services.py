"""Dashboard users: invite (a one-time link to choose a password, or a password given by an
operator), change a role, remove. The customer-facing actions (resync, replay, keys, endpoints,
disconnect) are not here: the dashboard calls the same services as the API."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from gateway.customers.models import Customer
from gateway.dashboard.models import Member, Role


class MemberError(ValueError):
    """An invitation or change that cannot be made (said to the user as is)."""


def normalize_email(email: str) -> str:
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 150 or any(c.isspace() for c in email):
        raise MemberError(f"{email!r} is not an email address.")
    return email


@transaction.atomic
def invite(
    customer: Customer, email: str, role: str, password: str | None = None
) -> tuple[Member, bool]:
    """The user with this email becomes (or stays) a member of `customer` with `role`; returns
    (member, created). A user of another customer is refused. With `password` (checked by
    AUTH_PASSWORD_VALIDATORS), it is set; otherwise the caller hands out `set_password_url`."""
    email = normalize_email(email)
    if role not in Role.values:
        raise MemberError(f"Unknown role {role!r}; one of {', '.join(Role.values)}.")
    User = get_user_model()
    user = User.objects.select_for_update().filter(username=email).first()
    created = user is None
    if user is None:
        user = User(username=email, email=email)
        user.set_unusable_password()
    else:
        other = Member.objects.filter(user=user).exclude(customer=customer).exists()
        if other or user.is_staff or user.is_superuser:
            raise MemberError(f"{email} already has an account elsewhere; use another address.")
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise MemberError(" ".join(exc.messages)) from None
        user.set_password(password)
    user.is_active = True
    user.save()
    member, _ = Member.objects.update_or_create(
        user=user, defaults={"customer": customer, "role": role}
    )
    return member, created


def set_password_url(member: Member) -> str:
    """A link to choose a password: works once (it changes with the password) and expires after
    PASSWORD_RESET_TIMEOUT seconds."""
    uid = urlsafe_base64_encode(force_bytes(member.user.pk))
    token = default_token_generator.make_token(member.user)
    return f"{settings.PUBLIC_BASE_URL}/dashboard/set-password/{uid}/{token}"


def user_from_link(uidb64: str):
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = get_user_model().objects.filter(pk=int(pk), is_active=True).first()
    except (TypeError, ValueError, OverflowError):
        return None
    if user is None or not Member.objects.filter(user=user).exists():
        return None
    return user


def _admins_left(customer: Customer, without: Member) -> bool:
    return (
        Member.objects.filter(customer=customer, role=Role.ADMIN, user__is_active=True)
        .exclude(pk=without.pk)
        .exists()
    )


@transaction.atomic
def change_role(member: Member, role: str) -> Member:
    if role not in Role.values:
        raise MemberError(f"Unknown role {role!r}.")
    if (
        member.role == Role.ADMIN
        and role != Role.ADMIN
        and not _admins_left(member.customer, member)
    ):
        raise MemberError("The last admin cannot stop being one; make someone else admin first.")
    member.role = role
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def remove(member: Member) -> None:
    """The user loses access at once (their sessions stop working: no membership)."""
    if member.role == Role.ADMIN and not _admins_left(member.customer, member):
        raise MemberError("The last admin cannot be removed.")
    user = member.user
    member.delete()
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])
