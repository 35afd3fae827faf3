"""Content negotiation with the common case answered without parsing.

Nearly every API call sends no `Accept`, `*/*` or `application/json`; for those DRF's
negotiation parses the header and walks every renderer to choose the first one. The answer is
the same here, found at once; any other `Accept` (or a `format` override) is DRF's to decide.
"""

from __future__ import annotations

from rest_framework.negotiation import DefaultContentNegotiation

#: `Accept` headers answered with JSON without parsing them.
PLAIN_ACCEPT = frozenset({"", "*/*", "application/json"})


class JsonFirstNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        accept = request.META.get("HTTP_ACCEPT", "")
        first = renderers[0] if renderers else None
        if (
            first is not None
            and first.media_type == "application/json"
            and accept in PLAIN_ACCEPT
            and format_suffix is None
            and self.settings.URL_FORMAT_OVERRIDE not in request.query_params
        ):
            return first, first.media_type
        return super().select_renderer(request, renderers, format_suffix)
