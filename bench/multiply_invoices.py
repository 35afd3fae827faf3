"""Grow a bench database's invoices inside PostgreSQL: copies of the invoices the store wrote.

Seeding 1,000,000 invoices through `upsert_records` takes about 24 minutes on 2 cores. This
seeds the first `base` through the real store, then makes each further invoice `m` as a copy
of stored invoice `m % base` with what must be its own rewritten: its remote id (`i%07d`, in
the document, its line items and its provider payload), its number (`INV-%07d`, in the
document, the `number` column and the `search` text), its public id (the same uuid5 of the
linked account and `invoice:<remote id>` the store derives, in the id column and the
document) and its content hash (md5 of the new document: only a sync's change detection reads
it). Everything else (status, amounts, dates, contact, currency) is the source's, so the
filters select the same shares. The secondary indexes are dropped for the copy and rebuilt
after it (each one as its definition in `pg_indexes` says), then the table is analysed.

Documents are new values, so they are compressed with the column's TOAST compression.
"""

from __future__ import annotations

import time

import psycopg

TABLE = "records_record"

_COPY = """
INSERT INTO records_record (
    id, linked_account_id, model, remote_id, document, remote_data, content_hash,
    type, status, contact_id, issue_date, due_date, total_amount, balance, currency,
    number, name, is_customer, is_supplier, search, remote_updated_at, remote_was_deleted,
    created_at, modified_at)
SELECT x.id, r.linked_account_id, r.model, x.rid,
    x.document, x.remote_data, md5(x.document || coalesce(x.remote_data, '')),
    r.type, r.status, r.contact_id, r.issue_date, r.due_date, r.total_amount, r.balance,
    r.currency, 'INV-' || x.m7, r.name, r.is_customer, r.is_supplier,
    'inv-' || x.m7 || substr(r.search, 12), r.remote_updated_at, r.remote_was_deleted,
    r.created_at, r.modified_at
FROM records_record r
CROSS JOIN LATERAL (SELECT substr(r.remote_id, 2)::int AS n) s
CROSS JOIN LATERAL (
    SELECT lpad((s.n + k * %(base)s)::text, 7, '0') AS m7, k
    FROM generate_series(1, %(copies)s) AS k
    WHERE s.n + k * %(base)s < %(total)s
) c
CROSS JOIN LATERAL (SELECT 'i' || c.m7 AS rid) i
CROSS JOIN LATERAL (
    SELECT uuid_generate_v5(r.linked_account_id, 'invoice:' || i.rid) AS id
) u
CROSS JOIN LATERAL (
    SELECT u.id, i.rid, c.m7,
        replace(replace(replace(r.document, r.id::text, u.id::text),
            '"' || r.remote_id, '"' || i.rid), '"INV-' || substr(r.remote_id, 2), '"INV-' || c.m7)
            AS document,
        replace(r.remote_data, '"' || r.remote_id, '"' || i.rid) AS remote_data
) x
WHERE r.linked_account_id = %(account)s AND r.model = 'invoice' AND s.n < %(base)s
ORDER BY c.k, r.seq
"""


def multiply(dsn: str, account_id: str, base: int, total: int) -> float:
    """Grow the account's invoices from `base` (stored, remote ids i0000000…) to `total`.
    Returns the seconds it took."""
    started = time.perf_counter()
    copies = -(-total // base) - 1
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"')
        conn.execute("SET maintenance_work_mem = '256MB'")
        indexes = conn.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid "
            "WHERE i.tablename = %s AND NOT x.indisunique",
            (TABLE,),
        ).fetchall()
        with conn.transaction():
            conn.execute("SET CONSTRAINTS ALL IMMEDIATE")  # Django's foreign keys are deferred
            for name, _ in indexes:
                conn.execute(f'DROP INDEX "{name}"')
            conn.execute(
                _COPY, {"base": base, "copies": copies, "total": total, "account": account_id}
            )
            for _, definition in indexes:
                conn.execute(definition)
        conn.execute(f"VACUUM ANALYZE {TABLE}")
    return time.perf_counter() - started


def recompress(dsn: str, method: str) -> None:
    """Store the documents and payloads compressed with `method` (pglz or lz4) from now on,
    and rewrite the stored ones so they are (a rewritten value is compressed anew)."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        for column in ("document", "remote_data"):
            conn.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET COMPRESSION {method}")
        conn.execute(
            f"UPDATE {TABLE} SET document = document || '', remote_data = remote_data || ''"
        )
        conn.execute(f"VACUUM ANALYZE {TABLE}")


def storage(dsn: str, account_id: str) -> str:
    """How the first page's documents are stored: size, stored size, compression."""
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT avg(octet_length(document)), avg(pg_column_size(document)), "
            "string_agg(DISTINCT coalesce(pg_column_compression(document), 'none'), ',') "
            "FROM (SELECT document FROM records_record WHERE linked_account_id = %s "
            "AND model = 'invoice' ORDER BY seq LIMIT 100) p",
            (account_id,),
        ).fetchone()
        default = conn.execute("SHOW default_toast_compression").fetchone()[0]
    return (
        f"first page's documents: {rows[0]:.0f} bytes, stored {rows[1]:.0f} bytes, "
        f"compression {rows[2]}; default_toast_compression {default}"
    )
