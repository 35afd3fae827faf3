from django.contrib import admin

from gateway.customers.models import ApiKey, Customer


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    extra = 0
    can_delete = False
    fields = ("name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "created_at", "last_used_at")

    def has_add_permission(self, request, obj=None) -> bool:
        # Keys are issued with `manage.py create_api_key` so the plaintext is shown once.
        return False


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ("name", "id", "created_at")
    search_fields = ("name", "id")
    inlines = [ApiKeyInline]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "customer", "name", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("prefix", "customer__name")
    fields = ("customer", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("customer", "prefix", "created_at", "last_used_at")
    actions = ["revoke_keys"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Revoke selected keys")
    def revoke_keys(self, request, queryset):
        for key in queryset:
            key.revoke()
