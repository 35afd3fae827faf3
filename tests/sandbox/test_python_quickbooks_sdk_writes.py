"""python-quickbooks, unmodified, writes the sandbox's name lists and documents: Customer and
Vendor (create, full update, deactivate), Invoice and Bill (create, update, void, delete),
Payment and BillPayment (create, update, void, delete), as Intuit's API answers them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from quickbooks.exceptions import QuickbooksException
from quickbooks.objects.base import LinkedTxn, Ref
from quickbooks.objects.bill import Bill
from quickbooks.objects.billpayment import BillPayment, BillPaymentLine, CheckPayment
from quickbooks.objects.customer import Customer
from quickbooks.objects.detailline import (
    AccountBasedExpenseLine,
    AccountBasedExpenseLineDetail,
    SalesItemLine,
    SalesItemLineDetail,
)
from quickbooks.objects.invoice import Invoice
from quickbooks.objects.payment import Payment, PaymentLine
from quickbooks.objects.vendor import Vendor

from tests.sandbox.python_quickbooks_sdk import (
    insecure_transport,  # noqa: F401 (the fixture, used by every test)
    link,
)

pytestmark = pytest.mark.usefixtures("insecure_transport")

CHECKING = "35"  # the US company's bank account
EXPENSE = "11"


def ref(value: str) -> Ref:
    made = Ref()
    made.value = value
    return made


def linked(txn_id: str, txn_type: str) -> LinkedTxn:
    txn = LinkedTxn()
    txn.TxnId = txn_id
    txn.TxnType = txn_type
    return txn


@pytest.fixture
def qb(quickbooks_sandbox):
    return link(quickbooks_sandbox, "us").qb


def _sale(amount: int, item: str = "1") -> SalesItemLine:
    """As python-quickbooks' own integration tests build it against Intuit: ``Amount`` only,
    the detail's ``Qty`` and ``UnitPrice`` left at the library's 0 (Intuit accepts that)."""
    line = SalesItemLine()
    line.Amount = amount
    line.SalesItemLineDetail = SalesItemLineDetail()
    line.SalesItemLineDetail.ItemRef = ref(item)
    return line


def _expense(amount: int, account: str = EXPENSE) -> AccountBasedExpenseLine:
    line = AccountBasedExpenseLine()
    line.Amount = amount
    line.AccountBasedExpenseLineDetail = AccountBasedExpenseLineDetail()
    line.AccountBasedExpenseLineDetail.AccountRef = ref(account)
    return line


def _open(qb, entity, contact_key: str):
    found = entity.where("Balance > '0'", order_by="Id", qb=qb)
    assert found, f"no open {entity.qbo_object_name} in the seed"
    return next(d for d in found if getattr(d, contact_key).value)


def test_customer_create_update_and_deactivate(qb):
    customer = Customer()
    customer.DisplayName = "SDK Customer Ltd"
    customer.CompanyName = "SDK Customer Ltd"
    customer = customer.save(qb=qb)
    assert customer.Id and customer.SyncToken == "0" and customer.Active is True

    customer.Notes = "Prefers email"
    customer = customer.save(qb=qb)
    assert customer.SyncToken == "1" and Customer.get(customer.Id, qb=qb).Notes == "Prefers email"

    twin = Customer()
    twin.DisplayName = "SDK Customer Ltd"
    with pytest.raises(QuickbooksException) as duplicate:
        twin.save(qb=qb)
    assert duplicate.value.error_code == 6240

    customer.Active = False  # Intuit's "delete" of a name list entry
    customer = customer.save(qb=qb)
    assert customer.Active is False
    assert customer.Id not in {c.Id for c in Customer.all(qb=qb)}


def test_vendor_create_update_and_deactivate(qb):
    vendor = Vendor()
    vendor.DisplayName = "SDK Supplies Inc"
    vendor = vendor.save(qb=qb)
    assert vendor.Id and vendor.Active is True
    stale = Vendor.get(vendor.Id, qb=qb)

    vendor.CompanyName = "SDK Supplies Incorporated"
    vendor = vendor.save(qb=qb)
    assert Vendor.get(vendor.Id, qb=qb).CompanyName == "SDK Supplies Incorporated"
    with pytest.raises(QuickbooksException) as refused:
        stale.save(qb=qb)
    assert refused.value.error_code == 5010

    vendor.Active = False
    assert vendor.save(qb=qb).Active is False


def test_invoice_create_update_void_and_delete(qb):
    invoice = Invoice()
    invoice.CustomerRef = ref("1")
    invoice.Line = [_sale(100)]
    invoice = invoice.save(qb=qb)
    assert invoice.Id and invoice.SyncToken == "0"
    assert Decimal(str(invoice.TotalAmt)) == Decimal(str(invoice.Balance)) > 0

    invoice.Line = [_sale(100), _sale(50)]
    invoice = invoice.save(qb=qb)
    assert invoice.SyncToken == "1" and Decimal(str(invoice.TotalAmt)) >= 150

    invoice.void(qb=qb)
    voided = Invoice.get(invoice.Id, qb=qb)
    assert voided.TotalAmt == 0 and voided.Balance == 0 and "Voided" in (voided.PrivateNote or "")

    answer = voided.delete(qb=qb)
    assert answer["Invoice"]["status"] == "Deleted"
    with pytest.raises(QuickbooksException) as gone:
        Invoice.get(invoice.Id, qb=qb)
    assert gone.value.error_code == 610


def test_bill_create_update_and_delete(qb):
    bill = Bill()
    bill.VendorRef = ref("1")
    bill.Line = [_expense(80)]
    bill = bill.save(qb=qb)
    assert bill.Id and bill.TotalAmt == 80 and bill.Balance == 80

    bill.Line = [_expense(80), _expense(20)]
    bill = bill.save(qb=qb)
    assert bill.SyncToken == "1" and bill.TotalAmt == 100

    answer = bill.delete(qb=qb)
    assert answer["Bill"]["status"] == "Deleted"
    assert not Bill.filter(Id=bill.Id, qb=qb)


def test_payment_create_update_void_and_delete(qb):
    invoice = _open(qb, Invoice, "CustomerRef")
    balance = Decimal(str(invoice.Balance))
    payment = Payment()
    payment.CustomerRef = ref(invoice.CustomerRef.value)
    payment.TotalAmt = float(balance)
    payment.DepositToAccountRef = ref(CHECKING)
    line = PaymentLine()
    line.Amount = float(balance)
    line.LinkedTxn = [linked(invoice.Id, "Invoice")]
    payment.Line = [line]
    payment = payment.save(qb=qb)
    assert payment.Id and Decimal(str(payment.TotalAmt)) == balance
    assert Invoice.get(invoice.Id, qb=qb).Balance == 0

    unapplied = Payment()  # no lines: all of it unapplied (a credit), as Intuit takes it
    unapplied.CustomerRef = ref(invoice.CustomerRef.value)
    unapplied.TotalAmt = 140.0
    unapplied = unapplied.save(qb=qb)
    assert unapplied.TotalAmt == 140 and unapplied.UnappliedAmt == 140

    payment.PrivateNote = "Cheque 1042"
    payment = payment.save(qb=qb)
    assert payment.SyncToken == "1" and payment.PrivateNote == "Cheque 1042"

    payment.void(qb=qb)
    voided = Payment.get(payment.Id, qb=qb)
    assert voided.TotalAmt == 0 and "Voided" in (voided.PrivateNote or "")
    assert Decimal(str(Invoice.get(invoice.Id, qb=qb).Balance)) == balance

    answer = voided.delete(qb=qb)
    assert answer["Payment"]["status"] == "Deleted"
    assert not Payment.filter(Id=payment.Id, qb=qb)


def test_bill_payment_create_void_and_delete(qb):
    bill = _open(qb, Bill, "VendorRef")
    balance = Decimal(str(bill.Balance))
    payment = BillPayment()
    payment.VendorRef = ref(bill.VendorRef.value)
    payment.PayType = "Check"
    payment.TotalAmt = float(balance)
    payment.CheckPayment = CheckPayment()
    payment.CheckPayment.BankAccountRef = ref(CHECKING)
    line = BillPaymentLine()
    line.Amount = float(balance)
    line.LinkedTxn = [linked(bill.Id, "Bill")]
    payment.Line = [line]
    payment = payment.save(qb=qb)
    assert payment.Id and Decimal(str(payment.TotalAmt)) == balance
    assert Bill.get(bill.Id, qb=qb).Balance == 0

    payment.void(qb=qb)
    voided = BillPayment.get(payment.Id, qb=qb)
    assert voided.TotalAmt == 0 and "Voided" in (voided.PrivateNote or "")
    assert Decimal(str(Bill.get(bill.Id, qb=qb).Balance)) == balance

    answer = voided.delete(qb=qb)
    assert answer["BillPayment"]["status"] == "Deleted"
    assert not BillPayment.filter(Id=payment.Id, qb=qb)
