"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .account_classification import AccountClassification
from .account_input import AccountInput
from .account_page import AccountPage
from .account_remote_data_type_0 import AccountRemoteDataType0
from .account_status import AccountStatus
from .account_type import AccountType
from .account_update import AccountUpdate
from .accounts_list_expand import AccountsListExpand
from .accounts_list_order_by import AccountsListOrderBy
from .accounts_retrieve_expand import AccountsRetrieveExpand
from .address import Address
from .address_type import AddressType
from .attachment import Attachment
from .attachment_list import AttachmentList
from .attachment_rules import AttachmentRules
from .attachment_upload import AttachmentUpload
from .bank_transaction import BankTransaction
from .bank_transaction_page import BankTransactionPage
from .bank_transaction_remote_data_type_0 import BankTransactionRemoteDataType0
from .bank_transaction_status import BankTransactionStatus
from .bank_transaction_type import BankTransactionType
from .bank_transactions_list_expand import BankTransactionsListExpand
from .bank_transactions_list_order_by import BankTransactionsListOrderBy
from .bank_transactions_retrieve_expand import BankTransactionsRetrieveExpand
from .bank_transfer import BankTransfer
from .bank_transfer_input import BankTransferInput
from .bank_transfer_page import BankTransferPage
from .bank_transfer_remote_data_type_0 import BankTransferRemoteDataType0
from .bank_transfers_list_expand import BankTransfersListExpand
from .bank_transfers_list_order_by import BankTransfersListOrderBy
from .bank_transfers_retrieve_expand import BankTransfersRetrieveExpand
from .company_info import CompanyInfo
from .company_info_page import CompanyInfoPage
from .company_info_remote_data_type_0 import CompanyInfoRemoteDataType0
from .contact import Contact
from .contact_input import ContactInput
from .contact_outstanding import ContactOutstanding
from .contact_page import ContactPage
from .contact_remote_data_type_0 import ContactRemoteDataType0
from .contact_status import ContactStatus
from .contact_update import ContactUpdate
from .contacts_list_order_by import ContactsListOrderBy
from .credit_note import CreditNote
from .credit_note_allocation import CreditNoteAllocation
from .credit_note_allocation_input import CreditNoteAllocationInput
from .credit_note_input import CreditNoteInput
from .credit_note_page import CreditNotePage
from .credit_note_refund import CreditNoteRefund
from .credit_note_remote_data_type_0 import CreditNoteRemoteDataType0
from .credit_note_status import CreditNoteStatus
from .credit_note_update import CreditNoteUpdate
from .credit_notes_list_expand import CreditNotesListExpand
from .credit_notes_list_order_by import CreditNotesListOrderBy
from .credit_notes_retrieve_expand import CreditNotesRetrieveExpand
from .error import Error
from .error_detail import ErrorDetail
from .error_envelope import ErrorEnvelope
from .event import Event
from .event_page import EventPage
from .event_type import EventType
from .expense import Expense
from .expense_input import ExpenseInput
from .expense_page import ExpensePage
from .expense_remote_data_type_0 import ExpenseRemoteDataType0
from .expenses_list_expand import ExpensesListExpand
from .expenses_list_order_by import ExpensesListOrderBy
from .expenses_retrieve_expand import ExpensesRetrieveExpand
from .general_ledger_transaction import GeneralLedgerTransaction
from .general_ledger_transaction_page import GeneralLedgerTransactionPage
from .general_ledger_transaction_remote_data_type_0 import GeneralLedgerTransactionRemoteDataType0
from .general_ledger_transactions_list_expand import GeneralLedgerTransactionsListExpand
from .general_ledger_transactions_retrieve_expand import GeneralLedgerTransactionsRetrieveExpand
from .health import Health
from .health_check import HealthCheck
from .health_checks import HealthChecks
from .health_status import HealthStatus
from .invoice import Invoice
from .invoice_input import InvoiceInput
from .invoice_line_item import InvoiceLineItem
from .invoice_line_item_input import InvoiceLineItemInput
from .invoice_page import InvoicePage
from .invoice_remote_data_type_0 import InvoiceRemoteDataType0
from .invoice_status import InvoiceStatus
from .invoice_summary import InvoiceSummary
from .invoice_type import InvoiceType
from .invoice_update import InvoiceUpdate
from .invoices_list_expand import InvoicesListExpand
from .invoices_list_order_by import InvoicesListOrderBy
from .invoices_retrieve_expand import InvoicesRetrieveExpand
from .invoices_summary_retrieve_group_by import InvoicesSummaryRetrieveGroupBy
from .item import Item
from .item_input import ItemInput
from .item_page import ItemPage
from .item_remote_data_type_0 import ItemRemoteDataType0
from .item_status import ItemStatus
from .item_type import ItemType
from .item_update import ItemUpdate
from .items_list_expand import ItemsListExpand
from .items_list_order_by import ItemsListOrderBy
from .items_retrieve_expand import ItemsRetrieveExpand
from .journal_entries_list_expand import JournalEntriesListExpand
from .journal_entries_list_order_by import JournalEntriesListOrderBy
from .journal_entries_retrieve_expand import JournalEntriesRetrieveExpand
from .journal_entry import JournalEntry
from .journal_entry_input import JournalEntryInput
from .journal_entry_page import JournalEntryPage
from .journal_entry_remote_data_type_0 import JournalEntryRemoteDataType0
from .journal_entry_status import JournalEntryStatus
from .journal_entry_update import JournalEntryUpdate
from .journal_line import JournalLine
from .journal_line_input import JournalLineInput
from .ledger_source_type import LedgerSourceType
from .limits import Limits
from .link_token import LinkToken
from .link_token_request import LinkTokenRequest
from .linked_account import LinkedAccount
from .linked_account_page import LinkedAccountPage
from .linked_account_status import LinkedAccountStatus
from .linked_accounts_list_status import LinkedAccountsListStatus
from .model_sync_status import ModelSyncStatus
from .model_sync_status_state import ModelSyncStatusState
from .outstanding_by_contact import OutstandingByContact
from .passthrough_method import PassthroughMethod
from .passthrough_request import PassthroughRequest
from .passthrough_request_headers import PassthroughRequestHeaders
from .passthrough_request_query import PassthroughRequestQuery
from .passthrough_response import PassthroughResponse
from .passthrough_response_headers import PassthroughResponseHeaders
from .payment import Payment
from .payment_application import PaymentApplication
from .payment_application_input import PaymentApplicationInput
from .payment_input import PaymentInput
from .payment_method import PaymentMethod
from .payment_page import PaymentPage
from .payment_remote_data_type_0 import PaymentRemoteDataType0
from .payment_status import PaymentStatus
from .payment_type import PaymentType
from .payments_list_expand import PaymentsListExpand
from .payments_list_order_by import PaymentsListOrderBy
from .payments_retrieve_expand import PaymentsRetrieveExpand
from .phone_number import PhoneNumber
from .phone_number_type import PhoneNumberType
from .provider import Provider
from .provider_actions import ProviderActions
from .provider_list import ProviderList
from .provider_models import ProviderModels
from .purchase_order import PurchaseOrder
from .purchase_order_input import PurchaseOrderInput
from .purchase_order_page import PurchaseOrderPage
from .purchase_order_remote_data_type_0 import PurchaseOrderRemoteDataType0
from .purchase_order_status import PurchaseOrderStatus
from .purchase_order_update import PurchaseOrderUpdate
from .purchase_orders_list_expand import PurchaseOrdersListExpand
from .purchase_orders_list_order_by import PurchaseOrdersListOrderBy
from .purchase_orders_retrieve_expand import PurchaseOrdersRetrieveExpand
from .related_object_type import RelatedObjectType
from .relink_token_request import RelinkTokenRequest
from .report import Report
from .report_answer import ReportAnswer
from .report_answer_remote_data_type_0 import ReportAnswerRemoteDataType0
from .report_basis import ReportBasis
from .report_column import ReportColumn
from .report_column_kind import ReportColumnKind
from .report_offer import ReportOffer
from .report_remote_data_type_0 import ReportRemoteDataType0
from .report_row import ReportRow
from .report_row_kind import ReportRowKind
from .report_rules import ReportRules
from .report_snapshot import ReportSnapshot
from .report_snapshot_list import ReportSnapshotList
from .report_timeframe import ReportTimeframe
from .report_type import ReportType
from .reports_balance_sheet_retrieve_basis import ReportsBalanceSheetRetrieveBasis
from .reports_balance_sheet_retrieve_timeframe import ReportsBalanceSheetRetrieveTimeframe
from .reports_cash_flow_retrieve_basis import ReportsCashFlowRetrieveBasis
from .reports_cash_flow_retrieve_timeframe import ReportsCashFlowRetrieveTimeframe
from .reports_profit_and_loss_retrieve_basis import ReportsProfitAndLossRetrieveBasis
from .reports_profit_and_loss_retrieve_timeframe import ReportsProfitAndLossRetrieveTimeframe
from .reports_snapshots_list_type import ReportsSnapshotsListType
from .reports_trial_balance_retrieve_basis import ReportsTrialBalanceRetrieveBasis
from .reports_trial_balance_retrieve_timeframe import ReportsTrialBalanceRetrieveTimeframe
from .summary_group import SummaryGroup
from .sync_mode import SyncMode
from .sync_request import SyncRequest
from .sync_run import SyncRun
from .sync_run_status import SyncRunStatus
from .sync_settings import SyncSettings
from .sync_settings_update import SyncSettingsUpdate
from .sync_status import SyncStatus
from .sync_status_state import SyncStatusState
from .sync_trigger import SyncTrigger
from .tax_rate import TaxRate
from .tax_rate_applies_to import TaxRateAppliesTo
from .tax_rate_component import TaxRateComponent
from .tax_rate_page import TaxRatePage
from .tax_rate_remote_data_type_0 import TaxRateRemoteDataType0
from .tax_rate_status import TaxRateStatus
from .tax_rates_list_status import TaxRatesListStatus
from .tax_treatment import TaxTreatment
from .tracking_categories_list_status import TrackingCategoriesListStatus
from .tracking_category import TrackingCategory
from .tracking_category_option import TrackingCategoryOption
from .tracking_category_page import TrackingCategoryPage
from .tracking_category_ref import TrackingCategoryRef
from .tracking_category_remote_data_type_0 import TrackingCategoryRemoteDataType0
from .tracking_category_status import TrackingCategoryStatus
from .webhook_deliveries_list_status import WebhookDeliveriesListStatus
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_page import WebhookDeliveryPage
from .webhook_delivery_status import WebhookDeliveryStatus
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_created import WebhookEndpointCreated
from .webhook_endpoint_input import WebhookEndpointInput
from .webhook_endpoint_update import WebhookEndpointUpdate
from .webhook_endpoint_updated import WebhookEndpointUpdated
from .window import Window

