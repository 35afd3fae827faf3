from django.contrib import admin

from gateway.dashboard.models import Member


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    """Operators see who can sign in to which customer's dashboard; invitations and passwords
    go through `manage.py invite_user` (a set-password link) or the dashboard's Team page."""

    list_display = ("user", "customer", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "customer__name")
    fields = ("user", "customer", "role", "created_at")
    readonly_fields = ("user", "customer", "created_at")

    def has_add_permission(self, request) -> bool:
        return False
