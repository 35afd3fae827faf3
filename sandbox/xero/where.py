"""A small parser for Xero's ``where`` and ``order`` query parameters, compiled to SQL.

Supports ``==``/``=``, ``!=``/``<>``, ``>``, ``<``, ``>=``, ``<=``, ``AND``/``&&``,
``OR``/``||``, ``NOT``/``!``, parentheses, string/number/bool/null literals,
``DateTime(y,m,d[,h,mi,s])``, ``Guid("...")``, bare boolean fields and the string
methods ``Contains``, ``StartsWith``, ``EndsWith``, ``ToLower``, ``ToUpper``.
Errors mimic Xero's Dynamic LINQ messages (``QueryParseException``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from .xdates import EPOCH


class QueryParseError(ValueError):
    """Bad ``where``/``order``: Xero answers 400 ``QueryParseException``."""


@dataclass(frozen=True)
class Field:
    """A filterable field: its Xero path, value type and SQL expression."""

    name: str
    type: str  # str | guid | date | datetime | num | bool
    sql: str


TYPE_NAMES = {
    "str": "String",
    "guid": "Guid",
    "date": "DateTime",
    "datetime": "DateTime",
    "num": "Decimal",
    "bool": "Boolean",
    "null": "Object",
}

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<str>"(?:[^"\\]|\\.)*")
    | (?P<num>-?\d+(?:\.\d+)?)
    | (?P<op>==|!=|<>|>=|<=|&&|\|\||[=<>!(),.])
    | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
    )""",
    re.VERBOSE,
)

_OPS = {"==": "=", "=": "=", "!=": "!=", "<>": "!=", ">": ">", "<": "<", ">=": ">=", "<=": "<="}


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            if text[pos:].lstrip().startswith('"'):
                raise QueryParseError("Unterminated string literal")
            raise QueryParseError(f"Syntax error '{text[pos:].strip()[:1]}'")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    tokens.append(("end", ""))
    return tokens


@dataclass
class _Expr:
    sql: str
    params: list
    type: str
    is_field: bool = False
    label: str = ""


