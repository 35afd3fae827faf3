from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "gateway.attachments"
    label = "attachments"
    default_auto_field = "django.db.models.BigAutoField"
