"""URL map: the public API under /v1, health, docs, admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)

from gateway.accounts import views as account_views
from gateway.accounts.passthrough import PassthroughView
from gateway.attachments import views as attachment_views
from gateway.core import views as core_views
from gateway.events import views as event_views
from gateway.mcp_server.views import McpView
from gateway.monitoring.views import metrics
from gateway.records.actions import action_urls
from gateway.records.aggregate_views import aggregate_urls
from gateway.records.views import record_views
from gateway.reports.views import SnapshotListView, report_views
from gateway.sync import views as sync_views
from unified_models import CATALOGUE

handler400 = "gateway.core.errors.handler400"
handler403 = "gateway.core.errors.handler403"
handler404 = "gateway.core.errors.handler404"
handler500 = "gateway.core.errors.handler500"

api_v1 = [
    path("v1/providers", core_views.ProviderListView.as_view(), name="provider-list"),
    path(
        "v1/linked-accounts",
        account_views.LinkedAccountListView.as_view(),
        name="linked-account-list",
    ),
    path(
        "v1/linked-accounts/<str:account_id>",
        account_views.LinkedAccountDetailView.as_view(),
        name="linked-account-detail",
    ),
    path("v1/passthrough", PassthroughView.as_view(), name="passthrough"),
    path(
        "v1/linked-accounts/<str:account_id>/sync",
        sync_views.LinkedAccountSyncView.as_view(),
        name="linked-account-sync",
    ),
    path(
        "v1/linked-accounts/<str:account_id>/sync-status",
        sync_views.LinkedAccountSyncStatusView.as_view(),
        name="linked-account-sync-status",
    ),
    path(
        "v1/linked-accounts/<str:account_id>/sync-settings",
        sync_views.LinkedAccountSyncSettingsView.as_view(),
        name="linked-account-sync-settings",
    ),
    path("v1/attachments", attachment_views.AttachmentListView.as_view(), name="attachment-list"),
    path(
        "v1/attachments/<str:attachment_id>",
        attachment_views.AttachmentDetailView.as_view(),
        name="attachment-detail",
    ),
    path(
        "v1/attachments/<str:attachment_id>/content",
        attachment_views.AttachmentContentView.as_view(),
        name="attachment-content",
    ),
    path("v1/events", event_views.EventListView.as_view(), name="event-list"),
    path(
        "v1/webhook-endpoints",
        event_views.WebhookEndpointListView.as_view(),
        name="webhook-endpoint-list",
    ),
    path(
        "v1/webhook-endpoints/<str:endpoint_id>",
        event_views.WebhookEndpointDetailView.as_view(),
        name="webhook-endpoint-detail",
    ),
    path(
        "v1/webhook-deliveries",
        event_views.WebhookDeliveryListView.as_view(),
        name="webhook-delivery-list",
    ),
    path(
        "v1/webhook-deliveries/<str:delivery_id>",
        event_views.WebhookDeliveryDetailView.as_view(),
        name="webhook-delivery-detail",
    ),
    path(
        "v1/webhook-deliveries/<str:delivery_id>/replay",
        event_views.WebhookDeliveryReplayView.as_view(),
        name="webhook-delivery-replay",
    ),
]
# Before `/v1/<plural>/<id>`, which would take `summary` for an id.
api_v1 += [path(route, view.as_view(), name=name) for route, name, view in aggregate_urls()]
for model, (list_view, detail_view) in record_views().items():
    plural = CATALOGUE[model].plural
    api_v1 += [
        path(f"v1/{plural}", list_view.as_view(), name=f"{model}-list"),
        path(f"v1/{plural}/<str:record_id>", detail_view.as_view(), name=f"{model}-detail"),
    ]
api_v1 += [path(route, view.as_view(), name=name) for route, name, view in action_urls()]
api_v1 += [
    path("v1/reports/snapshots", SnapshotListView.as_view(), name="report-snapshot-list"),
    *(path(route, view.as_view(), name=name) for route, name, view in report_views()),
]

urlpatterns = [
    path("healthz", core_views.HealthView.as_view(), name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("mcp", McpView.as_view(), name="mcp"),
    path(
        "webhooks/<str:provider>/",
        sync_views.ProviderWebhookView.as_view(),
        name="provider-webhook",
    ),
    *api_v1,
    path("", include("gateway.connect.urls")),
    path("dashboard/", include("gateway.dashboard.urls")),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs", SpectacularSwaggerView.as_view(url_name="openapi"), name="docs"),
    path("redoc", SpectacularRedocView.as_view(url_name="openapi"), name="redoc"),
    path("admin/", admin.site.urls),
]
