"""The sandboxes serve attachments as the providers do: Xero's responses checked against its
OpenAPI schema (strictly), its limits and scope; QuickBooks' Attachable queries, uploads and
pre-signed links."""

from __future__ import annotations

import json
import re

import pytest
import requests

from tests.plugins.sandbox import DEFAULT_SCOPE

from .schemas import validate

SCOPE = f"{DEFAULT_SCOPE} accounting.attachments"


@pytest.fixture
def uk(xero_sandbox):
    tokens = xero_sandbox.connect(tenants=["uk"], scope=SCOPE)
    return xero_sandbox.api(tokens["access_token"], "uk")


def _first(api, collection: str, **where) -> dict:
    rows = api.get(collection).json()[collection]
    return next(r for r in rows if all(r.get(k) == v for k, v in where.items()))


def test_seeded_attachments_list_and_match_the_schema(uk):
    invoice = _first(uk, "Invoices", Type="ACCREC")
    response = uk.get(f"Invoices/{invoice['InvoiceID']}/Attachments")
    assert response.status_code == 200, response.text
    body = response.json()
    validate(body, "Attachments")
    names = {a["FileName"]: a for a in body["Attachments"]}
    assert {"signed-order.pdf", "delivery-photo.png"} <= set(names)
    assert names["signed-order.pdf"]["IncludeOnline"] is True
    contact_id = invoice["Contact"]["ContactID"]
    assert uk.get(f"Contacts/{contact_id}/Attachments").status_code == 200


def test_upload_replace_and_download_by_id_or_name(uk):
    invoice = _first(uk, "Invoices", Type="ACCREC")
    base = f"Invoices/{invoice['InvoiceID']}/Attachments"
    put = uk.put(
        f"{base}/report v1.csv",
        data=b"a,b\n1,2\n",
        headers={"Content-Type": "text/csv"},
        params={"IncludeOnline": "true"},
    )
    assert put.status_code == 200, put.text
    validate(put.json(), "Attachments")
    (created,) = put.json()["Attachments"]
    assert created["ContentLength"] == 8 and created["MimeType"] == "text/csv"
    post = uk.post(
        f"{base}/report v1.csv", data=b"a,b\n3,4\n5,6\n", headers={"Content-Type": "text/csv"}
    )
    assert post.status_code == 200, post.text
    assert post.json()["Attachments"][0]["AttachmentID"] == created["AttachmentID"]  # replaced
    by_id = uk.get(f"{base}/{created['AttachmentID']}", headers={"Accept": "text/csv"})
    by_name = uk.get(f"{base}/report v1.csv", headers={"Accept": "text/csv"})
    assert by_id.content == by_name.content == b"a,b\n3,4\n5,6\n"
    assert by_id.headers["Content-Type"].startswith("text/csv")


def test_xero_refuses_what_it_refuses(uk):
    invoice = _first(uk, "Invoices", Type="ACCPAY")
    base = f"Invoices/{invoice['InvoiceID']}/Attachments"
    too_big = uk.put(f"{base}/big.pdf", data=b"x" * (10 * 1024 * 1024 + 1))
    assert too_big.status_code == 413
    exe = uk.put(f"{base}/setup.exe", data=b"MZ", headers={"Content-Type": "application/pdf"})
    assert exe.status_code == 400
    validate(exe.json(), "Error", strict=False)
    online = uk.put(f"{base}/a.pdf", data=b"%PDF", params={"IncludeOnline": "true"})
    assert online.status_code == 400  # bills are not shown online
    for n in range(10 - len(uk.get(base).json()["Attachments"])):
        assert uk.put(f"{base}/f{n}.txt", data=b"x", headers={"Content-Type": "text/plain"}).ok
    eleventh = uk.put(f"{base}/eleven.txt", data=b"x", headers={"Content-Type": "text/plain"})
    assert eleventh.status_code == 400 and "at most 10" in eleventh.text


def test_attachments_need_the_attachments_scope(xero_sandbox):
    tokens = xero_sandbox.connect(
        tenants=["uk"], scope=DEFAULT_SCOPE.replace(" accounting.settings", "")
    )
    api = xero_sandbox.api(tokens["access_token"], "uk")
    invoice = api.get("Invoices").json()["Invoices"][0]
    response = api.get(f"Invoices/{invoice['InvoiceID']}/Attachments")
    assert response.status_code == 401 and "AuthorizationUnsuccessful" in response.text


def test_quickbooks_attachables_query_upload_and_signed_links(quickbooks_sandbox):
    tokens, _realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], "us")
    invoice = api.query("SELECT * FROM Invoice MAXRESULTS 1")["QueryResponse"]["Invoice"][0]
    query = (
        "SELECT * FROM Attachable WHERE AttachableRef.EntityRef.Type = 'Invoice' "
        f"AND AttachableRef.EntityRef.value = '{invoice['Id']}'"
    )
    seeded = api.query(query)["QueryResponse"]["Attachable"]
    assert {a["FileName"] for a in seeded} == {"signed-order.pdf", "delivery-photo.png"}
    metadata = json.dumps(
        {
            "AttachableRef": [{"EntityRef": {"type": "Invoice", "value": invoice["Id"]}}],
            "FileName": "po.pdf",
            "ContentType": "application/pdf",
        }
    )
    files = {
        "file_metadata_01": ("attachment.json", metadata, "application/json"),
        "file_content_01": ("po.pdf", b"%PDF-1.4 po", "application/pdf"),
    }
    upload = api.http.post(f"{api.base}/upload", files=files, timeout=30)
    assert upload.status_code == 200, upload.text
    created = upload.json()["AttachableResponse"][0]["Attachable"]
    assert (
        created["Size"] == 11 and created["AttachableRef"][0]["EntityRef"]["value"] == invoice["Id"]
    )
    read = api.http.get(f"{api.base}/attachable/{created['Id']}", timeout=30).json()["Attachable"]
    link = read["TempDownloadUri"]
    assert requests.get(link, timeout=30).content == b"%PDF-1.4 po"  # no credentials needed
    forged = re.sub(r"\.[0-9a-f]{64}$", "." + "0" * 64, link)
    assert requests.get(forged, timeout=30).status_code == 403
    bad = dict(files, file_content_01=("run.exe", b"MZ", "application/octet-stream"))
    bad["file_metadata_01"] = ("a.json", metadata.replace("po.pdf", "run.exe"), "application/json")
    refused = api.http.post(f"{api.base}/upload", files=bad, timeout=30).json()
    assert (
        refused["AttachableResponse"][0]["Fault"]["Error"][0]["Message"] == "Unsupported file type"
    )
