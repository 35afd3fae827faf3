from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.attachment_rules import AttachmentRules
    from ..models.provider_actions import ProviderActions
    from ..models.provider_models import ProviderModels
    from ..models.report_rules import ReportRules


T = TypeVar("T", bound="Provider")


@_attrs_define
class Provider:
    key: str
    """ Identifier used in link tokens and linked accounts. """
    name: str
    """ Display name. """
    auth_type: str
    """ How end users link it (`oauth2`). """
    tenant_concept: str
    """ What one linked account is at this provider (e.g. organisation, company). """
    webhooks: bool
    """ Whether provider webhooks keep data fresh. """
    client_credentials: bool
    """ Whether end users can also link with an app of their own bound to one tenant, by pasting its client id and
    secret. """
    models: ProviderModels
    """ Per unified model, the operations the API offers on it for this provider: those the model's catalogue entry
    allows and the provider's connector declares (`get` whenever it can `list`: records are read from the store).
    The record endpoints answer 405 for any other. """
    actions: ProviderActions
    """ Per unified model, the record actions (`POST /v1/<plural>/{id}/<action>`, e.g. credit notes' `allocations`)
    this provider performs; the others answer 405. Models with none are left out. """
    attachments: AttachmentRules | None
    """ Files on records (`/v1/attachments`): where and what (null: none). """
    reports: None | ReportRules
    """ Per report type (`/v1/reports/...`), whether and how the provider serves it (null: no reports at all). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.attachment_rules import AttachmentRules  # noqa: PLC0415
        from ..models.report_rules import ReportRules  # noqa: PLC0415

        key = self.key

        name = self.name

        auth_type = self.auth_type

        tenant_concept = self.tenant_concept

        webhooks = self.webhooks

        client_credentials = self.client_credentials

        models = self.models.to_dict()

        actions = self.actions.to_dict()

        attachments: dict[str, Any] | None
        if isinstance(self.attachments, AttachmentRules):
            attachments = self.attachments.to_dict()
        else:
            attachments = self.attachments

        reports: dict[str, Any] | None
        if isinstance(self.reports, ReportRules):
            reports = self.reports.to_dict()
        else:
            reports = self.reports

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "name": name,
                "auth_type": auth_type,
                "tenant_concept": tenant_concept,
                "webhooks": webhooks,
                "client_credentials": client_credentials,
                "models": models,
                "actions": actions,
                "attachments": attachments,
                "reports": reports,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attachment_rules import AttachmentRules  # noqa: PLC0415
        from ..models.provider_actions import ProviderActions  # noqa: PLC0415
        from ..models.provider_models import ProviderModels  # noqa: PLC0415
        from ..models.report_rules import ReportRules  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        name = d.pop("name")

        auth_type = d.pop("auth_type")

        tenant_concept = d.pop("tenant_concept")

        webhooks = d.pop("webhooks")

        client_credentials = d.pop("client_credentials")

        models = ProviderModels.from_dict(d.pop("models"))

        actions = ProviderActions.from_dict(d.pop("actions"))

        def _parse_attachments(data: object) -> AttachmentRules | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                attachments_type_0 = AttachmentRules.from_dict(data)

                return attachments_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AttachmentRules | None, data)

        attachments = _parse_attachments(d.pop("attachments"))

        def _parse_reports(data: object) -> None | ReportRules:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reports_type_0 = ReportRules.from_dict(data)

                return reports_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportRules, data)

        reports = _parse_reports(d.pop("reports"))

        provider = cls(
            key=key,
            name=name,
            auth_type=auth_type,
            tenant_concept=tenant_concept,
            webhooks=webhooks,
            client_credentials=client_credentials,
            models=models,
            actions=actions,
            attachments=attachments,
            reports=reports,
        )

        provider.additional_properties = d
        return provider

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
