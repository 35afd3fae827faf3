"""Intuit's python-quickbooks and intuit-oauth, unmodified, work against the sandbox end to end:
the OAuth dance, reads (queries with paging, reads by id, a report, change data capture) and the
writes the sandbox emulates (Account, Item, PurchaseOrder, JournalEntry, CreditMemo)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from intuitlib.enums import Scopes
from intuitlib.exceptions import AuthClientError
from quickbooks.cdc import change_data_capture
from quickbooks.exceptions import QuickbooksException
from quickbooks.objects.account import Account
from quickbooks.objects.attachable import Attachable
from quickbooks.objects.base import AttachableRef, Ref
from quickbooks.objects.bill import Bill
from quickbooks.objects.billpayment import BillPayment
from quickbooks.objects.company_info import CompanyInfo
from quickbooks.objects.creditmemo import CreditMemo
from quickbooks.objects.customer import Customer
from quickbooks.objects.department import Department
from quickbooks.objects.detailline import (
    AccountBasedExpenseLine,
    AccountBasedExpenseLineDetail,
    SalesItemLine,
    SalesItemLineDetail,
)
from quickbooks.objects.invoice import Invoice
from quickbooks.objects.item import Item
from quickbooks.objects.journalentry import JournalEntry, JournalEntryLine, JournalEntryLineDetail
from quickbooks.objects.payment import Payment
from quickbooks.objects.preferences import Preferences
from quickbooks.objects.purchaseorder import PurchaseOrder
from quickbooks.objects.taxcode import TaxCode
from quickbooks.objects.trackingclass import Class
from quickbooks.objects.vendor import Vendor
from quickbooks.objects.vendorcredit import VendorCredit

from tests.sandbox.python_quickbooks_sdk import (
    auth_client,
    client,
    consent,
    insecure_transport,  # noqa: F401 (the fixture, used by every test)
    link,
)

pytestmark = pytest.mark.usefixtures("insecure_transport")


def ref(value: str) -> Ref:
    made = Ref()
    made.value = value
    return made


@pytest.fixture
def us(quickbooks_sandbox):
    return link(quickbooks_sandbox, "us")


def test_intuit_oauth_links_refreshes_and_revokes_through_the_discovery_document(
    quickbooks_sandbox,
):
    auth = auth_client(quickbooks_sandbox)
    assert auth.token_endpoint == quickbooks_sandbox.token_url
    assert auth.auth_endpoint == quickbooks_sandbox.authorize_url
    url = auth.get_authorization_url([Scopes.ACCOUNTING])
    assert url.startswith(f"{quickbooks_sandbox.authorize_url}?")

    cancelled = consent(url, None, action="cancel")
    assert cancelled == {"error": "access_denied", "state": auth.state_token}

    answer = consent(url, quickbooks_sandbox.realm("uk"))
    assert answer["state"] == auth.state_token
    auth.get_bearer_token(answer["code"], realm_id=answer["realmId"])
    assert auth.realm_id == quickbooks_sandbox.realm("uk")
    assert auth.access_token and auth.refresh_token and auth.expires_in == 3600
    with pytest.raises(AuthClientError) as reused:  # a code is single-use
        auth.get_bearer_token(answer["code"])
    assert reused.value.status_code == 400

    first = auth.refresh_token
    auth.refresh()
    assert auth.refresh_token != first  # the sandbox rotates on every refresh
    with pytest.raises(AuthClientError):
        auth.refresh(refresh_token=first)
    qb = client(quickbooks_sandbox, auth, auth.realm_id)
    info = CompanyInfo.get(auth.realm_id, qb=qb)
    assert info.CompanyName == quickbooks_sandbox.names["uk"]

    assert auth.revoke() is True
    with pytest.raises(QuickbooksException) as refused:
        CompanyInfo.get(auth.realm_id, qb=qb)
    assert refused.value.error_code == 401


def test_an_expired_access_token_is_refreshed_by_the_client_at_start(quickbooks_sandbox):
    linked = link(quickbooks_sandbox, "us")
    refresh_token = linked.auth.refresh_token
    quickbooks_sandbox.control.expire_token()
    # A client built from the stored refresh token alone refreshes before its first call.
    fresh = auth_client(quickbooks_sandbox)
    qb = client(quickbooks_sandbox, _with_refresh(fresh, refresh_token), linked.realm)
    assert fresh.refresh_token != refresh_token
    assert len(Customer.all(qb=qb)) == 8


def _with_refresh(auth, refresh_token: str):
    auth.refresh_token = refresh_token
    return auth


def test_reads_queries_paging_and_reads_by_id(quickbooks_sandbox, us):
    qb = us.qb
    info = CompanyInfo.get(us.realm, qb=qb)
    assert info.CompanyName == quickbooks_sandbox.names["us"] and info.Country == "US"

    customers = Customer.all(qb=qb)
    assert len(customers) == Customer.count(qb=qb) == 8  # the inactive one left out
    everyone = Customer.where("Active IN (true, false)", qb=qb)
    assert len(everyone) == 9 and any(not c.Active for c in everyone)
    pages, start = [], 1
    while page := Customer.where("", order_by="Id", start_position=start, max_results=3, qb=qb):
        pages.append(page)
        start += 3
    assert [len(p) for p in pages] == [3, 3, 2]
    ids = [c.Id for p in pages for c in p]
    assert ids == sorted(ids, key=int) and set(ids) == {c.Id for c in customers}
    one = customers[0]
    assert Customer.filter(DisplayName=one.DisplayName, qb=qb)[0].Id == one.Id
    assert Customer.get(one.Id, qb=qb).DisplayName == one.DisplayName

    invoices = Invoice.query("SELECT * FROM Invoice WHERE Balance > '0' MAXRESULTS 50", qb=qb)
    assert invoices and all(Decimal(str(i.Balance)) > 0 for i in invoices)
    invoice = Invoice.get(invoices[0].Id, qb=qb)
    assert invoice.CustomerRef.value and invoice.Line and invoice.TotalAmt > 0
    assert Invoice.count(qb=qb) == len(Invoice.all(max_results=1000, qb=qb))

    accounts = Account.all(max_results=1000, qb=qb)
    assert {a.AccountType for a in accounts} >= {"Bank", "Income", "Accounts Receivable"}
    items = Item.all(qb=qb)
    assert any(i.Type == "Inventory" and i.Sku for i in items)
    vendors = Vendor.all(qb=qb)
    assert len(vendors) == Vendor.count(qb=qb) >= 5 and all(v.Active for v in vendors)
    bills = Bill.all(qb=qb)
    assert bills and all(b.VendorRef.value for b in bills)
    payments = Payment.all(qb=qb)
    assert payments and all(p.CustomerRef.value for p in payments)


def test_invoices_page_through_a_bulk_company(quickbooks_sandbox):
    quickbooks_sandbox.control.reset(invoices=250)
    qb = link(quickbooks_sandbox, "us").qb
    total = Invoice.count(qb=qb)
    assert total >= 250
    seen, start = [], 1
    while page := Invoice.where("", order_by="Id", start_position=start, max_results=100, qb=qb):
        seen += page
        start += len(page)
    assert len(seen) == len({i.Id for i in seen}) == total


def test_a_report_and_change_data_capture(quickbooks_sandbox, us):
    report = us.qb.get_report(
        "ProfitAndLoss", {"start_date": "2025-01-01", "end_date": "2025-12-31"}
    )
    assert report["Header"]["ReportName"] == "ProfitAndLoss"
    assert report["Rows"]["Row"]

    since = datetime.now(UTC) - timedelta(minutes=5)
    quickbooks_sandbox.control.edit("us", "Invoice", "3", PrivateNote="changed by a user")
    changes = change_data_capture([Invoice, Customer], since, qb=us.qb)
    assert [i.Id for i in changes.Invoice] == ["3"]
    assert changes.Invoice[0].PrivateNote == "changed by a user"
    assert not getattr(changes, "Customer", [])


def test_account_and_item_create_update_and_a_stale_sync_token(us):
    qb = us.qb
    account = Account()
    account.Name = "SDK Software"
    account.AccountType = "Expense"
    account = account.save(qb=qb)
    assert account.Id and account.SyncToken == "0" and account.Classification == "Expense"

    stale = Account.get(account.Id, qb=qb)
    account.Description = "Subscriptions"
    account = account.save(qb=qb)
    assert account.SyncToken == "1" and account.Description == "Subscriptions"
    stale.Description = "lost"
    with pytest.raises(QuickbooksException) as refused:
        stale.save(qb=qb)
    assert refused.value.error_code == 5010
    assert Account.get(account.Id, qb=qb).Description == "Subscriptions"

    item = Item()
    item.Name = "SDK Consulting"
    item.Type = "Service"
    item.UnitPrice = 125
    item.IncomeAccountRef = ref("1")
    item = item.save(qb=qb)
    assert item.Id and item.Type == "Service" and item.IncomeAccountRef.value == "1"
    item.UnitPrice = 150
    item = item.save(qb=qb)
    assert item.SyncToken == "1" and Item.get(item.Id, qb=qb).UnitPrice == 150
    assert any(i.Id == item.Id for i in Item.filter(Name="SDK Consulting", qb=qb))


def test_purchase_order_journal_entry_and_credit_memo(us):
    qb = us.qb
    order = PurchaseOrder()
    order.VendorRef = ref("1")
    line = AccountBasedExpenseLine()
    line.Amount = 40
    line.AccountBasedExpenseLineDetail = AccountBasedExpenseLineDetail()
    line.AccountBasedExpenseLineDetail.AccountRef = ref("11")
    order.Line = [line]
    order = order.save(qb=qb)
    assert order.Id and order.TotalAmt == 40 and order.POStatus == "Open"

    journal = JournalEntry()
    journal.Line = [_journal_line("Debit", "11", 75), _journal_line("Credit", "35", 75)]
    journal = journal.save(qb=qb)
    assert journal.Id and len(journal.Line) == 2
    assert JournalEntry.get(journal.Id, qb=qb).Line[0].Amount == 75

    unbalanced = JournalEntry()
    unbalanced.Line = [_journal_line("Debit", "11", 75), _journal_line("Credit", "35", 70)]
    with pytest.raises(QuickbooksException):
        unbalanced.save(qb=qb)

    memo = CreditMemo()
    memo.CustomerRef = ref("1")
    sale = SalesItemLine()
    sale.Amount = 100
    sale.SalesItemLineDetail = SalesItemLineDetail()
    sale.SalesItemLineDetail.ItemRef = ref("1")
    memo.Line = [sale]
    memo = memo.save(qb=qb)
    assert memo.Id and memo.TotalAmt == 100 and memo.RemainingCredit == 100
    answer = memo.delete(qb=qb)
    assert answer["CreditMemo"]["status"] == "Deleted"
    assert not CreditMemo.filter(Id=memo.Id, qb=qb)


def _journal_line(posting: str, account: str, amount: int) -> JournalEntryLine:
    line = JournalEntryLine()
    line.Amount = amount
    line.JournalEntryLineDetail = JournalEntryLineDetail()
    line.JournalEntryLineDetail.PostingType = posting
    line.JournalEntryLineDetail.AccountRef = ref(account)
    return line


def test_an_attachable_uploads_base64_without_a_filename_and_downloads_as_sent(us):
    """python-quickbooks sends the file as Intuit's example does, base64 under
    ``Content-Transfer-Encoding: base64``, and without a ``filename`` on the part."""
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 40
    target = AttachableRef()
    target.EntityRef = ref("1")
    target.EntityRef.type = "Invoice"
    upload = Attachable()
    upload.FileName = "signed-contract.pdf"
    upload.ContentType = "application/pdf"
    upload.AttachableRef = [target]
    upload._FileBytes = pdf
    made = upload.save(qb=us.qb)
    assert made.Id and made.Size == len(pdf) and made.FileName == "signed-contract.pdf"
    assert requests.get(made.TempDownloadUri, timeout=30).content == pdf
    fetched = Attachable.get(made.Id, qb=us.qb)
    assert fetched.AttachableRef[0].EntityRef.value == "1"


def test_reference_lists_preferences_and_other_documents(us):
    qb = us.qb
    prefs = Preferences.get(qb=qb)
    assert prefs.CurrencyPrefs.HomeCurrency.value == "USD"
    assert {t.Id for t in TaxCode.all(qb=qb)} >= {"TAX", "NON"}
    assert Class.all(qb=qb) and Department.all(qb=qb)
    assert [c.Id for c in Customer.choose(["1", "2"], qb=qb)] == ["1", "2"]
    for entity in (VendorCredit, BillPayment, PurchaseOrder, JournalEntry, CreditMemo):
        found = entity.all(qb=qb)
        assert found and entity.get(found[0].Id, qb=qb).Id == found[0].Id
    sheet = us.qb.get_report("BalanceSheet", {"date_macro": "This Fiscal Year"})
    assert sheet["Header"]["ReportName"] == "BalanceSheet"


def test_a_repeated_request_id_writes_once(us):
    """python-quickbooks' ``request_id`` is Intuit's ``requestid`` duplicate-request guard."""
    account = Account()
    account.Name = "SDK Idempotent"
    account.AccountType = "Expense"
    first = account.save(qb=us.qb, request_id="sdk-request-1")
    again = Account()
    again.Name = "SDK Idempotent"
    again.AccountType = "Expense"
    second = again.save(qb=us.qb, request_id="sdk-request-1")
    assert first.Id == second.Id
    assert len(Account.filter(Name="SDK Idempotent", qb=us.qb)) == 1


@pytest.fixture
def webhook_inbox():
    """A local endpoint recording each delivery's body and ``intuit-signature``."""
    received: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            received.append((body.decode(), self.headers.get("intuit-signature", "")))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/webhooks/quickbooks", received
    finally:
        server.shutdown()
        server.server_close()


def test_the_library_validates_the_sandbox_webhook_signature(quickbooks_sandbox, us, webhook_inbox):
    url, received = webhook_inbox
    quickbooks_sandbox.control.set_webhook(url)
    item = Item()
    item.Name = "SDK Webhook Item"
    item.Type = "Service"
    item.IncomeAccountRef = ref("1")
    item = item.save(qb=us.qb)
    assert quickbooks_sandbox.control.flush_webhooks()
    assert received
    token = quickbooks_sandbox.webhook_verifier_token
    for body, signature in received:
        assert us.qb.validate_webhook_signature(body, signature, token)
        assert not us.qb.validate_webhook_signature(body, signature, "another-token")
    entities = [
        (e["name"], e["id"], e["operation"])
        for body, _ in received
        for note in json.loads(body)["eventNotifications"]
        for e in note["dataChangeEvent"]["entities"]
    ]
    assert ("Item", item.Id, "Create") in entities
