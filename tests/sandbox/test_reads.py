"""Lists and reads: paging, every filter, ``where``, ``order``, If-Modified-Since, archives."""

from __future__ import annotations

from email.utils import format_datetime

import pytest


def _ids(response, key="Invoices", field="InvoiceID"):
    assert response.status_code == 200, response.text
    return [r[field] for r in response.json()[key]]


def test_without_page_returns_everything_without_line_items(connected):
    body = connected.uk.get("Invoices").json()
    assert "pagination" not in body
    assert len(body["Invoices"]) == 15
    assert all(inv["LineItems"] == [] for inv in body["Invoices"])


def test_page_returns_line_items_and_pagination(connected):
    connected.sandbox.control.reset(invoices=250)
    api = connected.sandbox.api(connected.sandbox.connect()["access_token"], "uk")
    first = api.get("Invoices", params={"page": 1}).json()
    assert first["pagination"] == {"page": 1, "pageSize": 100, "pageCount": 3, "itemCount": 265}
    assert len(first["Invoices"]) == 100
    assert all(inv["LineItems"] for inv in first["Invoices"] if inv["Status"] != "DRAFT")
    last = api.get("Invoices", params={"page": 3}).json()
    assert len(last["Invoices"]) == 65
    beyond = api.get("Invoices", params={"page": 9}).json()
    assert beyond["Invoices"] == [] and beyond["pagination"]["page"] == 9
    sized = api.get("Invoices", params={"page": 2, "pageSize": 50}).json()
    assert sized["pagination"] == {"page": 2, "pageSize": 50, "pageCount": 6, "itemCount": 265}
    clamped = api.get("Invoices", params={"page": 1, "pageSize": 5000}).json()
    assert clamped["pagination"]["pageSize"] == 1000 and len(clamped["Invoices"]) == 265
    everything = set()
    for page in range(1, 4):
        everything |= set(_ids(api.get("Invoices", params={"page": page})))
    assert len(everything) == 265


@pytest.mark.parametrize(
    ("path", "key"),
    [("Contacts", "Contacts"), ("Payments", "Payments"), ("CreditNotes", "CreditNotes")],
)
def test_other_paged_endpoints(connected, path, key):
    body = connected.uk.get(path, params={"page": 1, "pageSize": 2}).json()
    assert len(body[key]) == 2
    assert body["pagination"]["pageSize"] == 2 and body["pagination"]["itemCount"] > 2


def test_unpaged_endpoints_ignore_page(connected):
    body = connected.uk.get("Accounts", params={"page": 1}).json()
    assert (
        "pagination" not in body and len(body["Accounts"]) == 18
    )  # incl. 630 Inventory, 092 foreign bank


def test_where_common_forms(connected):
    api = connected.uk
    contact_id = api.get("Contacts", params={"where": 'Name=="Bayside Club"'}).json()["Contacts"][
        0
    ]["ContactID"]
    cases = {
        'Type=="ACCPAY"': lambda i: i["Type"] == "ACCPAY",
        'Status!="DRAFT"': lambda i: i["Status"] != "DRAFT",
        'Type=="ACCREC" AND Status=="AUTHORISED"': lambda i: (
            i["Type"] == "ACCREC" and i["Status"] == "AUTHORISED"
        ),
        'Status=="VOIDED" OR Status=="DELETED"': lambda i: i["Status"] in ("VOIDED", "DELETED"),
        f'Contact.ContactID==Guid("{contact_id}")': lambda i: (
            i["Contact"]["ContactID"] == contact_id
        ),
        "Date>=DateTime(2024,01,20)": lambda i: i["DateString"][:10] >= "2024-01-20",
        "Date<DateTime(2024,1,20) AND DueDate>DateTime(2024,2,10)": lambda i: (
            i["DateString"][:10] < "2024-01-20" and i["DueDateString"][:10] > "2024-02-10"
        ),
        "AmountDue>500": lambda i: i["AmountDue"] > 500,
        "AmountDue<=0": lambda i: i["AmountDue"] <= 0,
        'InvoiceNumber=="HP-2044"': lambda i: i.get("InvoiceNumber") == "HP-2044",
        'status=="paid"': lambda i: i["Status"] == "PAID",
        '(Type=="ACCREC" OR Type=="ACCPAY") AND NOT (Status=="DELETED")': lambda i: (
            i["Status"] != "DELETED"
        ),
        'Reference.StartsWith("PO-")': lambda i: i.get("Reference", "").startswith("PO-"),
        "UpdatedDateUTC>=DateTime(2025,1,1)": lambda i: True,
    }
    everything = api.get("Invoices").json()["Invoices"]
    for expression, predicate in cases.items():
        expected = [i["InvoiceID"] for i in everything if predicate(i)]
        got = _ids(api.get("Invoices", params={"where": expression}))
        assert sorted(got) == sorted(expected), expression
        assert got, expression


