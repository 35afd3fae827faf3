/** The SDK against a live gateway whose Xero provider is the Xero sandbox (started by
 * `tests/clients/test_typescript_sdk.py`, which passes LEDGERLINK_URL, LEDGERLINK_API_KEY and
 * LEDGERLINK_REDIRECT_URL). Without LEDGERLINK_URL these tests are skipped; the pytest driver
 * fails on any skip. The tests run in order and share the linked account. */

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";

import {
  constructWebhookEvent,
  Ledgerlink,
  LedgerlinkError,
  verifyWebhookSignature,
  type ListItem,
} from "@ledgerlink/client";

import { Browser, inputValue } from "./support/browser.js";

const baseUrl = process.env.LEDGERLINK_URL;
const apiKey = process.env.LEDGERLINK_API_KEY ?? "";
const redirectUrl = process.env.LEDGERLINK_REDIRECT_URL ?? "";
const skip = baseUrl ? false : "LEDGERLINK_URL is not set (run tests/clients/test_typescript_sdk.py)";
const DECIMAL = /^-?\d+(\.\d+)?$/;

let client: Ledgerlink;
let accountId = "";

before(() => {
  if (!skip) client = new Ledgerlink({ apiKey, baseUrl: baseUrl! });
});

async function expectError(promise: Promise<unknown>): Promise<LedgerlinkError> {
  const error = await promise.then(
    (value) => assert.fail(`expected an error, got ${JSON.stringify(value).slice(0, 200)}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof LedgerlinkError, String(error));
  return error;
}

test("an end user links the Xero demo company through a link token", { skip }, async () => {
  const token = await client.linkTokens.create({
    end_user_id: "ts-sdk-end-user",
    end_user_name: "TypeScript SDK Ltd",
    redirect_url: redirectUrl,
    providers: ["xero"],
  });
  const browser = new Browser();
  const page = await browser.request(token.url);
  assert.equal(page.status, 200, page.text.slice(0, 500));
  const started = await browser.request(`${token.url}/start`, {
    form: {
      provider: "xero",
      csrfmiddlewaretoken: inputValue(page.text, "name", "csrfmiddlewaretoken"),
    },
  });
  assert.equal(started.status, 302, started.text.slice(0, 500));
  // The sandbox's consent page: tick Demo Company (UK), allow.
  const consent = await browser.request(started.location!);
  assert.equal(consent.status, 200, consent.text.slice(0, 500));
  const allowed = await browser.request(started.location!, {
    form: { decision: "allow", tenant: inputValue(consent.text, "id", "tenant-uk") },
  });
  assert.equal(allowed.status, 302, allowed.text.slice(0, 500));
  // Back at the gateway: follow its own redirects to the result.
  let answer = await browser.request(allowed.location!);
  while (answer.status === 302 && answer.location?.startsWith(`${baseUrl}/connect/`)) {
    answer = await browser.request(answer.location);
  }
  assert.match(answer.text, /Connected/, answer.text.slice(0, 800));

  const linked = [];
  for await (const account of client.linkedAccounts.listAll({ end_user_id: "ts-sdk-end-user" })) {
    linked.push(account);
  }
  assert.equal(linked.length, 1);
  assert.equal(linked[0]!.provider, "xero");
  accountId = linked[0]!.id;
  client = client.forAccount(accountId);
  const again = await client.linkedAccounts.get(accountId);
  assert.equal(again.id, accountId);
});

/** Every model's collection: listAll with small pages gives what one big page gives. */
const MODELS = [
  "accounts",
  "bankTransactions",
  "bankTransfers",
  "companyInfo",
  "contacts",
  "creditNotes",
  "expenses",
  "generalLedgerTransactions",
  "invoices",
  "items",
  "journalEntries",
  "payments",
  "purchaseOrders",
  "taxRates",
  "trackingCategories",
] as const;

test("listAll pages through every model", { skip }, async () => {
  const counts: Record<string, number> = {};
  for (const name of MODELS) {
    const collection = client[name] as unknown as {
      list(query: object): Promise<{ results: { id: string }[]; next?: string | null }>;
      listAll(query: object): AsyncGenerator<{ id: string }>;
    };
    const whole = await collection.list({ page_size: 1000 });
    assert.equal(whole.next, null, `${name}: more than 1000 records`);
    const ids: string[] = [];
    for await (const record of collection.listAll({ page_size: 3 })) ids.push(record.id);
    assert.deepEqual(ids, whole.results.map((r) => r.id), name);
    counts[name] = ids.length;
  }
  for (const name of ["accounts", "contacts", "invoices", "payments", "taxRates"]) {
    assert.ok((counts[name] ?? 0) > 3, `${name}: several pages expected (${JSON.stringify(counts)})`);
  }

  // Filters pass through, and money stays a decimal string.
  let open = 0;
  for await (const invoice of client.invoices.listAll({ status: "OPEN", page_size: 4 })) {
    assert.equal(invoice.status, "OPEN");
    for (const amount of [invoice.total_amount, invoice.balance, invoice.amount_paid]) {
      assert.ok(amount === null || (typeof amount === "string" && DECIMAL.test(amount)), String(amount));
    }
    open++;
  }
  assert.ok(open > 0);
  // The generic form, by path.
  const byPath: ListItem<"/v1/contacts">[] = [];
  for await (const contact of client.listAll("/v1/contacts", { page_size: 5 })) byPath.push(contact);
  assert.equal(byPath.length, counts.contacts);
});

let contactId = "";

test("creates a contact and an invoice; the same Idempotency-Key replays the first answer", { skip }, async () => {
  const key = randomUUID();
  const body = { name: `SDK Customer ${key.slice(0, 8)}`, email_address: "ap@sdk-customer.test" };
  const contact = await client.contacts.create(body, { idempotencyKey: key });
  const replay = await client.contacts.create(body, { idempotencyKey: key });
  assert.equal(replay.id, contact.id);
  assert.equal((await client.contacts.get(contact.id)).name, body.name);
  const conflict = await expectError(
    client.contacts.create({ ...body, name: "Another body" }, { idempotencyKey: key }),
  );
  assert.equal(conflict.status, 409);
  assert.equal(conflict.type, "conflict");
  contactId = contact.id;

  const invoiceBody = {
    type: "ACCOUNTS_RECEIVABLE" as const,
    contact: contact.id,
    issue_date: "2026-11-01",
    due_date: "2026-11-30",
    currency: "GBP",
    tax_treatment: "EXCLUSIVE" as const,
    status: "OPEN" as const,
    line_items: [
      { description: "Consulting", quantity: "2", unit_price: "150.10", account_code: "200", tax_rate_remote_id: "OUTPUT2" },
    ],
  };
  const invoiceKey = randomUUID();
  const invoice = await client.invoices.create(invoiceBody, { idempotencyKey: invoiceKey });
  const again = await client.invoices.create(invoiceBody, { idempotencyKey: invoiceKey });
  assert.equal(again.id, invoice.id);
  assert.equal(invoice.sub_total, "300.20");
  assert.equal(invoice.contact, contact.id);
  const mine = [];
  for await (const found of client.invoices.listAll({ contact_id: contact.id })) mine.push(found.id);
  assert.deepEqual(mine, [invoice.id]);

  // Without a key of ours, every create gets its own (two invoices).
  const first = await client.invoices.create(invoiceBody);
  const second = await client.invoices.create(invoiceBody);
  assert.notEqual(first.id, second.id);
});

test("a 404 and a 422 come back as typed errors", { skip }, async () => {
  const missing = await expectError(client.invoices.get(randomUUID()));
  assert.equal(missing.status, 404);
  assert.equal(missing.type, "not_found");
  assert.match(missing.requestId, /^req_/);
  assert.ok(missing.message);

  const invalid = await expectError(
    client.invoices.create({
      type: "ACCOUNTS_RECEIVABLE",
      contact: contactId,
      line_items: [{ description: "x", account_code: "200", quantity: "1e400", unit_price: "10" }],
    }),
  );
  assert.equal(invalid.status, 422);
  assert.equal(invalid.type, "validation_error");
  assert.ok(invalid.details.some((d) => d.field === "line_items[0].quantity"), JSON.stringify(invalid.details));
  assert.match(invalid.requestId, /^req_/);
});

interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const received: Received[] = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(200).end();
  });
});
after(() => receiver.close());

async function waitFor<T>(what: string, probe: () => T | undefined, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("a real webhook delivery verifies; a tampered one does not", { skip }, async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as AddressInfo).port;
  const endpoint = await client.webhookEndpoints.create({
    url: `http://127.0.0.1:${port}/hooks/ledgerlink`,
    event_types: ["contact.created"],
  });
  assert.match(endpoint.secret, /^whsec_/);

  const contact = await client.contacts.create({ name: `Webhook Contact ${randomUUID().slice(0, 8)}` });
  const delivery = await waitFor("the contact.created delivery", () =>
    received.find((r) => r.body.includes(contact.id)),
  );
  const event = constructWebhookEvent({
    secret: endpoint.secret,
    headers: delivery.headers,
    body: delivery.body,
  });
  assert.equal(event.type, "contact.created");
  assert.equal(event.linked_account_id, accountId);
  assert.equal((event.data as { id: string }).id, contact.id);
  assert.equal(delivery.headers["ledgerlink-event-id"], event.id);

  const tampered = Buffer.from(delivery.body.toString("utf8").replace(contact.id, randomUUID()));
  assert.ok(!verifyWebhookSignature({ secret: endpoint.secret, headers: delivery.headers, body: tampered }));
  assert.ok(
    !verifyWebhookSignature({ secret: `${endpoint.secret}x`, headers: delivery.headers, body: delivery.body }),
  );
  const stale = Number(delivery.headers["ledgerlink-timestamp"]) + 301;
  assert.ok(
    !verifyWebhookSignature({ secret: endpoint.secret, headers: delivery.headers, body: delivery.body, now: stale }),
  );

  await client.webhookEndpoints.delete(endpoint.id);
  const gone = await expectError(client.webhookEndpoints.get(endpoint.id));
  assert.equal(gone.status, 404);
});
