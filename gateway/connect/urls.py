"""URLs of the connect flow: the two API endpoints and the hosted pages."""

from django.urls import path

from gateway.connect import api, views

api_urlpatterns = [
    path("v1/link-tokens", api.LinkTokenView.as_view(), name="link-token-create"),
    path(
        "v1/linked-accounts/<str:account_id>/relink-token",
        api.RelinkTokenView.as_view(),
        name="relink-token-create",
    ),
]

hosted_urlpatterns = [
    path("connect/callback", views.callback, name="connect-callback"),
    path("connect/demo-return", views.demo_return, name="connect-demo-return"),
    path(
        "connect/s/<uuid:session_id>/organisations",
        views.organisations,
        name="connect-organisations",
    ),
    path("connect/s/<uuid:session_id>/result", views.result, name="connect-result"),
    path("connect/<str:token>/start", views.start, name="connect-start"),
    path(
        "connect/<str:token>/custom/<str:provider>",
        views.client_credentials,
        name="connect-client-credentials",
    ),
    path("connect/<str:token>", views.link_page, name="connect-link"),
]

urlpatterns = [*api_urlpatterns, *hosted_urlpatterns]
