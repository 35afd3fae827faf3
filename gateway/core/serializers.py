from rest_framework import serializers


class HealthCheckSerializer(serializers.Serializer):
    ok = serializers.BooleanField(help_text="The dependency answered.")
    detail = serializers.CharField(help_text="What was checked, or what failed.")


class HealthChecksSerializer(serializers.Serializer):
    database = HealthCheckSerializer(help_text="The database answers a query.")
    broker = HealthCheckSerializer(help_text="The task queue's broker answers.")


class HealthSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["ok", "degraded"], help_text="`degraded` (with 503) when a check failed."
    )
    checks = HealthChecksSerializer(help_text="One entry per dependency.")


class AttachmentRulesSerializer(serializers.Serializer):
    models = serializers.ListField(
        child=serializers.CharField(), help_text="Models whose records can carry files here."
    )
    max_bytes = serializers.IntegerField(help_text="The largest file this provider takes.")
    mime_types = serializers.ListField(
        child=serializers.CharField(), help_text="The file types it takes (others: 415)."
    )


class ReportOfferSerializer(serializers.Serializer):
    offered = serializers.BooleanField(
        help_text="Whether `/v1/reports/...` serves it (501 if not)."
    )
    reason = serializers.CharField(
        required=False, allow_null=True, help_text="Not offered: why (also the 501's message)."
    )
    max_periods = serializers.IntegerField(
        required=False, help_text="Most `periods` in one report (more: 400)."
    )
    bases = serializers.ListField(
        child=serializers.ChoiceField(choices=["ACCRUAL", "CASH"]),
        required=False,
        help_text="The `basis` values it takes (empty: its own basis only; `basis` refused).",
    )
    tracking = serializers.BooleanField(
        required=False, help_text="Whether `tracking_category` breaks the columns down."
    )
    derived = serializers.BooleanField(
        required=False,
        help_text="Computed by Ledgerlink from the provider's other reports (it has none).",
    )
    note = serializers.CharField(
        required=False, allow_null=True, help_text="What to know about how the provider serves it."
    )


class ReportRulesSerializer(serializers.Serializer):
    BALANCE_SHEET = ReportOfferSerializer(help_text="`/v1/reports/balance-sheet`.")
    PROFIT_AND_LOSS = ReportOfferSerializer(help_text="`/v1/reports/profit-and-loss`.")
    TRIAL_BALANCE = ReportOfferSerializer(help_text="`/v1/reports/trial-balance`.")
    AGED_RECEIVABLES = ReportOfferSerializer(help_text="`/v1/reports/aged-receivables`.")
    AGED_PAYABLES = ReportOfferSerializer(help_text="`/v1/reports/aged-payables`.")
    CASH_FLOW = ReportOfferSerializer(help_text="`/v1/reports/cash-flow`.")


class ProviderSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Identifier used in link tokens and linked accounts.")
    name = serializers.CharField(help_text="Display name.")
    auth_type = serializers.CharField(help_text="How end users link it (`oauth2`).")
    tenant_concept = serializers.CharField(
        help_text="What one linked account is at this provider (e.g. organisation, company)."
    )
    webhooks = serializers.BooleanField(help_text="Whether provider webhooks keep data fresh.")
    client_credentials = serializers.BooleanField(
        help_text="Whether end users can also link with an app of their own bound to one "
        "tenant, by pasting its client id and secret."
    )
    models = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Per unified model, the operations the API offers on it for this provider: "
        "those the model's catalogue entry allows and the provider's connector declares (`get` "
        "whenever it can `list`: records are read from the store). The record endpoints answer "
        "405 for any other.",
    )
    actions = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Per unified model, the record actions (`POST /v1/<plural>/{id}/<action>`, e.g. "
        "credit notes' `allocations`) this provider performs; the others answer 405. Models "
        "with none are left out.",
    )
    attachments = AttachmentRulesSerializer(
        allow_null=True,
        help_text="Files on records (`/v1/attachments`): where and what (null: none).",
    )
    reports = ReportRulesSerializer(
        allow_null=True,
        help_text="Per report type (`/v1/reports/...`), whether and how the provider serves it "
        "(null: no reports at all).",
    )


class ProviderListSerializer(serializers.Serializer):
    results = ProviderSerializer(many=True, help_text="One entry per provider.")
