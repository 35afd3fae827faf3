/** Unit tests with a fake fetch: retries on 429 honouring Retry-After, the same
 * Idempotency-Key on every retry, cursor iteration, typed errors, webhook signatures. */

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  Ledgerlink,
  LedgerlinkError,
  retryAfterSeconds,
  signWebhook,
  verifyWebhookSignature,
  constructWebhookEvent,
  constructWebhookEventFromRequest,
  WebhookSignatureError,
} from "@ledgerlink/client";

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** A fetch answering from `answers` in turn, recording each request. */
function fakeFetch(answers: (() => Response)[]) {
  const seen: Seen[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    seen.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.text(),
    });
    const next = answers.shift();
    assert.ok(next, `unexpected request ${request.method} ${request.url}`);
    return next();
  };
  return { fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });

const rateLimited = (retryAfter?: string) =>
  json(
    429,
    { error: { type: "rate_limited", message: "Slow down.", details: [], request_id: "req_429" } },
    retryAfter === undefined ? {} : { "Retry-After": retryAfter },
  );

const contactBody = { name: "Fake Fetch Ltd" } as Parameters<Ledgerlink["contacts"]["create"]>[0];

describe("retry on 429", () => {
  test("waits as Retry-After says and keeps the Idempotency-Key", async () => {
    const { fetch, seen } = fakeFetch([
      rateLimited("2"),
      rateLimited("1"),
      json(201, { id: "c-1", name: "Fake Fetch Ltd" }),
    ]);
    const waits: number[] = [];
    const client = new Ledgerlink({
      apiKey: "key",
      baseUrl: "http://gateway.test",
      linkedAccount: "acc-1",
      fetch,
      sleep: async (ms) => void waits.push(ms),
    });
    const contact = await client.contacts.create(contactBody);
    assert.equal(contact.id, "c-1");
    assert.deepEqual(waits, [2000, 1000]);
    assert.equal(seen.length, 3);
    const keys = seen.map((s) => s.headers.get("Idempotency-Key"));
    assert.match(keys[0] ?? "", /^[0-9a-f-]{36}$/);
    assert.deepEqual(new Set(keys).size, 1, "one key for every attempt");
    for (const s of seen) {
      assert.equal(s.method, "POST");
      assert.equal(s.url.pathname, "/v1/contacts");
      assert.equal(s.headers.get("Authorization"), "Bearer key");
      assert.match(s.headers.get("User-Agent") ?? "", /^ledgerlink-typescript\//);
      assert.equal(s.headers.get("X-Linked-Account"), "acc-1");
      assert.deepEqual(JSON.parse(s.body), { name: "Fake Fetch Ltd" });
    }
  });

  test("a given key is sent as it is; two creates without one get different keys", async () => {
    const { fetch, seen } = fakeFetch([
      json(201, { id: "c-1" }),
      json(201, { id: "c-2" }),
      json(201, { id: "c-3" }),
    ]);
    const client = new Ledgerlink({ apiKey: "key", linkedAccount: "acc-1", fetch });
    await client.contacts.create(contactBody, { idempotencyKey: "mine-1" });
    await client.contacts.create(contactBody);
    await client.contacts.create(contactBody);
    const keys = seen.map((s) => s.headers.get("Idempotency-Key"));
    assert.equal(keys[0], "mine-1");
    assert.notEqual(keys[1], keys[2]);
  });

  test("without Retry-After it backs off exponentially; after maxRetries the error is thrown", async () => {
    const { fetch, seen } = fakeFetch([rateLimited(), rateLimited(), rateLimited()]);
    const waits: number[] = [];
    const client = new Ledgerlink({
      apiKey: "key",
      linkedAccount: "acc-1",
      fetch,
      maxRetries: 2,
      initialBackoffMs: 100,
      sleep: async (ms) => void waits.push(ms),
    });
    const error = await client.invoices.list().then(
      () => assert.fail("no error"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof LedgerlinkError);
    assert.equal(error.status, 429);
    assert.equal(error.type, "rate_limited");
    assert.equal(error.requestId, "req_429");
    assert.deepEqual(waits, [100, 200]);
    assert.equal(seen.length, 3);
  });

  test("a Retry-After longer than maxRetryDelayMs is not waited for", async () => {
    const { fetch } = fakeFetch([rateLimited("3600")]);
    const client = new Ledgerlink({
      apiKey: "key",
      linkedAccount: "acc-1",
      fetch,
      maxRetryDelayMs: 10_000,
      sleep: async () => assert.fail("should not wait"),
    });
    const error = await client.invoices.list().catch((e: unknown) => e);
    assert.ok(error instanceof LedgerlinkError);
    assert.equal(error.retryAfter, 3600);
  });

  test("other errors are not retried and keep the envelope", async () => {
    const { fetch, seen } = fakeFetch([
      json(422, {
        error: {
          type: "validation_error",
          message: "The request has invalid fields.",
          details: [{ field: "line_items[0].quantity", message: "A valid number is required." }],
          request_id: "req_422",
        },
      }),
    ]);
    const client = new Ledgerlink({ apiKey: "key", linkedAccount: "acc-1", fetch });
    const error = await client.contacts.create(contactBody).catch((e: unknown) => e);
    assert.ok(error instanceof LedgerlinkError);
    assert.equal(error.status, 422);
    assert.equal(error.message, "The request has invalid fields.");
    assert.deepEqual(error.details, [
      { field: "line_items[0].quantity", message: "A valid number is required." },
    ]);
    assert.equal(seen.length, 1);
  });

  test("a non-envelope error body becomes http_error", async () => {
    const { fetch } = fakeFetch([() => new Response("<html>Bad gateway</html>", { status: 502 })]);
    const client = new Ledgerlink({ apiKey: "key", linkedAccount: "acc-1", fetch });
    const error = await client.invoices.get("x").catch((e: unknown) => e);
    assert.ok(error instanceof LedgerlinkError);
    assert.equal(error.type, "http_error");
    assert.equal(error.status, 502);
  });

  test("Retry-After as an HTTP date", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    assert.equal(retryAfterSeconds("Tue, 01 Dec 2026 12:00:30 GMT", now), 30);
    assert.equal(retryAfterSeconds("7", now), 7);
    assert.equal(retryAfterSeconds(null, now), null);
    assert.equal(retryAfterSeconds("soon", now), null);
  });
});

describe("cursor iteration", () => {
  test("listAll follows next (bare cursors and URLs) and passes the filters on", async () => {
    const { fetch, seen } = fakeFetch([
      json(200, { next: "c2", previous: null, last_sync_at: null, results: [{ id: "1" }, { id: "2" }] }),
      json(200, {
        next: "http://gateway.test/v1/invoices?cursor=c3&status=OPEN",
        previous: "p",
        last_sync_at: null,
        results: [{ id: "3" }],
      }),
      json(200, { next: null, previous: "p", last_sync_at: null, results: [{ id: "4" }] }),
    ]);
    const client = new Ledgerlink({ apiKey: "key", baseUrl: "http://gateway.test", fetch });
    const ids: string[] = [];
    for await (const invoice of client.forAccount("acc-9").listAll("/v1/invoices", { status: "OPEN" })) {
      ids.push(invoice.id);
    }
    assert.deepEqual(ids, ["1", "2", "3", "4"]);
    assert.deepEqual(
      seen.map((s) => [s.url.searchParams.get("status"), s.url.searchParams.get("cursor")]),
      [
        ["OPEN", null],
        ["OPEN", "c2"],
        ["OPEN", "c3"],
      ],
    );
    assert.ok(seen.every((s) => s.headers.get("X-Linked-Account") === "acc-9"));
  });
});

describe("webhook signatures", () => {
  // Computed with the gateway's own `gateway.events.delivery.signature()`.
  const secret = "whsec_test-secret-0123456789";
  const eventId = "8d7f0a52-1c1e-4f0a-9d7e-3b2c1a0f9e8d";
  const timestamp = 1764590400;
  const body =
    '{"id":"8d7f0a52-1c1e-4f0a-9d7e-3b2c1a0f9e8d","type":"invoice.created","data":{"total_amount":"360.00","name":"Café"}}';
  const expected = "v1=4b90f24e7b59ae2661935dd31119b16ac4c6761b74b2c0c28c05e5df39f5c7ea";
  const headers = {
    "ledgerlink-event-id": eventId,
    "ledgerlink-timestamp": String(timestamp),
    "ledgerlink-signature": expected,
  };

  test("the same signature as the gateway computes", () => {
    assert.equal(signWebhook(secret, eventId, timestamp, body), expected);
    assert.equal(signWebhook(secret, eventId, timestamp, Buffer.from(body)), expected);
  });

  test("verifies node headers, fetch Headers, several signatures; refuses tampering", () => {
    const now = timestamp + 10;
    assert.ok(verifyWebhookSignature({ secret, headers, body, now }));
    assert.ok(verifyWebhookSignature({ secret, headers: new Headers(headers), body: Buffer.from(body), now }));
    assert.ok(
      verifyWebhookSignature({
        secret,
        headers: { ...headers, "ledgerlink-signature": `v1=${"0".repeat(64)}, ${expected}` },
        body,
        now,
      }),
    );
    assert.equal(constructWebhookEvent({ secret, headers, body, now }).type, "invoice.created");
    assert.ok(!verifyWebhookSignature({ secret, headers, body: body.replace("360.00", "960.00"), now }));
    assert.ok(!verifyWebhookSignature({ secret: `${secret}x`, headers, body, now }));
    assert.ok(
      !verifyWebhookSignature({ secret, headers: { ...headers, "ledgerlink-event-id": "other" }, body, now }),
    );
    assert.ok(!verifyWebhookSignature({ secret, headers: { ...headers, "ledgerlink-signature": "v1=abc" }, body, now }));
    const { ["ledgerlink-signature"]: _, ...unsigned } = headers;
    assert.throws(() => constructWebhookEvent({ secret, headers: unsigned, body, now }), WebhookSignatureError);
  });

  test("a fetch Request is read raw and verified", async () => {
    const request = () => new Request("http://receiver.test/hooks", { method: "POST", headers, body });
    const event = await constructWebhookEventFromRequest(request(), secret, { now: timestamp });
    assert.equal(event.id, eventId);
    await assert.rejects(
      constructWebhookEventFromRequest(request(), "whsec_other", { now: timestamp }),
      WebhookSignatureError,
    );
  });

  test("a timestamp beyond the tolerance is refused", () => {
    assert.ok(!verifyWebhookSignature({ secret, headers, body, now: timestamp + 301 }));
    assert.ok(!verifyWebhookSignature({ secret, headers, body, now: timestamp - 301 }));
    assert.ok(verifyWebhookSignature({ secret, headers, body, now: timestamp + 301, toleranceSeconds: 600 }));
  });
});
