/**
 * Quick start with the TypeScript SDK (`clients/typescript`, package `@ledgerlink/client`):
 * 1. find a linked account (or create a link for your end user),
 * 2. list its open invoices,
 * 3. create an invoice.
 *
 *     export LEDGERLINK_URL=http://127.0.0.1:8000 LEDGERLINK_API_KEY=llk_...
 *     cd clients/typescript && npm ci && npm run example
 *
 * Amounts are decimal strings ("360.00"), exactly as the API sends them: print them, compare
 * them, or hand them to a decimal library, but never parse them to a float.
 */

import { Ledgerlink, LedgerlinkError } from "@ledgerlink/client";

const client = new Ledgerlink({
  apiKey: process.env.LEDGERLINK_API_KEY ?? "",
  baseUrl: process.env.LEDGERLINK_URL ?? "http://127.0.0.1:8000",
});

// 1. The accounting systems your end users linked (or a link for one to do so).
const linked = await client.linkedAccounts.list({ status: "active" });
const account = linked.results[0];
if (!account) {
  const link = await client.linkTokens.create({
    end_user_id: "org_42",
    redirect_url: process.env.LEDGERLINK_REDIRECT_URL ?? "http://127.0.0.1:8000/connect/demo-return",
  });
  console.log(`No linked account yet: open ${link.url} to link one, then run this again.`);
  process.exit(0);
}
console.log(`Linked account ${account.id}: ${account.tenant_name} (${account.provider})`);
const books = client.forAccount(account.id);

// 2. Open invoices, every page (the iterator follows the cursors).
let shown = 0;
for await (const invoice of books.invoices.listAll({ status: "OPEN", order_by: "due_date" })) {
  if (shown++ < 5) {
    console.log(`  ${invoice.number ?? "(no number)"}  due ${invoice.due_date}  ${invoice.balance} ${invoice.currency}`);
  }
}
console.log(`${shown} open invoices`);

// 3. An invoice for the first contact. The SDK sends an Idempotency-Key, so a retried create
//    (after a 429 or a dropped connection) is written once; pass your own key to make the
//    whole call safe to repeat.
const contact = (await books.contacts.list({ page_size: 1 })).results[0];
if (!contact) throw new Error("The linked account has no contacts");
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
try {
  const invoice = await books.invoices.create({
    type: "ACCOUNTS_RECEIVABLE",
    contact: contact.id,
    issue_date: day(0),
    due_date: day(30),
    status: "OPEN",
    line_items: [{ description: "Consulting", quantity: "2", unit_price: "150.00", account_code: "200" }],
  });
  console.log(`Created invoice ${invoice.number} for ${contact.name}: ${invoice.total_amount} ${invoice.currency}`);
} catch (error) {
  if (error instanceof LedgerlinkError) {
    // The error envelope, typed: type, message, details (field paths), request id.
    console.error(`${error.status} ${error.type}: ${error.message} (${error.requestId})`, error.details);
  }
  throw error;
}