class _Parser:
    def __init__(self, text: str, fields: dict[str, Field], type_name: str) -> None:
        self.tokens = _tokenize(text)
        self.pos = 0
        self.fields = {k.lower(): v for k, v in fields.items()}
        self.type_name = type_name

    # -- token helpers
    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos]

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def accept(self, value: str) -> bool:
        kind, text = self.peek()
        if (kind == "op" and text == value) or (kind == "ident" and text.upper() == value):
            self.pos += 1
            return True
        return False

    def expect(self, value: str) -> None:
        if not self.accept(value):
            raise QueryParseError(f"'{value}' expected")

    # -- grammar
    def parse(self) -> _Expr:
        expr = self.or_expr()
        if self.peek()[0] != "end":
            raise QueryParseError(f"Syntax error '{self.peek()[1]}'")
        return self.boolean(expr)

    def boolean(self, expr: _Expr) -> _Expr:
        if expr.type == "bool" and expr.is_field:
            return _Expr(f"({expr.sql} = 1)", expr.params, "cond")
        if expr.type != "cond":
            raise QueryParseError("Expression of type 'Boolean' expected")
        return expr

    def or_expr(self) -> _Expr:
        left = self.and_expr()
        while self.accept("OR") or self.accept("||"):
            right = self.boolean(self.and_expr())
            left = self.boolean(left)
            left = _Expr(f"({left.sql} OR {right.sql})", left.params + right.params, "cond")
        return left

    def and_expr(self) -> _Expr:
        left = self.unary()
        while self.accept("AND") or self.accept("&&"):
            right = self.boolean(self.unary())
            left = self.boolean(left)
            left = _Expr(f"({left.sql} AND {right.sql})", left.params + right.params, "cond")
        return left

    def unary(self) -> _Expr:
        if self.accept("NOT") or self.accept("!"):
            inner = self.boolean(self.unary())
            return _Expr(f"(NOT {inner.sql})", inner.params, "cond")
        return self.comparison()

    def comparison(self) -> _Expr:
        left = self.operand()
        kind, text = self.peek()
        if kind == "op" and text in _OPS:
            self.take()
            right = self.operand()
            return self.compare(left, text, right)
        return left

    def compare(self, left: _Expr, op: str, right: _Expr) -> _Expr:
        if not left.is_field and right.is_field:
            flip = {">": "<", "<": ">", ">=": "<=", "<=": ">="}
            left, right, op = right, left, flip.get(op, op)
        sql_op = _OPS[op]
        if right.type == "null":
            if sql_op not in ("=", "!="):
                raise self.incompatible(op, left, right)
            return _Expr(
                f"({left.sql} IS {'NOT ' if sql_op == '!=' else ''}NULL)", left.params, "cond"
            )
        compatible = left.type == right.type or ({left.type, right.type} <= {"date", "datetime"})
        if not compatible:
            raise self.incompatible(op, left, right)
        if left.type == "bool" and sql_op not in ("=", "!="):
            raise self.incompatible(op, left, right)
        params = left.params + right.params
        if left.type == "str":
            return _Expr(f"({left.sql} {sql_op} {right.sql} COLLATE NOCASE)", params, "cond")
        if left.type == "datetime" and right.type == "date":
            right = _Expr("?", [_iso_to_ms(right.params[0])], "datetime")
            params = left.params + right.params
        if left.type == "date" and right.type == "datetime":
            raise self.incompatible(op, left, right)
        return _Expr(f"({left.sql} {sql_op} {right.sql})", params, "cond")

    def incompatible(self, op: str, left: _Expr, right: _Expr) -> QueryParseError:
        return QueryParseError(
            f"Operator '{op}' incompatible with operand types "
            f"'{TYPE_NAMES.get(left.type, 'Object')}' and '{TYPE_NAMES.get(right.type, 'Object')}'"
        )

    def operand(self) -> _Expr:
        kind, text = self.take()
        if kind == "op" and text == "(":
            inner = self.or_expr()
            self.expect(")")
            return inner
        if kind == "str":
            return _Expr("?", [_unquote(text)], "str")
        if kind == "num":
            return _Expr("?", [float(text) if "." in text else int(text)], "num")
        if kind == "ident":
            upper = text.upper()
            if upper in ("TRUE", "FALSE"):
                return _Expr("?", [1 if upper == "TRUE" else 0], "bool")
            if upper == "NULL":
                return _Expr("NULL", [], "null")
            if text == "DateTime" and self.peek() == ("op", "("):
                return self.datetime_literal()
            if text == "Guid" and self.peek() == ("op", "("):
                self.take()
                kind, value = self.take()
                if kind != "str":
                    raise QueryParseError("Guid literal expected")
                self.expect(")")
                from .ids import is_guid

                guid = _unquote(value)
                if not is_guid(guid):
                    raise QueryParseError(f"'{guid}' is not a valid Guid")
                return _Expr("?", [guid.lower()], "guid")
            return self.field_path(text)
        if kind == "end":
            raise QueryParseError("Expression expected")
        raise QueryParseError(f"Syntax error '{text}'")

    def datetime_literal(self) -> _Expr:
        self.expect("(")
        parts = []
        while True:
            kind, value = self.take()
            if kind != "num" or "." in value:
                raise QueryParseError("Integer literal expected")
            parts.append(int(value))
            if self.accept(")"):
                break
            self.expect(",")
        if len(parts) not in (3, 6):
            raise QueryParseError("No applicable constructor exists in type 'DateTime'")
        try:
            moment = datetime(*parts)
        except ValueError as exc:
            raise QueryParseError(
                "Year, Month, and Day parameters describe an unrepresentable DateTime."
            ) from exc
        return _Expr("?", [moment.strftime("%Y-%m-%dT%H:%M:%S")], "date")

    def field_path(self, first: str) -> _Expr:
        path = [first]
        while self.peek() == ("op", "."):
            self.take()
            kind, name = self.take()
            if kind != "ident":
                raise QueryParseError("Identifier expected")
            if self.peek() == ("op", "("):
                return self.method(".".join(path), name)
            path.append(name)
        return self.resolve(".".join(path))

    def resolve(self, dotted: str) -> _Expr:
        field = self.fields.get(dotted.lower())
        if field is None:
            last = dotted.split(".")[-1]
            raise QueryParseError(
                f"No property or field '{last}' exists in type '{self.type_name}'"
            )
        return _Expr(field.sql, [], field.type, is_field=True, label=field.name)

    def method(self, dotted: str, name: str) -> _Expr:
        target = self.resolve(dotted)
        self.expect("(")
        lname = name.lower()
        if lname in ("tolower", "toupper"):
            self.expect(")")
            if target.type != "str":
                raise QueryParseError(
                    f"No applicable method '{name}' exists in type '{TYPE_NAMES[target.type]}'"
                )
            fn = "lower" if lname == "tolower" else "upper"
            return _Expr(f"{fn}({target.sql})", target.params, "str", is_field=True)
        if lname not in ("contains", "startswith", "endswith") or target.type != "str":
            raise QueryParseError(f"No applicable method '{name}' exists in type 'String'")
        kind, value = self.take()
        if kind != "str":
            raise QueryParseError("String literal expected")
        self.expect(")")
        needle = _unquote(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = {"contains": f"%{needle}%", "startswith": f"{needle}%", "endswith": f"%{needle}"}[
            lname
        ]
        return _Expr(f"({target.sql} LIKE ? ESCAPE '\\')", [*target.params, pattern], "cond")


def _unquote(token: str) -> str:
    return re.sub(r"\\(.)", r"\1", token[1:-1])


def _iso_to_ms(text: str) -> int:
    moment = datetime.fromisoformat(text).replace(tzinfo=EPOCH.tzinfo)
    return int((moment - EPOCH).total_seconds() * 1000)


def compile_where(text: str, fields: dict[str, Field], type_name: str) -> tuple[str, list]:
    """Compile a ``where`` expression to an SQL condition and its parameters."""
    expr = _Parser(text, fields, type_name).parse()
    return expr.sql, expr.params


def compile_order(text: str, fields: dict[str, Field], type_name: str) -> str:
    """Compile ``order`` (``Field [ASC|DESC], ...``) to an SQL ORDER BY list."""
    lookup = {k.lower(): v for k, v in fields.items()}
    parts = []
    for chunk in text.split(","):
        words = chunk.split()
        if not words:
            continue
        if len(words) > 2 or (len(words) == 2 and words[1].upper() not in ("ASC", "DESC")):
            raise QueryParseError(f"Syntax error '{chunk.strip()}'")
        field = lookup.get(words[0].lower())
        if field is None:
            raise QueryParseError(
                f"No property or field '{words[0].split('.')[-1]}' exists in type '{type_name}'"
            )
        direction = words[1].upper() if len(words) == 2 else "ASC"
        parts.append(f"{field.sql} {direction}")
    if not parts:
        raise QueryParseError("Expression expected")
    return ", ".join(parts)
