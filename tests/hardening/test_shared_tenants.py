"""Two customers link the same organisation: nothing one of them does may end the other's
connection (DESIGN 4.10). At Xero a connection is the app's link to an organisation for one
user: a later consent covering the organisation takes the connection over, and revoking that
consent, or deleting the connection, cuts off every grant that reached the organisation
through it. At Intuit the app holds one connection per company."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from gateway.accounts.models import Grant, LinkedAccount, LinkedAccountStatus
from tests.gateway.connect.conftest import REDIRECT_URL, ConnectDriver

pytestmark = pytest.mark.django_db


def api_for(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return api


@pytest.fixture
def driver_b(xero_via_sandbox, customer_b) -> ConnectDriver:
    customer, key = customer_b
    return ConnectDriver(api_for(key), Client(), xero_via_sandbox, customer)


def account_of(driver: ConnectDriver, tenant: str) -> LinkedAccount:
    return LinkedAccount.objects.get(
        customer=driver.customer, tenant_id=driver.sandbox.tenant_id(tenant)
    )


def assert_still_works(driver: ConnectDriver, account: LinkedAccount) -> None:
    """The account reads its organisation at the provider and stays active."""
    response = driver.api.post(
        "/v1/passthrough",
        {"method": "GET", "path": "/Organisation"},
        format="json",
        HTTP_X_LINKED_ACCOUNT=str(account.pk),
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == 200, response.json()
    account.refresh_from_db()
    assert account.status == LinkedAccountStatus.ACTIVE, account.status_reason


def delete(driver: ConnectDriver, account: LinkedAccount) -> None:
    response = driver.api.delete(f"/v1/linked-accounts/{account.pk}")
    assert response.status_code == 204, response.content


# -- Xero --------------------------------------------------------------------------------------


def test_b_deleting_its_account_leaves_a_on_the_shared_organisation(driver, driver_b):
    driver.link(["uk"])
    driver_b.link(["uk"])  # B's consent now holds the app's connection to the organisation
    mine, theirs = account_of(driver, "uk"), account_of(driver_b, "uk")
    delete(driver_b, theirs)
    assert_still_works(driver, mine)
    # B's grant is gone from the gateway; A's is untouched.
    assert list(Grant.objects.values_list("pk", flat=True)) == [mine.grant_id]


def test_b_deleting_one_of_its_organisations_leaves_a_on_it(driver, driver_b):
    driver.link(["uk"])
    driver_b.link(["uk", "us"], pick=["uk", "us"])
    mine = account_of(driver, "uk")
    delete(driver_b, account_of(driver_b, "uk"))
    assert_still_works(driver, mine)
    assert_still_works(driver_b, account_of(driver_b, "us"))


def test_when_the_last_user_of_an_organisation_deletes_its_connection_ends(driver, driver_b):
    driver.link(["uk"])
    driver_b.link(["uk"])
    delete(driver_b, account_of(driver_b, "uk"))
    delete(driver, account_of(driver, "uk"))
    # Nobody depends on the organisation any more: the app is no longer connected to it.
    assert not LinkedAccount.objects.exists() and not Grant.objects.exists()
    probe = driver.sandbox.connect(tenants=["us"])["access_token"]
    connected = [c["tenantId"] for c in driver.sandbox.connections(probe)]
    assert driver.sandbox.tenant_id("uk") not in connected


def test_deleting_with_an_expired_access_token_still_ends_its_connection(driver):
    driver.link(["uk", "us"], pick=["uk", "us"])
    uk = account_of(driver, "uk")
    driver.sandbox.control.expire_token(access_token=uk.grant.access_token)
    Grant.objects.filter(pk=uk.grant_id).update(
        access_expires_at=timezone.now() - timedelta(minutes=1)
    )
    delete(driver, uk)
    probe = driver.sandbox.connect(tenants=["au"])["access_token"]
    connected = [c["tenantId"] for c in driver.sandbox.connections(probe)]
    assert driver.sandbox.tenant_id("uk") not in connected
    assert driver.sandbox.tenant_id("us") in connected
    assert_still_works(driver, account_of(driver, "us"))


def test_a_consent_given_back_after_a_failure_leaves_a_on_the_shared_organisation(driver, driver_b):
    driver.link(["uk"])
    mine = account_of(driver, "uk")
    # B consents to the same organisation, then listing its connections fails once: the
    # gateway gives B's consent back, which must not take A's organisation with it.
    driver_b.sandbox.control.faults([{"prefix": "/connections", "error_503": 1.0, "limit": 1}])
    try:
        token = driver_b.link_token()
        auth = driver_b.start(token)
        code = driver_b.consent(auth, ["uk"])
        response = driver_b.follow(driver_b.callback(code=code, state=auth.state))
    finally:
        driver_b.sandbox.control.clear_faults()
    assert response.context["code"] == "provider_unavailable"
    assert not LinkedAccount.objects.filter(customer=driver_b.customer).exists()
    assert_still_works(driver, mine)


def test_b_relinking_leaves_a_on_the_shared_organisation(driver, driver_b):
    driver.link(["uk"])
    driver_b.link(["us"])
    theirs = account_of(driver_b, "us")
    # B's relink consent also covers A's organisation, which B does not use.
    token = driver_b.relink_token(theirs.pk)
    auth = driver_b.start(token)
    driver_b.follow(driver_b.callback(code=driver_b.consent(auth, ["us", "uk"]), state=auth.state))
    assert_still_works(driver_b, theirs)
    assert_still_works(driver, account_of(driver, "uk"))


# -- QuickBooks --------------------------------------------------------------------------------


def test_b_deleting_its_quickbooks_account_leaves_a_on_the_shared_company(
    qbo, customer_b, authed_client
):
    qbo.callback(qbo.consent(qbo.start(qbo.link_token()), "us"))
    mine = LinkedAccount.objects.get()
    _, key_b = customer_b
    api_b = api_for(key_b)
    token_b = api_b.post(
        "/v1/link-tokens",
        {"end_user_id": "b-user", "redirect_url": REDIRECT_URL},
        format="json",
    ).json()
    qbo.browser = Client()  # B's end user, in another browser
    qbo.callback(qbo.consent(qbo.start(token_b), "us"))
    theirs = LinkedAccount.objects.exclude(pk=mine.pk).get()
    assert theirs.tenant_id == mine.tenant_id

    assert api_b.delete(f"/v1/linked-accounts/{theirs.pk}").status_code == 204
    # Revoking at Intuit disconnects the app from the company, which A still uses: B's grant
    # is forgotten here, not revoked there.
    assert [g["revoked"] for g in qbo.sandbox.control.grants()] == [0, 0]
    call = {"method": "GET", "path": f"/companyinfo/{mine.tenant_id}"}
    header = {"HTTP_X_LINKED_ACCOUNT": str(mine.pk)}
    response = authed_client.post("/v1/passthrough", call, format="json", **header)
    assert response.status_code == 200 and response.json()["status"] == 200, response.content
    mine.refresh_from_db()
    assert mine.status == LinkedAccountStatus.ACTIVE

    # The last user of the company deleting revokes its own grant.
    assert authed_client.delete(f"/v1/linked-accounts/{mine.pk}").status_code == 204
    assert [g["revoked"] for g in qbo.sandbox.control.grants()] == [1, 0]
