"""Behaviours a new app meets at the real Xero in 2026 (issue 13): XML by default, the plural
``/Organisations``, ``unitdp``, ``Xero-Correlation-Id``, Xero-shaped 404/501, URL limits, bad
``If-Modified-Since``, negative totals and the control plane's status counters."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from decimal import Decimal

import requests

NOT_FOUND = "The resource you're looking for cannot be found"


def _raw(connected, path: str, accept: str | None = None, method: str = "GET", **kwargs):
    """A request with the token and tenant but only the Accept header we choose."""
    headers = {
        "Authorization": f"Bearer {connected.tokens['access_token']}",
        "xero-tenant-id": connected.sandbox.tenants["uk"],
    }
    if accept is not None:
        headers["Accept"] = accept
    headers.update(kwargs.pop("headers", {}))
    return requests.request(
        method, f"{connected.sandbox.api_url}/{path}", headers=headers, timeout=30, **kwargs
    )


def _invoice(lines: list[dict], **fields) -> dict:
    return {
        "Invoices": [
            {
                "Type": "ACCREC",
                "Status": "AUTHORISED",
                "Contact": {"Name": "Bayside Club"},
                "Date": "2024-05-01",
                "DueDate": "2024-05-31",
                "LineItems": lines,
                **fields,
            }
        ]
    }


# -- XML unless the client asks for JSON ---------------------------------------------------


def test_without_accept_json_the_answer_is_xero_xml(connected):
    for accept in (None, "*/*", "application/xml", "text/xml"):
        response = _raw(connected, "Invoices", accept, params={"page": 1, "pageSize": 3})
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"].startswith("text/xml"), accept
        root = ET.fromstring(response.content)
        assert root.tag == "Response"
        assert root.findtext("Status") == "OK"
        assert root.findtext("ProviderName")
        assert uuid.UUID(root.findtext("Id"))
        assert "/Date(" not in response.text
        invoices = root.find("Invoices").findall("Invoice")
        assert len(invoices) == 3
        first = invoices[0]
        assert uuid.UUID(first.findtext("InvoiceID"))
        assert first.findtext("Date").endswith("T00:00:00")
        assert first.find("Contact").findtext("ContactID")
        assert first.find("LineItems").findall("LineItem")
        assert first.findtext("DateString") is None


def test_nested_collections_are_plural_elements_of_singular_children(connected):
    response = _raw(connected, "Contacts", "application/xml", params={"page": 1})
    root = ET.fromstring(response.content)
    contact = next(c for c in root.iter("Contact") if c.find("Addresses") is not None)
    assert contact.find("Addresses").findall("Address")
    assert contact.find("Phones").findall("Phone")
    assert contact.findtext("IsCustomer") in ("true", "false")


def test_errors_in_xml_are_api_exceptions(connected):
    response = _raw(
        connected,
        "Invoices",
        "application/xml",
        method="PUT",
        json=_invoice([{"Description": "x", "Quantity": 1, "UnitAmount": 1}], Type="NOPE"),
    )
    assert response.status_code == 400
    root = ET.fromstring(response.content)
    assert root.tag == "ApiException"
    assert root.findtext("ErrorNumber") == "10"
    assert root.findtext("Type") == "ValidationException"
    errors = root.find("Elements").find("DataContractBase").find("ValidationErrors")
    assert errors.find("ValidationError").findtext("Message")


def test_json_when_asked_for(connected):
    for accept in ("application/json", "application/json, text/plain, */*"):
        response = _raw(connected, "Invoices", accept)
        assert response.headers["Content-Type"].startswith("application/json")
        assert response.json()["Invoices"]


# -- GET /Organisations ----------------------------------------------------------------------


def test_organisations_plural_is_served(connected):
    for path in ("Organisations", "organisations", "Organisation"):
        response = connected.uk.get(path)
        assert response.status_code == 200, (path, response.text)
        org = response.json()["Organisations"][0]
        assert org["Name"] == "Demo Company (UK)"


# -- unitdp ----------------------------------------------------------------------------------


def test_reads_round_unit_amounts_to_two_places_without_unitdp(connected):
    line = {"Description": "Bolts", "Quantity": 3, "UnitAmount": 1.2345, "AccountCode": "200"}
    created = connected.uk.put("Invoices", params={"unitdp": 4}, json=_invoice([line]))
    assert created.status_code == 200, created.text
    stored = created.json()["Invoices"][0]
    assert Decimal(str(stored["LineItems"][0]["UnitAmount"])) == Decimal("1.2345")
    invoice_id = stored["InvoiceID"]
    two = connected.uk.get(f"Invoices/{invoice_id}").json()["Invoices"][0]["LineItems"][0]
    assert Decimal(str(two["UnitAmount"])) == Decimal("1.23")
    assert Decimal(str(two["LineAmount"])) == Decimal("3.70")
    four = connected.uk.get(f"Invoices/{invoice_id}", params={"unitdp": 4}).json()
    assert Decimal(str(four["Invoices"][0]["LineItems"][0]["UnitAmount"])) == Decimal("1.2345")
    paged = connected.uk.get("Invoices", params={"page": 1, "IDs": invoice_id}).json()
    assert Decimal(str(paged["Invoices"][0]["LineItems"][0]["UnitAmount"])) == Decimal("1.23")


def test_writes_round_unit_amounts_before_computing_without_unitdp(connected):
    line = {"Description": "Bolts", "Quantity": 3, "UnitAmount": 1.2345, "AccountCode": "200"}
    created = connected.uk.put("Invoices", json=_invoice([line], LineAmountTypes="NoTax"))
    assert created.status_code == 200, created.text
    invoice_id = created.json()["Invoices"][0]["InvoiceID"]
    stored = connected.uk.get(f"Invoices/{invoice_id}", params={"unitdp": 4}).json()["Invoices"][0]
    assert Decimal(str(stored["LineItems"][0]["UnitAmount"])) == Decimal("1.23")
    assert Decimal(str(stored["LineItems"][0]["LineAmount"])) == Decimal("3.69")
    assert Decimal(str(stored["Total"])) == Decimal("3.69")


# -- Xero-Correlation-Id ---------------------------------------------------------------------


def test_every_response_has_a_fresh_correlation_id(connected):
    seen = set()
    for response in (
        connected.uk.get("Invoices"),
        connected.uk.get("Invoices"),
        connected.uk.get("Nothing/here/at/all"),
        requests.get(f"{connected.sandbox.api_url}/Invoices", timeout=30),  # 401
        requests.get(connected.sandbox.connections_url, timeout=30),
    ):
        seen.add(str(uuid.UUID(response.headers["Xero-Correlation-Id"])))
    assert len(seen) == 5


# -- unknown routes and methods --------------------------------------------------------------


def test_unknown_sub_routes_answer_like_xero(connected):
    for path in ("Invoices/abc/History/x", "Nothing", "Contacts/a/b/c/d"):
        response = connected.uk.get(path)
        assert response.status_code == 404, path
        assert response.text == NOT_FOUND
        assert "<html" not in response.text.lower()
    outside = requests.get(f"{connected.sandbox.base_url}/no/such/path", timeout=30)
    assert outside.status_code == 404 and outside.text == NOT_FOUND


def test_unsupported_methods_answer_not_implemented(connected):
    invoice_id = connected.uk.get("Invoices").json()["Invoices"][0]["InvoiceID"]
    response = connected.uk.delete(f"Invoices/{invoice_id}")
    assert response.status_code == 501
    assert response.json() == {
        "ErrorNumber": 20,
        "Type": "NotImplemented",
        "Message": "The API method is not implemented",
    }
    xml = _raw(connected, "Organisation", "application/xml", method="DELETE")
    assert xml.status_code == 501
    assert ET.fromstring(xml.content).findtext("Type") == "NotImplemented"


# -- IDs / URL length, If-Modified-Since, negative totals ------------------------------------


def test_a_query_string_beyond_xeros_limit_is_refused(connected):
    ids = [str(uuid.uuid4()) for _ in range(60)]
    response = connected.uk.get("Invoices", params={"IDs": ",".join(ids)})
    assert response.status_code == 414
    fine = connected.uk.get("Invoices", params={"IDs": ",".join(ids[:45])})
    assert fine.status_code == 200 and fine.json()["Invoices"] == []


def test_a_bad_if_modified_since_is_refused(connected):
    response = connected.uk.get("Invoices", headers={"If-Modified-Since": "yesterday-ish"})
    assert response.status_code == 400
    body = response.json()
    assert body["Type"] == "QueryParseException" and "If-Modified-Since" in body["Message"]
    good = connected.uk.get("Invoices", headers={"If-Modified-Since": "2020-01-01T00:00:00"})
    assert good.status_code == 200


def test_an_invoice_with_a_negative_total_is_refused(connected):
    line = {"Description": "Refund", "Quantity": 1, "UnitAmount": -50, "AccountCode": "200"}
    response = connected.uk.put("Invoices", json=_invoice([line]))
    assert response.status_code == 400, response.text
    errors = response.json()["Elements"][0]["ValidationErrors"]
    assert errors == [{"Message": "Invoice total cannot be negative."}]
    mixed = [line, {"Description": "Work", "Quantity": 1, "UnitAmount": 80, "AccountCode": "200"}]
    assert connected.uk.put("Invoices", json=_invoice(mixed)).status_code == 200


# -- control plane counters ------------------------------------------------------------------


def test_rejections_are_counted_once(connected):
    control = connected.sandbox.control
    control.reset_counters()
    requests.get(f"{connected.sandbox.api_url}/Invoices", timeout=30)  # 401
    connected.uk.get("Invoices", headers={"xero-tenant-id": str(uuid.uuid4())})  # 403
    control.set_limits(minute=1)
    connected.uk.get("Invoices")
    connected.uk.get("Invoices")  # 429
    statuses = control.counters()["statuses"]
    assert statuses == {"401": 1, "403": 1, "200": 1, "429": 1}


def test_a_token_without_the_endpoints_scope_is_counted_once(xero_sandbox):
    api = xero_sandbox.api(
        xero_sandbox.connect(tenants=["uk"], scope="openid offline_access")["access_token"], "uk"
    )
    xero_sandbox.control.reset_counters()
    assert api.get("Invoices").status_code == 401
    assert xero_sandbox.control.counters()["statuses"] == {"401": 1}


def test_outside_the_api_unknown_routes_are_not_flask_pages(xero_sandbox):
    token = requests.get(xero_sandbox.token_url, timeout=30)
    assert token.status_code == 405 and "POST" in token.headers["Allow"]
    assert "<html" not in token.text.lower()
    control = requests.get(f"{xero_sandbox.base_url}/_sandbox/nothing", timeout=30)
    assert control.status_code == 404 and control.json() == {"error": "not found"}


def test_item_prices_follow_unitdp(connected):
    item = {"Code": "BOLT-4", "Name": "Bolt", "SalesDetails": {"UnitPrice": 0.1234}}
    created = connected.uk.put("Items", params={"unitdp": 4}, json={"Items": [item]})
    assert created.status_code == 200, created.text
    two = connected.uk.get("Items/BOLT-4").json()["Items"][0]
    assert Decimal(str(two["SalesDetails"]["UnitPrice"])) == Decimal("0.12")
    four = connected.uk.get("Items", params={"unitdp": 4}).json()["Items"]
    bolt = next(i for i in four if i["Code"] == "BOLT-4")
    assert Decimal(str(bolt["SalesDetails"]["UnitPrice"])) == Decimal("0.1234")


def test_accept_negotiation_rules():
    from sandbox.xero.xmlbody import to_xml, wants_json

    assert wants_json("application/json")
    assert wants_json("text/html, application/json;q=0.5")
    assert not wants_json("application/json;q=0")
    assert not wants_json(None) and not wants_json("*/*") and not wants_json("application/*")
    body = {"Status": "OK", "Items": [{"Name": "<Bolt & Nut>", "IsSold": True, "X": None}]}
    root = ET.fromstring(to_xml(body))
    assert root.find("Items/Item/Name").text == "<Bolt & Nut>"
    assert root.find("Items/Item/IsSold").text == "true" and root.find("Items/Item/X") is None
