export {
  Collection,
  type CreateOptions,
  DEFAULT_BASE_URL,
  IDEMPOTENCY_HEADER,
  IDEMPOTENT_PATHS,
  LINKED_ACCOUNT_HEADER,
  Ledgerlink,
  type LedgerlinkOptions,
} from "./client.js";
export { type ErrorDetail, LedgerlinkError, retryAfterSeconds } from "./errors.js";
export { type FetchLike, type RetryOptions, retryDelayMs, retryingFetch } from "./retry.js";
export type * from "./types.js";
export {
  assertWebhookSignature,
  constructWebhookEvent,
  constructWebhookEventFromRequest,
  DEFAULT_TOLERANCE_SECONDS,
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  type HeaderSource,
  type RawBody,
  SIGNATURE_HEADER,
  SIGNATURE_VERSION,
  signWebhook,
  TIMESTAMP_HEADER,
  type VerifyOptions,
  verifyWebhookSignature,
  type WebhookEvent,
  WebhookSignatureError,
} from "./webhooks.js";
