"""The ``Ledgerlink`` and ``AsyncLedgerlink`` clients: the generated operations by model.

Every operation of the generated package (``ledgerlink_client.generated.api``) is reachable as
``client.<model>.<action>``, found by its operation id, so nothing here names an operation:

- ``invoices_list`` → ``client.invoices.list(...)`` (one page) and ``client.invoices.list_all()``
  (every record, following the cursors),
- ``invoices_create`` / ``_retrieve`` / ``_update`` (or ``_partial_update``) / ``_delete`` (or
  ``_destroy``) → ``create(body)``, ``retrieve(id)``, ``update(id, body)``, ``delete(id)``,
- any other operation of a model, by the rest of its id: ``invoices_summary_retrieve`` →
  ``client.invoices.summary()``, ``reports_balance_sheet_retrieve`` →
  ``client.reports.balance_sheet()``, ``webhook_deliveries_replay_create`` →
  ``client.webhook_deliveries.replay(id)``, ``linked_accounts_sync_settings_partial_update`` →
  ``client.linked_accounts.sync_settings_update(id, body)``.

What the generated functions leave to the caller is done here: the ``X-Linked-Account`` header
(the client's ``linked_account`` unless a call names another), an ``Idempotency-Key`` on every
operation that takes one (a uuid4 unless given; retries send the same one), bodies given as
plain dicts, and error answers raised as typed exceptions (``ledgerlink_client.errors``).
429 and 503 answers are retried below (``ledgerlink_client.retry``).
"""

from __future__ import annotations

import datetime
import enum
import functools
import importlib
import inspect
import json
import pkgutil
import types
import typing
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import httpx

from ledgerlink_client.errors import error_from_response
from ledgerlink_client.generated import api as _api
from ledgerlink_client.generated.client import AuthenticatedClient
from ledgerlink_client.generated.types import UNSET, Unset
from ledgerlink_client.retry import AsyncRetryTransport, RetryPolicy, RetryTransport

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
#: Operation id endings that name a standard action, and the method they become.
ACTIONS = {
    "list": "list",
    "create": "create",
    "retrieve": "retrieve",
    "partial_update": "update",
    "update": "update",
    "destroy": "delete",
    "delete": "delete",
}


# -- finding the operations ---------------------------------------------------------------------


def _split_action(name: str) -> tuple[str, str | None]:
    for ending in sorted(ACTIONS, key=len, reverse=True):
        if name.endswith("_" + ending):
            return name[: -len(ending) - 1], ending
    return name, None


def _sub_method(rest: str) -> tuple[int, str]:
    """A model's other operation (the id after the model's name) as a method: a read is named
    by what it reads (``summary_retrieve`` → ``summary``), an action by itself
    (``replay_create`` → ``replay``), a change of a part with a suffix
    (``sync_settings_partial_update`` → ``sync_settings_update``). The number orders claims on
    a name: reads first."""
    part, ending = _split_action(rest)
    if ending is None:
        return 1, rest
    action = ACTIONS[ending]
    if action in ("retrieve", "list"):
        return 0, part
    if action == "create":
        return 1, part
    return 2, f"{part}_{action}"


@functools.cache
def operations() -> dict[str, dict[str, types.ModuleType]]:
    """``{model: {method: generated module}}`` for every generated operation."""
    found: list[tuple[str, str, types.ModuleType]] = []
    for tag in sorted(m.name for m in pkgutil.iter_modules(_api.__path__)):
        package = importlib.import_module(f"{_api.__name__}.{tag}")
        for op in sorted(m.name for m in pkgutil.iter_modules(package.__path__)):
            module = importlib.import_module(f"{package.__name__}.{op}")
            found.append((tag, op.removeprefix("v1_"), module))

    models = {_split_action(name)[0] for _, name, _ in found if _split_action(name)[1] == "list"}
    claims: list[tuple[int, str, str, str, types.ModuleType]] = []
    for tag, name, module in found:
        prefix, ending = _split_action(name)
        owner = max((m for m in models if name.startswith(m + "_")), key=len, default=None)
        if ending and prefix in models:  # invoices_list, invoices_partial_update
            claims.append((0, prefix, ACTIONS[ending], name, module))
        elif owner or name.startswith(
            tag + "_"
        ):  # invoices_summary_retrieve, reports_cash_flow_retrieve
            model = owner or tag
            rank, method = _sub_method(name[len(model) + 1 :])
            claims.append((rank, model, method, name, module))
        elif ending:  # link_tokens_create, healthz_retrieve
            claims.append((0, prefix, ACTIONS[ending], name, module))
        else:
            claims.append((1, tag, name, name, module))
    table: dict[str, dict[str, types.ModuleType]] = {}
    for _, model, method, name, module in sorted(claims, key=lambda c: c[:4]):
        methods = table.setdefault(model, {})
        if method in methods:  # two operations would share a name: the later keeps its id's
            method = name[len(model) + 1 :] if name.startswith(model + "_") else name
        methods[method] = module
    return table


