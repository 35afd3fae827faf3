/** Every error the gateway answers uses one envelope:
 * `{"error": {"type", "message", "details", "request_id"}}`. `LedgerlinkError` carries it. */

export interface ErrorDetail {
  /** Path of the field (`line_items[0].quantity`); empty when the error concerns the whole
   * request or record. */
  field: string;
  message: string;
}

export class LedgerlinkError extends Error {
  /** Stable machine-readable type: `validation_error`, `not_found`, `rate_limited`,
   * `relink_required`, `conflict`, `authentication_error`, … (`http_error` when the answer
   * was not the gateway's envelope, e.g. a proxy's HTML page). */
  readonly type: string;
  readonly details: ErrorDetail[];
  /** Quote it to support (`req_…`); empty when the answer carried none. */
  readonly requestId: string;
  /** The HTTP status. */
  readonly status: number;
  /** Seconds from `Retry-After` (429 and 503), else null. */
  readonly retryAfter: number | null;
  readonly headers: Headers;

  constructor(init: {
    type: string;
    message: string;
    details?: ErrorDetail[];
    requestId?: string;
    status: number;
    retryAfter?: number | null;
    headers?: Headers;
  }) {
    super(init.message);
    this.name = "LedgerlinkError";
    this.type = init.type;
    this.details = init.details ?? [];
    this.requestId = init.requestId ?? "";
    this.status = init.status;
    this.retryAfter = init.retryAfter ?? null;
    this.headers = init.headers ?? new Headers();
  }

  /** The error a non-2xx answer stands for (`body`: its parsed JSON, or its text). */
  static fromResponse(response: Response, body: unknown): LedgerlinkError {
    const envelope = isEnvelope(body) ? body.error : null;
    return new LedgerlinkError({
      type: envelope?.type ?? "http_error",
      message:
        envelope?.message ??
        `HTTP ${response.status}${typeof body === "string" && body ? `: ${body.slice(0, 200)}` : ""}`,
      details: envelope?.details ?? [],
      requestId: envelope?.request_id ?? response.headers.get("X-Request-Id") ?? "",
      status: response.status,
      retryAfter: retryAfterSeconds(response.headers.get("Retry-After")),
      headers: response.headers,
    });
  }
}

interface Envelope {
  error: { type: string; message: string; details?: ErrorDetail[]; request_id?: string };
}

function isEnvelope(body: unknown): body is Envelope {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { type?: unknown }).type === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date (null when absent or unreadable). */
export function retryAfterSeconds(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
