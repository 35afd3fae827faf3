/** Verifying the gateway's webhook deliveries, exactly as it signs them
 * (`gateway/events/delivery.py`):
 *
 *     Ledgerlink-Signature: v1=<hex HMAC-SHA256(secret, "{event id}.{timestamp}.{raw body}")>
 *     Ledgerlink-Event-Id:  the event's id (the same in every retry and replay)
 *     Ledgerlink-Timestamp: Unix seconds when this attempt was signed
 *
 * The key is the endpoint's whole secret as returned at creation (`whsec_…`, prefix included),
 * UTF-8 encoded. The signature header may list several comma-separated signatures; one match
 * is enough. A timestamp further than `toleranceSeconds` (default 300) from now is refused,
 * so a captured delivery cannot be replayed later. Verify the raw bytes you received, before
 * any JSON parsing. */

import { createHmac, timingSafeEqual } from "node:crypto";

import type { paths } from "./generated/schema.js";

export const SIGNATURE_HEADER = "Ledgerlink-Signature";
export const TIMESTAMP_HEADER = "Ledgerlink-Timestamp";
export const EVENT_ID_HEADER = "Ledgerlink-Event-Id";
export const EVENT_TYPE_HEADER = "Ledgerlink-Event-Type";
export const DELIVERY_ID_HEADER = "Ledgerlink-Delivery-Id";
export const SIGNATURE_VERSION = "v1";
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A delivered event: the same shape as one of `GET /v1/events`' results. */
export type WebhookEvent =
  paths["/v1/events"]["get"]["responses"][200]["content"]["application/json"]["results"][number];

/** Node's `req.headers`, a fetch `Headers`, or a plain record. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export type RawBody = string | Uint8Array;

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookSignatureError";
  }
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") {
    return (headers as Headers).get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() === wanted) {
      return Array.isArray(value) ? value.join(",") : (value as string | undefined);
    }
  }
  return undefined;
}

function bytes(body: RawBody): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
}

/** The `Ledgerlink-Signature` value the gateway sends for this event, timestamp and body. */
export function signWebhook(
  secret: string,
  eventId: string,
  timestamp: number | string,
  body: RawBody,
): string {
  const digest = createHmac("sha256", Buffer.from(secret, "utf8"))
    .update(Buffer.from(`${eventId}.${timestamp}.`, "utf8"))
    .update(bytes(body))
    .digest("hex");
  return `${SIGNATURE_VERSION}=${digest}`;
}

export interface VerifyOptions {
  /** The endpoint's signing secret (`whsec_…`). */
  secret: string;
  /** The request's headers (`req.headers` in node:http, `request.headers` with fetch). */
  headers: HeaderSource;
  /** The raw body exactly as received. */
  body: RawBody;
  toleranceSeconds?: number;
  /** Unix seconds to judge the timestamp against (default: now). */
  now?: number;
}

/** Throws `WebhookSignatureError` (saying why) unless the delivery is signed with `secret`. */
export function assertWebhookSignature(options: VerifyOptions): void {
  const eventId = header(options.headers, EVENT_ID_HEADER);
  const timestamp = header(options.headers, TIMESTAMP_HEADER);
  const signatures = header(options.headers, SIGNATURE_HEADER);
  if (!eventId || !timestamp || !signatures) {
    throw new WebhookSignatureError(
      `Missing ${[
        [EVENT_ID_HEADER, eventId],
        [TIMESTAMP_HEADER, timestamp],
        [SIGNATURE_HEADER, signatures],
      ]
        .filter(([, value]) => !value)
        .map(([name]) => name)
        .join(", ")}`,
    );
  }
  if (!/^\d+$/.test(timestamp.trim())) {
    throw new WebhookSignatureError(`${TIMESTAMP_HEADER} is not Unix seconds`);
  }
  const ts = Number(timestamp.trim());
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - ts) > tolerance) {
    throw new WebhookSignatureError(`${TIMESTAMP_HEADER} is more than ${tolerance} s from now`);
  }
  const expected = Buffer.from(signWebhook(options.secret, eventId, ts, options.body), "utf8");
  const matched = signatures
    .split(",")
    .map((candidate) => Buffer.from(candidate.trim(), "utf8"))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  if (!matched) {
    throw new WebhookSignatureError("No signature matches the body and secret");
  }
}

/** True when the delivery is signed with `secret` and recent enough. */
export function verifyWebhookSignature(options: VerifyOptions): boolean {
  try {
    assertWebhookSignature(options);
    return true;
  } catch (error) {
    if (error instanceof WebhookSignatureError) return false;
    throw error;
  }
}

/** The verified event, parsed (throws `WebhookSignatureError` first if the signature fails). */
export function constructWebhookEvent(options: VerifyOptions): WebhookEvent {
  assertWebhookSignature(options);
  const text = typeof options.body === "string" ? options.body : Buffer.from(options.body).toString("utf8");
  return JSON.parse(text) as WebhookEvent;
}

/** For fetch-style servers (a `Request` in hand): reads the raw body, verifies, parses. */
export async function constructWebhookEventFromRequest(
  request: Request,
  secret: string,
  options: Omit<VerifyOptions, "secret" | "headers" | "body"> = {},
): Promise<WebhookEvent> {
  const body = new Uint8Array(await request.arrayBuffer());
  return constructWebhookEvent({ ...options, secret, headers: request.headers, body });
}
