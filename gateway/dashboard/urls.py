"""The customer dashboard's URLs (server-rendered pages; not part of the public API)."""

from django.urls import path

from gateway.dashboard.views import accounts, auth, keys, overview, users, webhooks

app_name = "dashboard"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("sign-in", auth.sign_in, name="sign-in"),
    path("sign-out", auth.sign_out, name="sign-out"),
    path("set-password/<str:uidb64>/<str:token>", auth.set_password, name="set-password"),
    path("accounts", accounts.account_list, name="accounts"),
    path("accounts/<str:account_id>", accounts.account_detail, name="account"),
    path("accounts/<str:account_id>/resync", accounts.resync, name="account-resync"),
    path("accounts/<str:account_id>/relink", accounts.relink, name="account-relink"),
    path("accounts/<str:account_id>/disconnect", accounts.disconnect, name="account-disconnect"),
    path("accounts/<str:account_id>/settings", accounts.sync_settings, name="account-settings"),
    path("events", webhooks.event_list, name="events"),
    path("events/<str:event_id>", webhooks.event_detail, name="event"),
    path("deliveries", webhooks.delivery_list, name="deliveries"),
    path("deliveries/<str:delivery_id>", webhooks.delivery_detail, name="delivery"),
    path("deliveries/<str:delivery_id>/replay", webhooks.replay, name="delivery-replay"),
    path("endpoints", webhooks.endpoint_list, name="endpoints"),
    path("endpoints/<str:endpoint_id>/rotate", webhooks.endpoint_rotate, name="endpoint-rotate"),
    path("endpoints/<str:endpoint_id>/toggle", webhooks.endpoint_toggle, name="endpoint-toggle"),
    path("endpoints/<str:endpoint_id>/delete", webhooks.endpoint_delete, name="endpoint-delete"),
    path("keys", keys.key_list, name="keys"),
    path("keys/<str:key_id>/revoke", keys.key_revoke, name="key-revoke"),
    path("users", users.user_list, name="users"),
    path("users/<str:member_id>/role", users.user_role, name="user-role"),
    path("users/<str:member_id>/remove", users.user_remove, name="user-remove"),
]
