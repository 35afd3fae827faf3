"""What the sandboxes counted, per model: their control planes' counters and call logs read the
way the sync benchmark needs them (calls per endpoint or query entity, pages per model)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from connectors.specs import ResourceSpec

__all__ = [
    "batch_key",
    "path_groups",
    "qbo_api_calls",
    "qbo_model_calls",
    "qbo_pages",
    "xero_api_calls",
    "xero_path_calls",
]

_FROM = re.compile(r"\bFROM\s+(\w+)", re.IGNORECASE)
_XERO_API = "GET /api.xro/2.0/"


def xero_api_calls(counters: Mapping) -> dict[str, int]:
    """Every accounting API call the Xero sandbox counted (token calls left out)."""
    return {k: n for k, n in counters["endpoints"].items() if " /api.xro/" in k}


def xero_path_calls(counters: Mapping, path: str) -> int:
    """The Xero sandbox's GETs of one collection (``Contacts``) and of its records."""
    return sum(
        n
        for endpoint, n in counters["endpoints"].items()
        if endpoint == f"{_XERO_API}{path}" or endpoint.startswith(f"{_XERO_API}{path}/")
    )


def _paths(spec: ResourceSpec) -> set[str]:
    """The provider paths a read of ``spec`` may call (its sources and their companions)."""
    paths = set()
    for source in spec.sources:
        paths.add(source.path)
        if source.companion is not None:
            paths.add(source.companion.path)
    return paths


def path_groups(specs: Mapping[str, ResourceSpec]) -> list[tuple[list[str], set[str]]]:
    """Models whose reads share a provider path, with the paths (Xero's expenses and bank
    transactions both read ``BankTransactions``): a sandbox's per-path counts can only be
    checked against the sum of such a group's calls."""
    groups: list[tuple[list[str], set[str]]] = []
    for model, spec in specs.items():
        paths = _paths(spec)
        joined = [g for g in groups if g[1] & paths]
        for g in joined:
            groups.remove(g)
            paths |= g[1]
        groups.append(([m for g in joined for m in g[0]] + [model], paths))
    return groups


#: The QuickBooks connector's reads of the payments applying credit notes (their ``applied_to``),
#: counted with the credit notes rather than the payments.
_CREDIT_JOIN = re.compile(
    r"\bFROM\s+(Payment|BillPayment)\s+WHERE\s+(CustomerRef|VendorRef)\s*=", re.IGNORECASE
)


def batch_key(items: Iterable[str]) -> str:
    """``batch Invoice+Bill+cdc`` for a batch call's items (as the sandbox logs them)."""
    items = list(items)
    if items and all(_CREDIT_JOIN.search(item) for item in items):
        return "batch credit join"
    names = []
    for item in items:
        found = _FROM.search(item)
        names.append(found.group(1) if found else "cdc" if item.startswith("CDCQuery") else "?")
    return "batch " + "+".join(names)


def qbo_api_calls(counters: Mapping) -> dict[str, int]:
    """Every API call the QuickBooks sandbox counted, queries split by entity
    (``query CompanyInfo``, ``preferences``, ``cdc``) and batch calls by what they carried
    (``batch CompanyInfo+Preferences``, ``batch Invoice+Bill+cdc``). Its query and batch logs
    keep the last 500 each."""
    calls: Counter[str] = Counter()
    requests = counters["requests"]
    for kind, n in requests.items():
        if kind not in ("query", "batch"):
            calls[kind] += n
    for b in counters.get("batches", []):
        calls[batch_key(b["items"])] += 1
    logged = len(counters.get("batches", []))
    if logged != requests.get("batch", 0):
        calls["batch (not in the sandbox's 500-entry log)"] += requests.get("batch", 0) - logged
    for q in counters["queries"]:
        found = _FROM.search(q.get("query") or "")
        join = _CREDIT_JOIN.search(q.get("query") or "")
        calls[
            f"credit join {join.group(1)}" if join else f"query {found.group(1) if found else '?'}"
        ] += 1
    if len(counters["queries"]) != requests.get("query", 0):
        calls["query (not in the sandbox's 500-entry log)"] += requests.get("query", 0) - len(
            counters["queries"]
        )
    return dict(calls)


def qbo_pages(counters: Mapping, spec: ResourceSpec) -> int:
    """Pages of ``spec``'s own records the QuickBooks sandbox answered: queries of its parts'
    entities, alone or as batch items (companions and the deletion feed are not pages); a
    model read from a report (no query) has one page per report call."""
    entities = {s.query.entity for s in spec.sources if s.query is not None}
    if not entities:
        kind = spec.path.split("/")[0]
        return int(counters["requests"].get(kind, 0))
    pages = 0
    for q in counters["queries"]:
        found = _FROM.search(q.get("query") or "")
        pages += bool(found and found.group(1) in entities)
    for b in counters.get("batches", []):
        for item in b["items"]:
            found = _FROM.search(item)
            pages += bool(found and found.group(1) in entities)
    return pages


def qbo_model_calls(calls: Mapping[str, int], spec: ResourceSpec) -> dict[str, int]:
    """The calls of ``calls`` (``qbo_api_calls``) that read ``spec``'s model: its entities,
    its companions, its deletion feed, and the batch calls carrying them."""
    mine = {f"query {s.query.entity}" for s in spec.sources if s.query is not None}
    names = {s.query.entity for s in spec.sources if s.query is not None}
    for source in spec.sources:
        companion = source.companion
        if companion is None:
            continue
        found = _FROM.search(companion.query or companion.params.get("query", ""))
        mine.add(f"query {found.group(1)}" if found else companion.path)
        mine.add(companion.path)
        if found:
            names.add(found.group(1))
    if spec.deletions is not None:
        names.add("cdc")
    if not names:
        mine.add(spec.path.split("/")[0])

    def batch_of_mine(key: str) -> bool:
        parts = set(key.removeprefix("batch ").split("+"))
        return key.startswith("batch ") and parts <= names and bool(parts & names - {"cdc"})

    def credit_join(key: str) -> bool:
        return spec.model == "credit_note" and key.startswith(("credit join ", "batch credit join"))

    return {k: n for k, n in calls.items() if k in mine or batch_of_mine(k) or credit_join(k)}