__all__ = (
    "Account",
    "AccountClassification",
    "AccountInput",
    "AccountPage",
    "AccountRemoteDataType0",
    "AccountsListExpand",
    "AccountsListOrderBy",
    "AccountsRetrieveExpand",
    "AccountStatus",
    "AccountType",
    "AccountUpdate",
    "Address",
    "AddressType",
    "Attachment",
    "AttachmentList",
    "AttachmentRules",
    "AttachmentUpload",
    "BankTransaction",
    "BankTransactionPage",
    "BankTransactionRemoteDataType0",
    "BankTransactionsListExpand",
    "BankTransactionsListOrderBy",
    "BankTransactionsRetrieveExpand",
    "BankTransactionStatus",
    "BankTransactionType",
    "BankTransfer",
    "BankTransferInput",
    "BankTransferPage",
    "BankTransferRemoteDataType0",
    "BankTransfersListExpand",
    "BankTransfersListOrderBy",
    "BankTransfersRetrieveExpand",
    "CompanyInfo",
    "CompanyInfoPage",
    "CompanyInfoRemoteDataType0",
    "Contact",
    "ContactInput",
    "ContactOutstanding",
    "ContactPage",
    "ContactRemoteDataType0",
    "ContactsListOrderBy",
    "ContactStatus",
    "ContactUpdate",
    "CreditNote",
    "CreditNoteAllocation",
    "CreditNoteAllocationInput",
    "CreditNoteInput",
    "CreditNotePage",
    "CreditNoteRefund",
    "CreditNoteRemoteDataType0",
    "CreditNotesListExpand",
    "CreditNotesListOrderBy",
    "CreditNotesRetrieveExpand",
    "CreditNoteStatus",
    "CreditNoteUpdate",
    "Error",
    "ErrorDetail",
    "ErrorEnvelope",
    "Event",
    "EventPage",
    "EventType",
    "Expense",
    "ExpenseInput",
    "ExpensePage",
    "ExpenseRemoteDataType0",
    "ExpensesListExpand",
    "ExpensesListOrderBy",
    "ExpensesRetrieveExpand",
    "GeneralLedgerTransaction",
    "GeneralLedgerTransactionPage",
    "GeneralLedgerTransactionRemoteDataType0",
    "GeneralLedgerTransactionsListExpand",
    "GeneralLedgerTransactionsRetrieveExpand",
    "Health",
    "HealthCheck",
    "HealthChecks",
    "HealthStatus",
    "Invoice",
    "InvoiceInput",
    "InvoiceLineItem",
    "InvoiceLineItemInput",
    "InvoicePage",
    "InvoiceRemoteDataType0",
    "InvoicesListExpand",
    "InvoicesListOrderBy",
    "InvoicesRetrieveExpand",
    "InvoicesSummaryRetrieveGroupBy",
    "InvoiceStatus",
    "InvoiceSummary",
    "InvoiceType",
    "InvoiceUpdate",
    "Item",
    "ItemInput",
    "ItemPage",
    "ItemRemoteDataType0",
    "ItemsListExpand",
    "ItemsListOrderBy",
    "ItemsRetrieveExpand",
    "ItemStatus",
    "ItemType",
    "ItemUpdate",
    "JournalEntriesListExpand",
    "JournalEntriesListOrderBy",
    "JournalEntriesRetrieveExpand",
    "JournalEntry",
    "JournalEntryInput",
    "JournalEntryPage",
    "JournalEntryRemoteDataType0",
    "JournalEntryStatus",
    "JournalEntryUpdate",
    "JournalLine",
    "JournalLineInput",
    "LedgerSourceType",
    "Limits",
    "LinkedAccount",
    "LinkedAccountPage",
    "LinkedAccountsListStatus",
    "LinkedAccountStatus",
    "LinkToken",
    "LinkTokenRequest",
    "ModelSyncStatus",
    "ModelSyncStatusState",
    "OutstandingByContact",
    "PassthroughMethod",
    "PassthroughRequest",
    "PassthroughRequestHeaders",
    "PassthroughRequestQuery",
    "PassthroughResponse",
    "PassthroughResponseHeaders",
    "Payment",
    "PaymentApplication",
    "PaymentApplicationInput",
    "PaymentInput",
    "PaymentMethod",
    "PaymentPage",
    "PaymentRemoteDataType0",
    "PaymentsListExpand",
    "PaymentsListOrderBy",
    "PaymentsRetrieveExpand",
    "PaymentStatus",
    "PaymentType",
    "PhoneNumber",
    "PhoneNumberType",
    "Provider",
    "ProviderActions",
    "ProviderList",
    "ProviderModels",
    "PurchaseOrder",
    "PurchaseOrderInput",
    "PurchaseOrderPage",
    "PurchaseOrderRemoteDataType0",
    "PurchaseOrdersListExpand",
    "PurchaseOrdersListOrderBy",
    "PurchaseOrdersRetrieveExpand",
    "PurchaseOrderStatus",
    "PurchaseOrderUpdate",
    "RelatedObjectType",
    "RelinkTokenRequest",
    "Report",
    "ReportAnswer",
    "ReportAnswerRemoteDataType0",
    "ReportBasis",
    "ReportColumn",
    "ReportColumnKind",
    "ReportOffer",
    "ReportRemoteDataType0",
    "ReportRow",
    "ReportRowKind",
    "ReportRules",
    "ReportsBalanceSheetRetrieveBasis",
    "ReportsBalanceSheetRetrieveTimeframe",
    "ReportsCashFlowRetrieveBasis",
    "ReportsCashFlowRetrieveTimeframe",
    "ReportSnapshot",
    "ReportSnapshotList",
    "ReportsProfitAndLossRetrieveBasis",
    "ReportsProfitAndLossRetrieveTimeframe",
    "ReportsSnapshotsListType",
    "ReportsTrialBalanceRetrieveBasis",
    "ReportsTrialBalanceRetrieveTimeframe",
    "ReportTimeframe",
    "ReportType",
    "SummaryGroup",
    "SyncMode",
    "SyncRequest",
    "SyncRun",
    "SyncRunStatus",
    "SyncSettings",
    "SyncSettingsUpdate",
    "SyncStatus",
    "SyncStatusState",
    "SyncTrigger",
    "TaxRate",
    "TaxRateAppliesTo",
    "TaxRateComponent",
    "TaxRatePage",
    "TaxRateRemoteDataType0",
    "TaxRatesListStatus",
    "TaxRateStatus",
    "TaxTreatment",
    "TrackingCategoriesListStatus",
    "TrackingCategory",
    "TrackingCategoryOption",
    "TrackingCategoryPage",
    "TrackingCategoryRef",
    "TrackingCategoryRemoteDataType0",
    "TrackingCategoryStatus",
    "WebhookDeliveriesListStatus",
    "WebhookDelivery",
    "WebhookDeliveryPage",
    "WebhookDeliveryStatus",
    "WebhookEndpoint",
    "WebhookEndpointCreated",
    "WebhookEndpointInput",
    "WebhookEndpointUpdate",
    "WebhookEndpointUpdated",
    "Window",
)
