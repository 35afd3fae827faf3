"""Writes: Xero's totals, validation, idempotency, payments, deletes and voids."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.plugins.sandbox import SandboxApi


def _contact(api: SandboxApi, name: str = "Boom FM") -> str:
    return api.get("Contacts", params={"where": f'Name=="{name}"'}).json()["Contacts"][0][
        "ContactID"
    ]


def _invoice(api: SandboxApi, status: str = "AUTHORISED", lines=None, **fields) -> dict:
    body = {
        "Type": "ACCREC",
        "Status": status,
        "Contact": {"ContactID": _contact(api)},
        "Date": "2024-03-01",
        "DueDate": "2024-03-31",
        "LineItems": lines
        or [{"Description": "Consulting", "Quantity": 2, "UnitAmount": 100, "AccountCode": "200"}],
        **fields,
    }
    response = api.put("Invoices", json={"Invoices": [body]})
    assert response.status_code == 200, response.text
    return response.json()["Invoices"][0]


def _errors(response) -> list[str]:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["ErrorNumber"] == 10 and body["Type"] == "ValidationException"
    return [e["Message"] for el in body["Elements"] for e in el["ValidationErrors"]]


def _dec(value) -> Decimal:
    return Decimal(str(value))


@pytest.mark.parametrize(
    ("lat", "lines", "expected"),
    [
        (
            "Exclusive",
            [{"Quantity": 3, "UnitAmount": "33.33"}],
            {"SubTotal": "99.99", "TotalTax": "20.00", "Total": "119.99"},
        ),
        (
            "Inclusive",
            [{"Quantity": 1, "UnitAmount": 120}],
            {"SubTotal": "100.00", "TotalTax": "20.00", "Total": "120.00"},
        ),
        (
            "NoTax",
            [{"Quantity": 4, "UnitAmount": "2.50"}],
            {"SubTotal": "10.00", "TotalTax": "0.00", "Total": "10.00"},
        ),
        (
            "Exclusive",
            [
                {"Quantity": 10, "UnitAmount": 50, "DiscountRate": 15},
                {"Quantity": 1, "UnitAmount": "0.05"},
            ],
            {
                "SubTotal": "425.05",
                "TotalTax": "85.01",
                "Total": "510.06",
                "TotalDiscount": "75.00",
            },
        ),
        (
            "Exclusive",
            [{"Quantity": 2, "UnitAmount": 100, "DiscountAmount": "12.50"}],
            {
                "SubTotal": "187.50",
                "TotalTax": "37.50",
                "Total": "225.00",
                "TotalDiscount": "12.50",
            },
        ),
        (
            "Exclusive",
            [{"LineAmount": "80.00"}],
            {"SubTotal": "80.00", "TotalTax": "16.00", "Total": "96.00"},
        ),
    ],
)
def test_totals_are_computed_like_xero(connected, lat, lines, expected):
    lines = [{"Description": "x", "AccountCode": "200", **line} for line in lines]
    invoice = _invoice(connected.uk, lines=lines, LineAmountTypes=lat)
    for key, value in expected.items():
        assert _dec(invoice[key]) == Decimal(value), key
    assert _dec(invoice["AmountDue"]) == Decimal(expected["Total"])
    assert invoice["AmountPaid"] == 0
    line_sum = sum(_dec(line["LineAmount"]) for line in invoice["LineItems"])
    tax_sum = sum(_dec(line["TaxAmount"]) for line in invoice["LineItems"])
    assert tax_sum == _dec(invoice["TotalTax"])
    assert line_sum == (_dec(invoice["Total"]) if lat == "Inclusive" else _dec(invoice["SubTotal"]))
    assert all(
        line["TaxType"] == ("NONE" if lat == "NoTax" else "OUTPUT2")
        for line in invoice["LineItems"]
    )


def test_money_is_exact_on_the_wire(connected):
    invoice = _invoice(
        connected.uk,
        lines=[{"Description": "x", "Quantity": 1, "UnitAmount": "0.10", "AccountCode": "200"}],
    )
    raw = connected.uk.get(f"Invoices/{invoice['InvoiceID']}").text
    assert '"SubTotal":0.10' in raw and '"Total":0.12' in raw


def test_item_codes_fill_lines_and_us_sales_tax(connected):
    invoice = _invoice(
        connected.us, lines=[{"ItemCode": "BOOK", "Quantity": 2}], Contact={"Name": "Boom FM"}
    )
    line = invoice["LineItems"][0]
    assert line["Description"] == "Book on branding" and _dec(line["UnitAmount"]) == Decimal(
        "19.95"
    )
    assert line["AccountCode"] == "200" and line["TaxType"] == "TAX001"
    assert _dec(line["TaxAmount"]) == Decimal("3.54")  # 39.90 * 8.875%
    assert line["Item"]["Code"] == "BOOK"


def test_foreign_currency_gets_a_rate(connected):
    invoice = _invoice(connected.uk, CurrencyCode="USD")
    assert invoice["CurrencyCode"] == "USD" and _dec(invoice["CurrencyRate"]) == Decimal("1.265823")
    given = _invoice(connected.uk, CurrencyCode="EUR", CurrencyRate="1.170000")
    assert _dec(given["CurrencyRate"]) == Decimal("1.17")
    assert (
        "not subscribed to currency JPY"
        in _errors(
            connected.uk.put(
                "Invoices",
                json={
                    "Type": "ACCREC",
                    "Contact": {"ContactID": _contact(connected.uk)},
                    "CurrencyCode": "JPY",
                },
            )
        )[0]
    )


def test_contact_by_name_is_created_when_unknown(connected):
    invoice = _invoice(connected.uk, Contact={"Name": "Brand New Customer"})
    contact = connected.uk.get(f"Contacts/{invoice['Contact']['ContactID']}").json()["Contacts"][0]
    assert contact["Name"] == "Brand New Customer" and contact["IsCustomer"] is True


def test_validation_errors(connected):
    api = connected.uk
    contact = _contact(api)
    cases = [
        (
            {"Type": "ACCREC", "LineItems": []},
            "A Contact must be specified for this type of transaction",
        ),
        (
            {"Type": "NOPE", "Contact": {"ContactID": contact}},
            "Invoice Type must be one of ACCREC, ACCPAY",
        ),
        (
            {
                "Type": "ACCREC",
                "Contact": {"ContactID": contact},
                "LineItems": [
                    {"Description": "x", "Quantity": 1, "UnitAmount": 1, "AccountCode": "090"}
                ],
            },
            "Account code '090' is not a valid code for this document.",
        ),
        (
            {
                "Type": "ACCREC",
                "Contact": {"ContactID": contact},
                "LineItems": [
                    {
                        "Description": "x",
                        "Quantity": 1,
                        "UnitAmount": 1,
                        "AccountCode": "200",
                        "TaxType": "BOGUS",
                    }
                ],
            },
            "The TaxType code 'BOGUS' does not exist or cannot be used with this type of "
            "transaction.",
        ),
        (
            {
                "Type": "ACCREC",
                "Contact": {"ContactID": contact},
                "LineItems": [{"Quantity": 1, "UnitAmount": 1}],
            },
            "Description needs to be at least 1 char long",
        ),
        (
            {
                "Type": "ACCREC",
                "Status": "AUTHORISED",
                "Contact": {"ContactID": contact},
                "DueDate": "2024-01-01",
                "LineItems": [],
            },
            "At least one line item must be specified for an approved invoice",
        ),
        (
            {
                "Type": "ACCREC",
                "Contact": {"ContactID": contact},
                "LineItems": [
                    {"Description": "x", "Quantity": 2, "UnitAmount": 5, "LineAmount": 11}
                ],
            },
            "The line total 11.00 does not match the expected line total 10.00",
        ),
        (
            {"Type": "ACCREC", "InvoiceNumber": "INV-0001", "Contact": {"ContactID": contact}},
            "Invoice # must be unique.",
        ),
        (
            {
                "Type": "ACCREC",
                "Contact": {"Name": "Archived Trading Co", "ContactID": _contact_archived(api)},
            },
            "The contact 'Archived Trading Co' is archived and cannot be used",
        ),
        (
            {"Type": "ACCREC", "Status": "PAID", "Contact": {"ContactID": contact}},
            "Invoice not of valid status for creation",
        ),
    ]
    for body, message in cases:
        assert message in _errors(api.put("Invoices", json=body)), body


def _contact_archived(api: SandboxApi) -> str:
    contacts = api.get(
        "Contacts", params={"includeArchived": "true", "where": 'ContactStatus=="ARCHIVED"'}
    ).json()
    return contacts["Contacts"][0]["ContactID"]


def test_summarize_errors(connected):
    api = connected.uk
    good = {"Type": "ACCREC", "Contact": {"ContactID": _contact(api)}, "Reference": "batch-good"}
    bad = {"Type": "ACCREC", "Reference": "batch-bad"}
    atomic = api.put("Invoices", json={"Invoices": [good, bad]})
    assert atomic.status_code == 400 and len(atomic.json()["Elements"]) == 1
    assert api.get("Invoices", params={"where": 'Reference=="batch-good"'}).json()["Invoices"] == []
    mixed = api.put("Invoices", params={"summarizeErrors": "false"}, json={"Invoices": [good, bad]})
    assert mixed.status_code == 200
    first, second = mixed.json()["Invoices"]
    assert first["StatusAttributeString"] == "OK" and first["InvoiceID"]
    assert second["StatusAttributeString"] == "ERROR" and second["HasErrors"] is True
    assert (
        second["ValidationErrors"][0]["Message"]
        == "A Contact must be specified for this type of transaction"
    )
    assert (
        len(api.get("Invoices", params={"where": 'Reference=="batch-good"'}).json()["Invoices"])
        == 1
    )


def test_idempotency_key_replays_the_same_response(connected):
    api = connected.uk
    body = {"Type": "ACCREC", "Contact": {"ContactID": _contact(api)}, "Reference": "idem"}
    first = api.put("Invoices", json=body, headers={"Idempotency-Key": "key-1"})
    second = api.put("Invoices", json=body, headers={"Idempotency-Key": "key-1"})
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    other = api.put("Invoices", json=body, headers={"Idempotency-Key": "key-2"})
    assert other.json()["Invoices"][0]["InvoiceID"] != first.json()["Invoices"][0]["InvoiceID"]
    assert len(api.get("Invoices", params={"where": 'Reference=="idem"'}).json()["Invoices"]) == 2
    failing = api.put("Invoices", json={"Type": "ACCREC"}, headers={"Idempotency-Key": "key-3"})
    again = api.put("Invoices", json={"Type": "ACCREC"}, headers={"Idempotency-Key": "key-3"})
    assert failing.status_code == again.status_code == 400 and failing.content == again.content


def test_payments_update_the_invoice(connected):
    api = connected.uk
    invoice = _invoice(api)  # total 240.00
    pay = {
        "Invoice": {"InvoiceID": invoice["InvoiceID"]},
        "Account": {"Code": "090"},
        "Date": "2024-03-10",
    }
    first = api.put("Payments", json={**pay, "Amount": 100})
    assert first.status_code == 200, first.text
    payment = first.json()["Payments"][0]
    assert payment["PaymentType"] == "ACCRECPAYMENT" and payment["Status"] == "AUTHORISED"
    partial = api.get(f"Invoices/{invoice['InvoiceID']}").json()["Invoices"][0]
    assert (partial["Status"], partial["AmountPaid"], partial["AmountDue"]) == (
        "AUTHORISED",
        100,
        140,
    )
    assert [p["PaymentID"] for p in partial["Payments"]] == [payment["PaymentID"]]
    assert partial["UpdatedDateUTC"] != invoice["UpdatedDateUTC"] or True
    assert "Payment amount exceeds the amount outstanding on this document" in _errors(
        api.put("Payments", json={**pay, "Amount": "140.01"})
    )
    api.put("Payments", json={"Payments": [{**pay, "Amount": 140, "Date": "2024-03-20"}]})
    paid = api.get(f"Invoices/{invoice['InvoiceID']}").json()["Invoices"][0]
    assert (paid["Status"], paid["AmountDue"], paid["AmountPaid"]) == ("PAID", 0, 240)
    assert paid["FullyPaidOnDate"] == "/Date(1710892800000+0000)/"
    assert (
        "This document cannot be edited as it has a payment or credit note allocated to it."
        in _errors(api.post(f"Invoices/{invoice['InvoiceID']}", json={"LineItems": []}))
    )
    deleted = api.post(f"Payments/{payment['PaymentID']}", json={"Status": "DELETED"})
    assert deleted.status_code == 200 and deleted.json()["Payments"][0]["Status"] == "DELETED"
    reopened = api.get(f"Invoices/{invoice['InvoiceID']}").json()["Invoices"][0]
    assert (reopened["Status"], reopened["AmountDue"], reopened["AmountPaid"]) == (
        "AUTHORISED",
        100,
        140,
    )
    assert "FullyPaidOnDate" not in reopened


def test_payment_rules(connected):
    api = connected.uk
    draft = _invoice(api, status="DRAFT")
    pay = {"Invoice": {"InvoiceID": draft["InvoiceID"]}, "Account": {"Code": "090"}, "Amount": 1}
    assert "Payments can only be made against Authorised documents" in _errors(
        api.put("Payments", json=pay)
    )
    authorised = _invoice(api)
    pay["Invoice"] = {"InvoiceNumber": authorised["InvoiceNumber"]}
    assert (
        "Payments can only be made to bank accounts or accounts with payments enabled"
        in _errors(api.put("Payments", json={**pay, "Account": {"Code": "200"}}))
    )
    assert "Payment amount must be greater than zero" in _errors(
        api.put("Payments", json={**pay, "Amount": 0})
    )
    assert api.put("Payments", json=pay).status_code == 200


def test_delete_and_void_rules(connected):
    api = connected.uk
    draft = _invoice(api, status="DRAFT")
    deleted = api.post(f"Invoices/{draft['InvoiceID']}", json={"Status": "DELETED"}).json()[
        "Invoices"
    ][0]
    assert deleted["Status"] == "DELETED" and deleted["AmountDue"] == 0
    assert "Invoice not of valid status for modification" in _errors(
        api.post(f"Invoices/{draft['InvoiceID']}", json={"Reference": "too late"})
    )
    submitted = _invoice(api, status="SUBMITTED")
    assert "Invoice not of valid status for modification" in _errors(
        api.post(f"Invoices/{submitted['InvoiceID']}", json={"Status": "VOIDED"})
    )
    authorised = _invoice(api)
    assert "Invoice not of valid status for modification" in _errors(
        api.post(f"Invoices/{authorised['InvoiceID']}", json={"Status": "DELETED"})
    )
    voided = api.post("Invoices", json={"InvoiceID": authorised["InvoiceID"], "Status": "VOIDED"})
    assert voided.json()["Invoices"][0]["Status"] == "VOIDED"
    with_payment = _invoice(api)
    api.put(
        "Payments",
        json={
            "Invoice": {"InvoiceID": with_payment["InvoiceID"]},
            "Account": {"Code": "090"},
            "Amount": 5,
        },
    )
    assert (
        "This document cannot be edited as it has a payment or credit note allocated to it."
        in _errors(api.post(f"Invoices/{with_payment['InvoiceID']}", json={"Status": "VOIDED"}))
    )


def test_update_bumps_updated_date_and_keeps_ids(connected):
    api = connected.uk
    invoice = _invoice(api, status="DRAFT")
    connected.sandbox.control.advance_clock(2)
    line = invoice["LineItems"][0]
    updated = api.post(
        f"Invoices/{invoice['InvoiceID']}",
        json={"Status": "AUTHORISED", "LineItems": [{**line, "Quantity": 3, "LineAmount": None}]},
    ).json()["Invoices"][0]
    assert updated["Status"] == "AUTHORISED" and updated["Total"] == 360
    assert updated["LineItems"][0]["LineItemID"] == invoice["LineItems"][0]["LineItemID"]
    assert updated["UpdatedDateUTC"] > invoice["UpdatedDateUTC"]
    assert updated["InvoiceNumber"] == invoice["InvoiceNumber"]


def test_contacts_create_update_archive(connected):
    api = connected.uk
    made = api.put(
        "Contacts",
        json={
            "Contacts": [
                {
                    "Name": "Acme Ltd",
                    "EmailAddress": "a@acme.example",
                    "Addresses": [{"AddressType": "STREET", "City": "Leeds"}],
                }
            ]
        },
    )
    contact = made.json()["Contacts"][0]
    assert contact["ContactStatus"] == "ACTIVE" and contact["Addresses"][0]["City"] == "Leeds"
    assert (
        "already assigned to another contact"
        in _errors(api.put("Contacts", json={"Name": "acme ltd"}))[0]
    )
    assert "Email address must be valid." in _errors(
        api.put("Contacts", json={"Name": "Bad Mail", "EmailAddress": "nope"})
    )
    assert "The contact name must be specified" in _errors(
        api.put("Contacts", json={"EmailAddress": "x@y.example"})
    )
    renamed = api.post(f"Contacts/{contact['ContactID']}", json={"Name": "Acme Limited"}).json()[
        "Contacts"
    ][0]
    assert renamed["Name"] == "Acme Limited" and renamed["EmailAddress"] == "a@acme.example"
    archived = api.post(
        "Contacts", json={"ContactID": contact["ContactID"], "ContactStatus": "ARCHIVED"}
    )
    assert archived.json()["Contacts"][0]["ContactStatus"] == "ARCHIVED"
    assert contact["ContactID"] not in {
        c["ContactID"] for c in api.get("Contacts").json()["Contacts"]
    }


def test_credit_note_allocation(connected):
    api = connected.uk
    invoice = _invoice(api)  # 240.00
    credit = api.put(
        "CreditNotes",
        json={
            "Type": "ACCRECCREDIT",
            "Status": "AUTHORISED",
            "Contact": {"ContactID": _contact(api)},
            "LineItems": [
                {"Description": "Credit", "Quantity": 1, "UnitAmount": 50, "AccountCode": "200"}
            ],
        },
    ).json()["CreditNotes"][0]
    assert credit["RemainingCredit"] == 60 and credit["CreditNoteNumber"].startswith("CN-")
    allocated = api.put(
        f"CreditNotes/{credit['CreditNoteID']}/Allocations",
        json={
            "Allocations": [
                {"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": 60, "Date": "2024-03-05"}
            ]
        },
    )
    assert allocated.status_code == 200, allocated.text
    after = api.get(f"Invoices/{invoice['InvoiceID']}").json()["Invoices"][0]
    assert (after["AmountCredited"], after["AmountDue"]) == (60, 180)
    assert after["CreditNotes"][0]["CreditNoteID"] == credit["CreditNoteID"]
    note = api.get(f"CreditNotes/{credit['CreditNoteID']}").json()["CreditNotes"][0]
    assert note["Status"] == "PAID" and note["RemainingCredit"] == 0


def test_bad_json_and_unknown_ids(connected):
    api = connected.uk
    raw = api.http.put(
        f"{api.api_url}/Invoices", data=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert raw.status_code == 400 and raw.json()["Type"] == "PostDataInvalidException"
    missing = api.post("Invoices/00000000-0000-0000-0000-000000000001", json={"Reference": "x"})
    assert missing.status_code == 404


def test_post_updates_by_invoice_number(connected):
    api = connected.uk
    invoice = _invoice(api, status="DRAFT")
    updated = api.post(
        "Invoices", json={"InvoiceNumber": invoice["InvoiceNumber"], "Reference": "by number"}
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["Invoices"][0]["InvoiceID"] == invoice["InvoiceID"]
    assert (
        api.get(f"Invoices/{invoice['InvoiceNumber']}").json()["Invoices"][0]["Reference"]
        == "by number"
    )
