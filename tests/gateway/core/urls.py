"""A URL map for error-envelope tests: the real API plus views that fail on purpose."""

from django.urls import path
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from gateway.urls import handler400, handler403, handler404, handler500, urlpatterns


class _LineSerializer(serializers.Serializer):
    quantity = serializers.DecimalField(max_digits=12, decimal_places=4)


class _EchoSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=10)
    line_items = _LineSerializer(many=True)


class EchoView(APIView):
    def post(self, request):
        serializer = _EchoSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.data)


class BoomView(APIView):
    def get(self, request):
        raise RuntimeError("secret internal detail that must never leak")


urlpatterns = [
    *urlpatterns,
    path("v1/_test/echo", EchoView.as_view()),
    path("v1/_test/boom", BoomView.as_view()),
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
