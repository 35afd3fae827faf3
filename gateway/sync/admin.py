from django.contrib import admin

from gateway.sync.models import RejectedInboundEvent


@admin.register(RejectedInboundEvent)
class RejectedInboundEventAdmin(admin.ModelAdmin):
    list_display = ("received_at", "provider", "index", "reason")
    list_filter = ("provider",)
    readonly_fields = ("provider", "received_at", "index", "reason", "excerpt")
