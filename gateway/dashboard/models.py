"""Dashboard users: a Django user who belongs to one customer, with a role.

Users sign in with their email address (the Django username, lower-cased) and a password
(Django's hashers). A user belongs to exactly one customer; everything the dashboard shows or
changes is that customer's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gateway.customers.models import Customer


class Role(models.TextChoices):
    VIEWER = "viewer", "Viewer"
    DEVELOPER = "developer", "Developer"
    ADMIN = "admin", "Admin"


class Member(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ledgerlink_member"
    )
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.role} of {self.customer_id})"

    @property
    def email(self) -> str:
        return self.user.email or self.user.get_username()
