"""Operators see grants and linked accounts, never their tokens."""

from django.contrib import admin

from gateway.accounts.models import Grant, LinkedAccount


class LinkedAccountInline(admin.TabularInline):
    model = LinkedAccount
    extra = 0
    can_delete = False
    fields = ("tenant_name", "tenant_id", "status", "last_sync_at")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "customer",
        "provider",
        "kind",
        "end_user_id",
        "access_expires_at",
        "refreshed_at",
    )
    list_filter = ("provider",)
    search_fields = ("id", "end_user_id", "customer__name")
    # Tokens and client secrets are deliberately absent: not shown, not editable.
    fields = (
        "customer",
        "provider",
        "kind",
        "end_user_id",
        "scope",
        "access_expires_at",
        "refreshed_at",
    )
    readonly_fields = fields
    inlines = [LinkedAccountInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(LinkedAccount)
class LinkedAccountAdmin(admin.ModelAdmin):
    list_display = ("__str__", "customer", "provider", "status", "end_user_id", "last_sync_at")
    list_filter = ("provider", "status")
    search_fields = ("id", "tenant_id", "tenant_name", "end_user_id", "customer__name")
    readonly_fields = (
        "customer", "grant", "provider", "tenant_id", "tenant_type", "connection_id",
        "end_user_id", "created_at", "updated_at", "last_sync_at",
    )  # fmt: skip
    fields = (*readonly_fields, "tenant_name", "end_user_name", "end_user_email", "status")

    def has_add_permission(self, request) -> bool:
        return False