def test_where_on_contacts(connected):
    api = connected.uk
    customers = api.get("Contacts", params={"where": "IsCustomer==true"}).json()["Contacts"]
    assert customers and all(c["IsCustomer"] for c in customers)
    suppliers = api.get("Contacts", params={"where": "IsSupplier"}).json()["Contacts"]
    assert suppliers and all(c["IsSupplier"] for c in suppliers)
    by_email = api.get("Contacts", params={"where": 'EmailAddress=="ap@boomfm.example"'}).json()
    assert [c["Name"] for c in by_email["Contacts"]] == ["Boom FM"]
    like = api.get("Contacts", params={"where": 'Name.Contains("agency")'}).json()["Contacts"]
    assert {c["Name"] for c in like} == {"City Agency", "SMART Agency"}


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ('Foo=="x"', "No property or field 'Foo' exists in type 'Invoice'"),
        (
            'Contact.ContactID=="abc"',
            "Operator '==' incompatible with operand types 'Guid' and 'String'",
        ),
        (
            'Date=="2024-01-01"',
            "Operator '==' incompatible with operand types 'DateTime' and 'String'",
        ),
        ('Status=="DRAFT" AND', "Expression expected"),
        ('Status=="DRAFT', "Unterminated string literal"),
        ("Type", "Expression of type 'Boolean' expected"),
    ],
)
def test_unsupported_where_is_a_400_like_xero(connected, expression, message):
    response = connected.uk.get("Invoices", params={"where": expression})
    assert response.status_code == 400
    assert response.json() == {"ErrorNumber": 16, "Type": "QueryParseException", "Message": message}


def test_order(connected):
    numbers = [
        i["InvoiceNumber"]
        for i in connected.uk.get(
            "Invoices", params={"where": 'Type=="ACCREC"', "order": "InvoiceNumber DESC"}
        ).json()["Invoices"]
    ]
    assert numbers == sorted(numbers, reverse=True)
    totals = [
        i["Total"]
        for i in connected.uk.get("Invoices", params={"order": "Total"}).json()["Invoices"]
    ]
    assert totals == sorted(totals)
    bad = connected.uk.get("Invoices", params={"order": "Nope DESC"})
    assert bad.status_code == 400 and bad.json()["Type"] == "QueryParseException"


def test_explicit_id_number_contact_and_status_filters(connected):
    api = connected.uk
    invoices = api.get("Invoices").json()["Invoices"]
    two = [invoices[0]["InvoiceID"], invoices[3]["InvoiceID"]]
    assert sorted(_ids(api.get("Invoices", params={"IDs": ",".join(two)}))) == sorted(two)
    assert _ids(
        api.get("Invoices", params={"InvoiceNumbers": "HP-2044,SA-0912"}), field="InvoiceNumber"
    )
    got = api.get("Invoices", params={"InvoiceNumbers": "HP-2044,SA-0912"}).json()["Invoices"]
    assert {i["InvoiceNumber"] for i in got} == {"HP-2044", "SA-0912"}
    contact = invoices[0]["Contact"]["ContactID"]
    by_contact = api.get("Invoices", params={"ContactIDs": contact}).json()["Invoices"]
    assert by_contact and all(i["Contact"]["ContactID"] == contact for i in by_contact)
    statuses = api.get("Invoices", params={"Statuses": "DRAFT,SUBMITTED"}).json()["Invoices"]
    assert {i["Status"] for i in statuses} == {"DRAFT", "SUBMITTED"}
    assert api.get("Invoices", params={"IDs": "not-a-guid"}).status_code == 400


