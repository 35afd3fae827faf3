/** Types derived from the generated `paths` (by URL, so renamed components or operation ids in
 * the spec change nothing here). Money and quantities are decimal strings (`"360.00"`), as the
 * API sends them: keep them strings (or use a decimal library); never parse them to `number`. */

import type { paths } from "./generated/schema.js";

export type { components, operations, paths } from "./generated/schema.js";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
type Op<P extends keyof paths, M extends string> = paths[P] extends { [K in M]: infer O } ? O : never;
type Ok<O> = O extends { responses: { 200: infer R } }
  ? Json<R>
  : O extends { responses: { 201: infer R } }
    ? Json<R>
    : never;
type Query<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type Body<O> = O extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** GET paths answering a cursor page (`{next, previous, results}`; `next` is the next page's
 * cursor, or its URL on the account-level lists). */
export type CursorListPath = {
  [P in keyof paths]: Ok<Op<P, "get">> extends { next?: string | null; results: unknown[] }
    ? P
    : never;
}[keyof paths];

/** The first page's answer of a cursor list. */
export type Page<P extends CursorListPath> = Ok<Op<P, "get">>;
/** One record of a cursor list (`ListItem<"/v1/invoices">` is an invoice). */
export type ListItem<P extends CursorListPath> = Page<P>["results"][number];
/** A list's filters (the cursor is the iterator's job). */
export type ListQuery<P extends CursorListPath> = Omit<Query<Op<P, "get">>, "cursor">;

/** POST paths that take an `Idempotency-Key` (the creates). */
export type IdempotentPath = {
  [P in keyof paths]: Op<P, "post"> extends { parameters: { header?: infer H } }
    ? [NonNullable<H>] extends [never]
      ? never
      : "Idempotency-Key" extends keyof NonNullable<H>
        ? P
        : never
    : never;
}[keyof paths];

export type PathWith<M extends "get" | "post" | "patch" | "delete"> = {
  [P in keyof paths]: Op<P, M> extends never ? never : P;
}[keyof paths];

export type ResponseOf<P extends keyof paths, M extends "get" | "post" | "patch" | "delete"> = Ok<
  Op<P, M>
>;
export type QueryOf<P extends keyof paths, M extends "get" | "post" | "patch" | "delete"> = Query<
  Op<P, M>
>;
export type BodyOf<P extends keyof paths, M extends "post" | "patch"> = Body<Op<P, M>>;

/** The error envelope (`{"error": {...}}`). */
export type ErrorEnvelope = {
  error: { type: string; message: string; details: { field: string; message: string }[]; request_id: string };
};
