"""Field types every kind of bcalc document shares: written amounts with their
precision, years, names and texts of bounded length, and the strict base model that
refuses unknown keys. No I/O."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    WithJsonSchema,
)

from bcalc.numbers import Amount, format_danish, parse_danish, parse_plain, quantum_of
from bcalc.units import parse_unit


class PlainNumber(str):
    """Source text of an unquoted YAML number; the loader passes it on unconverted
    so that ``2.60`` keeps its two decimals."""


# Case files repeat the same few hundred figures ("2,6", "0,5"): each text is parsed
# once, which halves validation time on a large folder. Amounts are immutable values,
# so sharing one between figures is safe.
_parse_plain_text = functools.lru_cache(maxsize=1 << 16)(parse_plain)
_parse_danish_text = functools.lru_cache(maxsize=1 << 16)(parse_danish)


def to_amount(raw: Any) -> Amount:
    if isinstance(raw, Amount):
        return raw
    if isinstance(raw, bool):  # YAML 1.1 reads yes/no/on/off as booleans
        raise ValueError("expected an amount, got a yes/no value")
    if isinstance(raw, PlainNumber):
        return _parse_plain_text(str(raw))
    if isinstance(raw, str):
        return _parse_danish_text(raw)
    if isinstance(raw, int | Decimal):
        return parse_plain(str(raw))
    if isinstance(raw, float):
        return parse_plain(repr(raw))
    raise ValueError('expected an amount such as 2.6 or "2,6"')


def _amount_json(amount: Amount) -> str:
    """Danish notation, the one a quoted figure is read in, so that a dumped case file
    reads back with every figure and its precision: 1.234 → "1,234", 1234 → "1.234"."""
    text = format_danish(amount.value, amount.quantum)
    if amount.radius is not None:
        text = f"{text} ± {format_danish(amount.radius, quantum_of(amount.radius))}"
    if amount.unit is not None:
        text = f"{text} {amount.unit.value}"
    return f"ca. {text}" if amount.approx else text


AMOUNT_SCHEMA = {
    "anyOf": [
        {"type": "number"},
        {
            "type": "string",
            "pattern": r"^\s*([cC][aA]\.?|[oO]mkring|~)?\s*[+\-−]?[0-9][0-9.\s]*(,[0-9]+)?"
            r"\s*((±|\+/-)\s*[0-9][0-9.]*(,[0-9]+)?)?\s*[a-zA-Z. ]*$",
        },
    ],
    "description": 'A number: 2.6, or Danish "2,6" / "8.500" / "ca. 6,1" / "300.000 kr."',
}

AmountField = Annotated[
    Amount,
    PlainValidator(to_amount),
    PlainSerializer(_amount_json, return_type=str),
    WithJsonSchema(AMOUNT_SCHEMA),
]


def _not_yes_no(raw: Any) -> Any:
    """YAML 1.1 reads yes/no/on/off as booleans, and pydantic would take them as 1 and 0."""
    if isinstance(raw, bool):
        raise ValueError("expected a whole number such as 2026, got a yes/no value")
    return raw


# The range goes inside, the yes/no check outside: that keeps the JSON Schema's
# minimum and maximum.
Whole = Annotated[int, BeforeValidator(_not_yes_no)]
Year = Annotated[Annotated[int, Field(ge=1900, le=2200)], BeforeValidator(_not_yes_no)]
YearAmounts = dict[Year, AmountField]


def by_shape(raw: Any) -> str:
    """Which form a figure is written in: one amount, per year, or in parts."""
    if isinstance(raw, dict):
        return "~parts" if "components" in raw or "annual" in raw else "~years"
    if isinstance(raw, BaseModel):
        return "~parts"
    return "~amount"


# One figure for every year, or one per year: `investment: "2,6"` or `{2026: "1,3"}`.
Series = Annotated[
    Annotated[AmountField, Tag("~amount")] | Annotated[YearAmounts, Tag("~years")],
    Discriminator(lambda raw: "~years" if isinstance(raw, dict) else "~amount"),
]


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never silently drop a figure."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# Limits on text fields: generous for any real document, and they keep a 9 MB "title"
# from costing minutes in every table and title comparison (docs/format.md).
NAME_LENGTH = 300
TEXT_LENGTH = 5000

Name = Annotated[str, Field(min_length=1, max_length=NAME_LENGTH)]  # "" names nothing
Text = Annotated[str, Field(max_length=TEXT_LENGTH)]


def _precision_key(raw: Any) -> Any:
    """A unit as economists write it ("mio. kr.", "t. kr."), or helårspersoner."""
    if isinstance(raw, str):
        if raw.strip().lower() in ("helårspersoner", "helaarspersoner"):
            return "helårspersoner"
        return parse_unit(raw).value
    return raw


PrecisionKey = Annotated[str, BeforeValidator(_precision_key)]


def unit_alias(raw: Any) -> Any:
    """A unit as economists write it, for a ``unit`` field's before-validator."""
    return parse_unit(raw) if isinstance(raw, str) else raw