def test_include_archived(connected):
    api = connected.uk
    names = {c["Name"] for c in api.get("Contacts").json()["Contacts"]}
    assert "Archived Trading Co" not in names
    names = {
        c["Name"]
        for c in api.get("Contacts", params={"includeArchived": "true"}).json()["Contacts"]
    }
    assert "Archived Trading Co" in names
    # Invoices: Xero returns DELETED and VOIDED invoices without includeArchived.
    statuses = {i["Status"] for i in api.get("Invoices").json()["Invoices"]}
    assert {"DELETED", "VOIDED", "PAID", "AUTHORISED", "DRAFT", "SUBMITTED"} <= statuses


def test_summary_only(connected):
    invoices = connected.uk.get("Invoices", params={"summaryOnly": "true", "page": 1}).json()[
        "Invoices"
    ]
    assert invoices and all("LineItems" not in i and "Payments" not in i for i in invoices)
    assert set(invoices[0]["Contact"]) == {"ContactID", "Name"}
    contacts = connected.uk.get("Contacts", params={"summaryOnly": "true"}).json()["Contacts"]
    assert contacts and all("Addresses" not in c and "Phones" not in c for c in contacts)


def test_search_term(connected):
    got = connected.uk.get("Contacts", params={"searchTerm": "bay"}).json()["Contacts"]
    assert [c["Name"] for c in got] == ["Bayside Club"]
    got = connected.uk.get("Invoices", params={"searchTerm": "campaign"}).json()["Invoices"]
    assert [i["Reference"] for i in got] == ["Spring campaign"]


def test_if_modified_since(connected):
    api, control = connected.uk, connected.sandbox.control
    before = api.get("Invoices").json()["Invoices"]
    target = before[0]["InvoiceID"]
    control.advance_clock(60)
    mark = control.clock()["now"]
    control.advance_clock(5)
    control.edit("uk", "Invoices", target, Reference="Edited in Xero")
    changed = _ids(api.get("Invoices", headers={"If-Modified-Since": mark}))
    assert changed == [target]
    from datetime import datetime

    http_date = format_datetime(datetime.fromisoformat(mark), usegmt=True)
    assert _ids(api.get("Invoices", headers={"If-Modified-Since": http_date})) == [target]
    future = api.get("Invoices", headers={"If-Modified-Since": "2999-01-01T00:00:00"}).json()
    assert future["Invoices"] == []


def test_get_by_id_number_and_404(connected):
    api = connected.uk
    invoice = api.get("Invoices/HP-2044").json()["Invoices"][0]
    assert invoice["InvoiceNumber"] == "HP-2044" and invoice["LineItems"]
    same = api.get(f"Invoices/{invoice['InvoiceID']}").json()["Invoices"][0]
    assert same == invoice
    contact = api.get("Contacts/C0001").json()["Contacts"][0]
    assert contact["Name"] == "Boom FM"
    assert api.get("Items/BOOK").json()["Items"][0]["Code"] == "BOOK"
    assert api.get("TaxRates/OUTPUT2").json()["TaxRates"][0]["EffectiveRate"] == 20
    missing = api.get("Invoices/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    assert missing.headers["Content-Type"].startswith("text/plain")
    assert missing.text == "The resource you're looking for cannot be found"
    assert api.get("Nonsense").status_code == 404


def test_tenants_are_isolated(connected):
    uk = {i["InvoiceID"] for i in connected.uk.get("Invoices").json()["Invoices"]}
    us = {i["InvoiceID"] for i in connected.us.get("Invoices").json()["Invoices"]}
    assert uk and us and not uk & us
    one = next(iter(uk))
    assert connected.us.get(f"Invoices/{one}").status_code == 404
    assert connected.us.get("Organisation").json()["Organisations"][0]["BaseCurrency"] == "USD"


def test_dates_use_xero_formats(connected):
    invoice = connected.uk.get("Invoices/HP-2044").json()["Invoices"][0]
    assert invoice["Date"].startswith("/Date(") and invoice["Date"].endswith("+0000)/")
    assert invoice["DateString"] == "2024-01-13T00:00:00"
    assert invoice["DueDateString"] == "2024-02-12T00:00:00"
    assert invoice["UpdatedDateUTC"].startswith("/Date(")
    body = connected.uk.get("Invoices").json()
    assert body["DateTimeUTC"].startswith("/Date(")
