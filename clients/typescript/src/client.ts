/** The hand-written layer over the generated types and `openapi-fetch`: per-model helpers,
 * cursor iteration, automatic `Idempotency-Key` on creates, retries on 429 and typed errors. */

import { randomUUID } from "node:crypto";

import createClient, { type Client, type Middleware } from "openapi-fetch";

import { LedgerlinkError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { type FetchLike, type RetryOptions, retryingFetch } from "./retry.js";
import type {
  BodyOf,
  CursorListPath,
  IdempotentPath,
  ListItem,
  ListQuery,
  Page,
  PathWith,
  QueryOf,
  ResponseOf,
} from "./types.js";

export const DEFAULT_BASE_URL = "http://127.0.0.1:8000";
export const LINKED_ACCOUNT_HEADER = "X-Linked-Account";
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const USER_AGENT = "ledgerlink-typescript/0.1.0";

/** Every POST that takes an `Idempotency-Key`. The build fails if the spec gains one that is
 * not listed here (see `_everyIdempotentPathListed`). */
export const IDEMPOTENT_PATHS = [
  "/v1/accounts",
  "/v1/attachments",
  "/v1/bank-transfers",
  "/v1/contacts",
  "/v1/credit-notes",
  "/v1/credit-notes/{record_id}/allocations",
  "/v1/expenses",
  "/v1/invoices",
  "/v1/items",
  "/v1/journal-entries",
  "/v1/payments",
  "/v1/purchase-orders",
] as const satisfies readonly IdempotentPath[];
type Missing = Exclude<IdempotentPath, (typeof IDEMPOTENT_PATHS)[number]>;
const _everyIdempotentPathListed: [Missing] extends [never] ? true : Missing = true;
void _everyIdempotentPathListed;

export interface LedgerlinkOptions extends RetryOptions {
  /** The customer's API key (`Authorization: Bearer …`). */
  apiKey: string;
  /** Default `http://127.0.0.1:8000`. */
  baseUrl?: string;
  /** The linked account calls are about (sent as `X-Linked-Account`); see `forAccount()`. */
  linkedAccount?: string;
  /** The underlying fetch (default `globalThis.fetch`). */
  fetch?: FetchLike;
}

export interface CreateOptions {
  /** Reuse a key to make a create safe to repeat: the same key and body within 24 h answer
   * the first response again; another body is refused with 409 `conflict`. Default: a new
   * random UUID per call, kept across this call's retries. */
  idempotencyKey?: string;
}

type Method = "get" | "post" | "patch" | "delete";

interface CallInit {
  path?: Record<string, string>;
  query?: object;
  body?: unknown;
  headers?: Record<string, string>;
}

function pathParams(template: string, id: string): Record<string, string> {
  const match = /\{(\w+)\}/.exec(template);
  if (!match?.[1]) throw new TypeError(`${template} takes no id`);
  return { [match[1]]: id };
}

/** `next` is a bare cursor on the record lists and a URL on the account-level lists (linked
 * accounts, webhook deliveries): the cursor either way. */
export function cursorOf(next: string | null | undefined): string | null {
  if (!next) return null;
  if (!/^https?:\/\//.test(next)) return next;
  return new URL(next).searchParams.get("cursor");
}

export class Ledgerlink {
  /** The typed `openapi-fetch` client for any operation (answers `{data, error, response}`);
   * it already sends the key, the linked account, idempotency keys and retries. */
  readonly api: Client<paths>;
  readonly linkedAccount: string | undefined;
  private readonly options: LedgerlinkOptions;

  readonly accounts;
  readonly attachments;
  readonly bankTransactions;
  readonly bankTransfers;
  readonly companyInfo;
  readonly contacts;
  readonly creditNotes;
  readonly expenses;
  readonly generalLedgerTransactions;
  readonly invoices;
  readonly items;
  readonly journalEntries;
  readonly payments;
  readonly purchaseOrders;
  readonly taxRates;
  readonly trackingCategories;
  readonly linkedAccounts;
  readonly linkTokens;
  readonly webhookEndpoints;
  readonly webhookDeliveries;
  readonly events;

  constructor(options: LedgerlinkOptions) {
    if (!options.apiKey) throw new TypeError("apiKey is required");
    this.options = options;
    this.linkedAccount = options.linkedAccount;
    const baseFetch: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
    this.api = createClient<paths>({
      baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
      fetch: retryingFetch(baseFetch, options),
      headers: { Authorization: `Bearer ${options.apiKey}`, "User-Agent": USER_AGENT },
    });
    this.api.use(this.middleware());

    this.accounts = new Collection(this, "/v1/accounts", "/v1/accounts/{record_id}");
    this.attachments = new Attachments(this);
    this.bankTransactions = new Collection(
      this,
      "/v1/bank-transactions",
      "/v1/bank-transactions/{record_id}",
    );
    this.bankTransfers = new Collection(this, "/v1/bank-transfers", "/v1/bank-transfers/{record_id}");
    this.companyInfo = new Collection(this, "/v1/company-info", "/v1/company-info/{record_id}");
    this.contacts = new Collection(this, "/v1/contacts", "/v1/contacts/{record_id}");
    this.creditNotes = new Collection(this, "/v1/credit-notes", "/v1/credit-notes/{record_id}");
    this.expenses = new Collection(this, "/v1/expenses", "/v1/expenses/{record_id}");
    this.generalLedgerTransactions = new Collection(
      this,
      "/v1/general-ledger-transactions",
      "/v1/general-ledger-transactions/{record_id}",
    );
    this.invoices = new Collection(this, "/v1/invoices", "/v1/invoices/{record_id}");
    this.items = new Collection(this, "/v1/items", "/v1/items/{record_id}");
    this.journalEntries = new Collection(this, "/v1/journal-entries", "/v1/journal-entries/{record_id}");
    this.payments = new Collection(this, "/v1/payments", "/v1/payments/{record_id}");
    this.purchaseOrders = new Collection(
      this,
      "/v1/purchase-orders",
      "/v1/purchase-orders/{record_id}",
    );
    this.taxRates = new Collection(this, "/v1/tax-rates", "/v1/tax-rates/{record_id}");
    this.trackingCategories = new Collection(
      this,
      "/v1/tracking-categories",
      "/v1/tracking-categories/{record_id}",
    );
    this.linkedAccounts = new Collection(
      this,
      "/v1/linked-accounts",
      "/v1/linked-accounts/{account_id}",
    );
    this.linkTokens = {
      /** A hosted link for an end user (send them to `url`). */
      create: (body: BodyOf<"/v1/link-tokens", "post">) =>
        this.call<ResponseOf<"/v1/link-tokens", "post">>("post", "/v1/link-tokens", { body }),
    };
    this.webhookEndpoints = new WebhookEndpoints(this);
    this.webhookDeliveries = new Collection(
      this,
      "/v1/webhook-deliveries",
      "/v1/webhook-deliveries/{delivery_id}",
    );
    this.events = new Events(this);
  }

  /** The same client, naming `linkedAccount` on every call. */
  forAccount(linkedAccount: string): Ledgerlink {
    return new Ledgerlink({ ...this.options, linkedAccount });
  }

  private middleware(): Middleware {
    const linkedAccount = this.linkedAccount;
    const idempotent = new Set<string>(IDEMPOTENT_PATHS);
    return {
      onRequest({ request, schemaPath }) {
        if (linkedAccount && !request.headers.has(LINKED_ACCOUNT_HEADER)) {
          request.headers.set(LINKED_ACCOUNT_HEADER, linkedAccount);
        }
        if (
          request.method === "POST" &&
          idempotent.has(schemaPath) &&
          !request.headers.has(IDEMPOTENCY_HEADER)
        ) {
          request.headers.set(IDEMPOTENCY_HEADER, randomUUID());
        }
        return request;
      },
    };
  }

  /** One call; the parsed body, or a thrown `LedgerlinkError`. */
  async call<T>(method: Method, path: keyof paths, init: CallInit = {}): Promise<T> {
    const fetcher = this.api[method.toUpperCase() as "GET"] as unknown as (
      path: string,
      init: object,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const { data, error, response } = await fetcher(path, {
      params: { path: init.path, query: init.query, header: init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    if (!response.ok) throw LedgerlinkError.fromResponse(response, error);
    return data as T;
  }

  /** One page of a cursor list (`query.cursor`: the previous page's `next`). */
  list<P extends CursorListPath>(path: P, query?: ListQuery<P> & { cursor?: string }): Promise<Page<P>> {
    return this.call<Page<P>>("get", path, { query });
  }

  /** Every record of a cursor list, page after page (`for await … of`). */
  async *listAll<P extends CursorListPath>(path: P, query?: ListQuery<P>): AsyncGenerator<ListItem<P>> {
    let cursor: string | null | undefined;
    do {
      const page: Page<P> = await this.list(path, {
        ...(query ?? {}),
        ...(cursor ? { cursor } : {}),
      } as ListQuery<P> & { cursor?: string });
      const { results, next } = page as { results: ListItem<P>[]; next?: string | null };
      yield* results;
      cursor = cursorOf(next);
    } while (cursor);
  }

  /** A create, with an `Idempotency-Key` (yours or a new UUID). */
  create<P extends IdempotentPath & PathWith<"post">>(
    path: P,
    body: BodyOf<P, "post">,
    options: CreateOptions & { path?: Record<string, string> } = {},
  ): Promise<ResponseOf<P, "post">> {
    return this.call<ResponseOf<P, "post">>("post", path, {
      body,
      path: options.path,
      headers: { [IDEMPOTENCY_HEADER]: options.idempotencyKey ?? randomUUID() },
    });
  }
}

/** A model's list, get, create, update and delete (only those its paths offer type-check). */
export class Collection<L extends CursorListPath, D extends PathWith<"get">> {
  constructor(
    protected readonly client: Ledgerlink,
    readonly listPath: L,
    readonly detailPath: D,
  ) {}

  /** One page (`query.cursor`: the previous page's `next`). */
  list(query?: ListQuery<L> & { cursor?: string }): Promise<Page<L>> {
    return this.client.list(this.listPath, query);
  }

  /** Every record matching `query`, following the cursors. */
  listAll(query?: ListQuery<L>): AsyncGenerator<ListItem<L>> {
    return this.client.listAll(this.listPath, query);
  }

  get(id: string, query?: QueryOf<D, "get">): Promise<ResponseOf<D, "get">> {
    return this.client.call("get", this.detailPath, {
      path: pathParams(this.detailPath, id),
      query: query as object | undefined,
    });
  }

  /** Writes to the provider, then answers the stored record. Sends an `Idempotency-Key`. */
  create(
    body: L extends IdempotentPath ? BodyOf<L, "post"> : never,
    options: CreateOptions = {},
  ): Promise<ResponseOf<L, "post">> {
    return this.client.call("post", this.listPath, {
      body,
      headers: { [IDEMPOTENCY_HEADER]: options.idempotencyKey ?? randomUUID() },
    });
  }

  update(
    id: string,
    body: D extends PathWith<"patch"> ? BodyOf<D, "patch"> : never,
  ): Promise<ResponseOf<D, "patch">> {
    return this.client.call("patch", this.detailPath, { path: pathParams(this.detailPath, id), body });
  }

  delete(id: string): Promise<D extends PathWith<"delete"> ? ResponseOf<D, "delete"> : never> {
    return this.client.call("delete", this.detailPath, { path: pathParams(this.detailPath, id) });
  }
}

class Attachments {
  constructor(private readonly client: Ledgerlink) {}

  list(query?: QueryOf<"/v1/attachments", "get">): Promise<ResponseOf<"/v1/attachments", "get">> {
    return this.client.call("get", "/v1/attachments", { query });
  }

  get(id: string): Promise<ResponseOf<"/v1/attachments/{attachment_id}", "get">> {
    return this.client.call("get", "/v1/attachments/{attachment_id}", {
      path: { attachment_id: id },
    });
  }

  create(
    body: BodyOf<"/v1/attachments", "post">,
    options: CreateOptions = {},
  ): Promise<ResponseOf<"/v1/attachments", "post">> {
    return this.client.create("/v1/attachments", body, options);
  }
}

class WebhookEndpoints {
  constructor(private readonly client: Ledgerlink) {}

  /** Answers the endpoint with its signing `secret` (shown only here). */
  create(
    body: BodyOf<"/v1/webhook-endpoints", "post">,
  ): Promise<ResponseOf<"/v1/webhook-endpoints", "post">> {
    return this.client.call("post", "/v1/webhook-endpoints", { body });
  }

  list(): Promise<ResponseOf<"/v1/webhook-endpoints", "get">> {
    return this.client.call("get", "/v1/webhook-endpoints");
  }

  get(id: string): Promise<ResponseOf<"/v1/webhook-endpoints/{endpoint_id}", "get">> {
    return this.client.call("get", "/v1/webhook-endpoints/{endpoint_id}", {
      path: { endpoint_id: id },
    });
  }

  update(
    id: string,
    body: BodyOf<"/v1/webhook-endpoints/{endpoint_id}", "patch">,
  ): Promise<ResponseOf<"/v1/webhook-endpoints/{endpoint_id}", "patch">> {
    return this.client.call("patch", "/v1/webhook-endpoints/{endpoint_id}", {
      path: { endpoint_id: id },
      body,
    });
  }

  async delete(id: string): Promise<void> {
    await this.client.call("delete", "/v1/webhook-endpoints/{endpoint_id}", {
      path: { endpoint_id: id },
    });
  }
}

type EventsQuery = NonNullable<QueryOf<"/v1/events", "get">>;
type EventItem = ResponseOf<"/v1/events", "get">["results"][number];

class Events {
  constructor(private readonly client: Ledgerlink) {}

  /** One page after sequence `query.after` (the linked account's events, in commit order). */
  list(query?: EventsQuery): Promise<ResponseOf<"/v1/events", "get">> {
    return this.client.call("get", "/v1/events", { query });
  }

  /** Every event after `query.after` (default: from the start), following `next_after`. */
  async *listAll(query: EventsQuery = {}): AsyncGenerator<EventItem> {
    let params: EventsQuery = { ...query };
    for (;;) {
      const page = await this.list(params);
      yield* page.results;
      if (!page.has_more) return;
      params = { ...params, after: page.next_after };
    }
  }
}
