/**
 * Quick start with the TypeScript SDK: link an account, list its open invoices, create one.
 *
 *     export LEDGERLINK_URL=http://127.0.0.1:8000 LEDGERLINK_API_KEY=llk_...
 *     cd clients/typescript && npm ci && npm run example
 *
 * 1. Linked accounts: with none yet, a link token is made and its URL printed: open it, pick the
 *    provider, consent, then run the script again. With some, the first is used (or
 *    LEDGERLINK_ACCOUNT).
 * 2. The account's open invoices, every page (`listAll` follows the cursors). Amounts are decimal
 *    strings ("360.00"), exactly as the API sends them: never parse them to a float.
 * 3. A new invoice for the first customer, sent with an `Idempotency-Key` (the SDK makes one), so
 *    a retried request can never create it twice.
 *
 * examples/quickstart.py is the same three steps in Python.
 */

import { Ledgerlink, LedgerlinkError } from "@ledgerlink/client";

const apiKey = process.env.LEDGERLINK_API_KEY;
if (!apiKey) {
  console.error("an API key is needed: LEDGERLINK_API_KEY");
  process.exit(2);
}
const client = new Ledgerlink({ apiKey, baseUrl: process.env.LEDGERLINK_URL ?? "http://127.0.0.1:8000" });
const redirectUrl = process.env.LEDGERLINK_REDIRECT_URL ?? "http://127.0.0.1:8000/connect/demo-return";

/** Step 1: the linked account to use, or null after printing where to link one. */
async function chooseAccount(): Promise<string | null> {
  const accounts = (await client.linkedAccounts.list()).results;
  for (const account of accounts) {
    console.log(`linked: ${account.id}  ${account.provider}  ${account.tenant_name}  ${account.status}`);
  }
  if (accounts[0]) return accounts[0].id;
  const token = await client.linkTokens.create({ end_user_id: "quickstart", redirect_url: redirectUrl });
  console.log(`No linked account yet. Open this link, consent, then run again:\n  ${token.url}`);
  return null;
}

/** Step 2: every open invoice, page after page. */
async function listOpenInvoices(books: Ledgerlink): Promise<void> {
  let count = 0;
  for await (const invoice of books.invoices.listAll({ status: "OPEN,PARTIALLY_PAID", page_size: 100 })) {
    const number = (invoice.number ?? "-").padStart(12);
    console.log(`${number}  due ${invoice.due_date}  ${invoice.currency} ${invoice.balance?.padStart(10)} outstanding`);
    count++;
  }
  console.log(`${count} open invoices`);
}

/** Step 3: an invoice for the first customer (a retry with the same key replays it). */
async function createInvoice(books: Ledgerlink): Promise<void> {
  const customers = (await books.contacts.list({ is_customer: true, page_size: 1 })).results;
  const customer = customers[0] ?? (await books.contacts.list({ page_size: 1 })).results[0];
  if (!customer) throw new Error("the linked account has no contacts");
  const invoice = await books.invoices.create({
    type: "ACCOUNTS_RECEIVABLE",
    contact: customer.id,
    line_items: [{ description: "Consulting", quantity: "2", unit_price: "150.00", account_code: "200" }],
  });
  console.log(
    `created ${invoice.number ?? invoice.id}: ${invoice.total_amount} ${invoice.currency} ` +
      `for ${customer.name} (${invoice.status ?? "-"})`,
  );
}

try {
  const account = process.env.LEDGERLINK_ACCOUNT ?? (await chooseAccount());
  if (account) {
    const books = client.forAccount(account);
    await listOpenInvoices(books);
    await createInvoice(books);
  }
} catch (error) {
  if (!(error instanceof LedgerlinkError)) throw error;
  // The error envelope, typed: type, message, details (field paths), request id.
  console.error(`error: ${error.status} ${error.type}: ${error.message} (${error.requestId})`, error.details);
  process.exitCode = 1;
}
