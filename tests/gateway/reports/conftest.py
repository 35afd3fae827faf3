from __future__ import annotations

import pytest


@pytest.fixture
def report_provider(settings, fake_provider):
    """Enable the throwaway provider with reports beside the configured ones."""
    from tests.gateway.reports import fakes

    settings.LEDGERLINK_PROVIDERS = {
        **settings.LEDGERLINK_PROVIDERS,
        fakes.KEY: fakes.PROVIDER_PATH,
    }
    fakes.ReportBackend.reset()
    yield fakes.ReportBackend
    fakes.ReportBackend.reset()


@pytest.fixture
def report_account(customer_with_key, report_provider):
    """A linked account on Report Books with stored contacts, invoices, an account (acc-200,
    not acc-090) and a tracking category."""
    from tests.gateway.builders import make_linked_account, seed_reference_data, seed_store
    from tests.gateway.reports import fakes

    linked = make_linked_account(customer_with_key[0], provider=fakes.KEY)
    seed_store(linked)
    seed_reference_data(linked)
    return linked


@pytest.fixture
def report_client(authed_client, report_account):
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(report_account.id),
    )
    authed_client.account = report_account
    return authed_client