# -- preparing a call ---------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _members(annotation: Any) -> tuple[Any, ...]:
    return typing.get_args(annotation) if typing.get_args(annotation) else (annotation,)


@functools.cache
def _hints(function: Callable[..., Any]) -> dict[str, Any]:
    try:
        return typing.get_type_hints(function)
    except Exception:  # pragma: no cover - an annotation the generator left unresolvable
        return {}


def _coerce(annotation: Any, value: Any) -> Any:
    """Plain values for typed parameters: "contact" for an enum, "2026-01-31" for a date,
    a dict for a body model, a string id for a UUID."""
    for kind in _members(annotation):
        if not isinstance(kind, type) or isinstance(value, kind):
            continue
        if isinstance(value, Mapping) and hasattr(kind, "from_dict"):
            return kind.from_dict(json.loads(json.dumps(value, default=_jsonable)))
        if isinstance(value, str):
            if issubclass(kind, enum.Enum):
                return kind(value)
            if kind is datetime.datetime:
                return datetime.datetime.fromisoformat(value)
            if kind is datetime.date:
                return datetime.date.fromisoformat(value)
        if isinstance(value, Decimal) and kind is str:
            return str(value)
    return value


class _Calls:
    """What the sync and async clients share: the generated client and call preparation."""

    def __init__(self, generated: AuthenticatedClient, linked_account: str | None) -> None:
        self.generated = generated
        self.linked_account = str(linked_account) if linked_account else None

    def prepare(
        self, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        parameters = inspect.signature(function).parameters
        positional = [
            p for p in parameters.values() if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        ]
        if "body" in parameters and len(args) == len(positional) + 1:
            *rest, kwargs["body"] = args
            args = tuple(rest)
        for name in [n for n in kwargs if n not in parameters and f"{n}_" in parameters]:
            kwargs[f"{name}_"] = kwargs.pop(name)  # `type=` for the generated `type_`
        account = kwargs.pop("linked_account", None) or self.linked_account
        if "x_linked_account" in parameters and "x_linked_account" not in kwargs:
            if not account:
                raise ValueError(
                    f"{function.__module__.rsplit('.', 1)[-1]} is about a linked account: "
                    "pass linked_account=..., or create the client with one"
                )
            kwargs["x_linked_account"] = str(account)
        if "idempotency_key" in parameters and not kwargs.get("idempotency_key"):
            kwargs["idempotency_key"] = str(uuid.uuid4())
        hints = _hints(function)
        kwargs = {
            name: _coerce(hints[name], value) if name in hints else value
            for name, value in kwargs.items()
            if value is not None or name == "body"
        }
        args = tuple(
            _coerce(hints.get(p.name), value) if p.name in hints else value
            for p, value in zip(positional, args, strict=False)
        )
        return args, {**kwargs, "client": self.generated}


def _raise_for_error(response: httpx.Response) -> None:
    """An httpx response hook: error answers become typed exceptions before the generated
    code parses them (it expects a complete envelope; a proxy's HTML 502 is not one)."""
    if response.status_code >= 400:
        response.read()
        raise error_from_response(response.status_code, response.content, response.headers)


async def _araise_for_error(response: httpx.Response) -> None:
    if response.status_code >= 400:
        await response.aread()
        raise error_from_response(response.status_code, response.content, response.headers)


def _result(response: Any) -> Any:
    if response.status_code >= 400:  # pragma: no cover - the response hooks raise first
        raise error_from_response(response.status_code, response.content, response.headers)
    return response.parsed


def _page_items(page: Any) -> list[Any]:
    if isinstance(page, list):
        return page
    results = getattr(page, "results", UNSET)
    return [] if isinstance(results, Unset) or results is None else list(results)


def _next_page(page: Any, parameters: Mapping[str, Any]) -> dict[str, Any] | None:
    """The arguments that fetch the page after `page`, or None after the last: a `cursor`
    (``next``), or for an event stream the sequence to read `after` while ``has_more``."""
    if "cursor" in parameters:
        cursor = getattr(page, "next_", getattr(page, "next", None))
        return None if isinstance(cursor, Unset) or not cursor else {"cursor": str(cursor)}
    if "after" in parameters and getattr(page, "has_more", False) is True:
        return {"after": page.next_after}
    return None


class Model:
    """One model's operations (``client.invoices``), called synchronously."""

    def __init__(self, calls: _Calls, name: str, methods: dict[str, types.ModuleType]) -> None:
        self._calls, self._name, self._methods = calls, name, methods

    def __getattr__(self, method: str) -> Callable[..., Any]:
        module = self._methods.get(method)
        if module is None:
            raise AttributeError(f"{self._name} has no operation {method!r}")
        return functools.partial(self._call, module.sync_detailed)

    def __dir__(self) -> list[str]:
        extra = ["list_all"] if "list" in self._methods else []
        return sorted([*self._methods, *extra])

    def __repr__(self) -> str:
        return f"<{self._name}: {', '.join(self.__dir__())}>"

    def _call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        args, kwargs = self._calls.prepare(function, args, kwargs)
        return _result(function(*args, **kwargs))

    def list_all(self, **filters: Any) -> Iterator[Any]:
        """Every record matching the filters, page after page (``page_size`` sets the page);
        a list that is not paged (one record's attachments) in one call."""
        function = self._methods["list"].sync_detailed
        parameters = inspect.signature(function).parameters
        while True:
            page = self._call(function, **filters)
            yield from _page_items(page)
            following = _next_page(page, parameters)
            if following is None:
                return
            filters.update(following)


class AsyncModel(Model):
    """One model's operations, awaited (``await client.invoices.retrieve(id)``)."""

    def __getattr__(self, method: str) -> Callable[..., Any]:
        module = self._methods.get(method)
        if module is None:
            raise AttributeError(f"{self._name} has no operation {method!r}")
        return functools.partial(self._acall, module.asyncio_detailed)

    async def _acall(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        args, kwargs = self._calls.prepare(function, args, kwargs)
        return _result(await function(*args, **kwargs))

    async def list_all(self, **filters: Any) -> AsyncIterator[Any]:  # type: ignore[override]
        function = self._methods["list"].asyncio_detailed
        parameters = inspect.signature(function).parameters
        while True:
            page = await self._acall(function, **filters)
            for item in _page_items(page):
                yield item
            following = _next_page(page, parameters)
            if following is None:
                return
            filters.update(following)


class _Base:
    _model_class: type[Model] = Model

    def __init__(
        self,
        api_key: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        linked_account: str | uuid.UUID | None = None,
        timeout: float = 60.0,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.api_key, self.base_url, self.timeout = api_key, base_url.rstrip("/"), timeout
        self.retry = retry or RetryPolicy()
        self._calls = _Calls(
            AuthenticatedClient(
                base_url=self.base_url, token=api_key, timeout=httpx.Timeout(timeout)
            ),
            str(linked_account) if linked_account else None,
        )
        self._models = {
            name: self._model_class(self._calls, name, methods)
            for name, methods in operations().items()
        }

    @property
    def linked_account(self) -> str | None:
        return self._calls.linked_account

    @property
    def generated(self) -> AuthenticatedClient:
        """The generated client, for calling ``ledgerlink_client.generated.api`` directly."""
        return self._calls.generated

    def with_account(self, linked_account: str | uuid.UUID) -> typing.Self:
        """The same client (same connections) about another linked account."""
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone._calls = _Calls(self._calls.generated, str(linked_account))
        clone._models = {
            name: self._model_class(clone._calls, name, model._methods)
            for name, model in self._models.items()
        }
        return clone

    def __getattr__(self, name: str) -> Model:
        models: dict[str, Model] = self.__dict__.get("_models", {})
        if name in models:
            return models[name]
        raise AttributeError(f"Ledgerlink has no model {name!r} (models: {', '.join(models)})")

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self._models})

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"}


class Ledgerlink(_Base):
    """Synchronous client::

    client = Ledgerlink(api_key, "https://ledgerlink.example.com", linked_account=account_id)
    for invoice in client.invoices.list_all(status="OPEN"):
        print(invoice.number, invoice.balance)  # balance is a Decimal
    """

    def __init__(
        self,
        api_key: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        linked_account: str | uuid.UUID | None = None,
        timeout: float = 60.0,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        super().__init__(
            api_key, base_url, linked_account=linked_account, timeout=timeout, retry=retry
        )
        wrapped = RetryTransport(transport, self.retry, **({"sleep": sleep} if sleep else {}))
        self.generated.set_httpx_client(
            httpx.Client(
                base_url=self.base_url,
                headers=self._headers(),
                timeout=timeout,
                transport=wrapped,
                event_hooks={"response": [_raise_for_error]},
            )
        )

    def close(self) -> None:
        self.generated.get_httpx_client().close()

    def __enter__(self) -> Ledgerlink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncLedgerlink(_Base):
    """Asynchronous client::

    async with AsyncLedgerlink(api_key, url, linked_account=account_id) as client:
        async for invoice in client.invoices.list_all(status="OPEN"):
            ...
    """

    _model_class = AsyncModel

    def __init__(
        self,
        api_key: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        linked_account: str | uuid.UUID | None = None,
        timeout: float = 60.0,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Any] | None = None,
    ) -> None:
        super().__init__(
            api_key, base_url, linked_account=linked_account, timeout=timeout, retry=retry
        )
        wrapped = AsyncRetryTransport(transport, self.retry, **({"sleep": sleep} if sleep else {}))
        self.generated.set_async_httpx_client(
            httpx.AsyncClient(
                base_url=self.base_url,
                headers=self._headers(),
                timeout=timeout,
                transport=wrapped,
                event_hooks={"response": [_araise_for_error]},
            )
        )

    async def aclose(self) -> None:
        await self.generated.get_async_httpx_client().aclose()

    async def __aenter__(self) -> AsyncLedgerlink:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
