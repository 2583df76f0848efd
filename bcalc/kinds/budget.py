"""The case-file format as pydantic models. No I/O: ``load.py`` feeds these.

One file is one budget year: a handful of proposals ("investeringsforslag"), each with
its inputs (investment, savings, helårspersoner) and the figures the document *states*
from them, kept apart so that ``bcalc check`` can compare the two.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, Discriminator, Field, Tag, field_validator

from bcalc.fields import (
    TEXT_LENGTH,
    AmountField,
    Name,
    PrecisionKey,
    Series,
    Strict,
    Text,
    Whole,
    Year,
    YearAmounts,
    by_shape,
    unit_alias,
)
from bcalc.kinds.unitcosts import Effect
from bcalc.numbers import Amount
from bcalc.sources import Sources
from bcalc.units import Unit

MAX_PROPOSALS = 1000


class SignConvention(str, Enum):
    """How the document signs its savings and gain rows.

    ``gain_positive``: savings and gains are positive numbers (seed 2026: "gevinst 0,6").
    ``gain_negative``: "Besparelse (-)" and "Gevinst (-)" rows, where a saving or a gain
    is written negative (seed 2021). Investment is always positive.
    """

    GAIN_POSITIVE = "gain_positive"
    GAIN_NEGATIVE = "gain_negative"


SavingKind = Literal["forsørgelse", "decentral", "resultattilskud", "skatteindtægter", "andet"]


class Component(Strict):
    name: Name = Field(description="What this part is, e.g. 'Arbejdsgiverpulje'.")
    kind: SavingKind = Field(
        "andet",
        description="For savings: where the saving falls. Tax revenue "
        "('skatteindtægter') is never counted in a business case.",
    )
    amount: Series


class Components(Strict):
    """A flow split into named parts, with the total the document states for them."""

    components: list[Component] = Field(min_length=1)
    total: Series | None = Field(None, description="The total the document states.")


Flow = Annotated[
    Annotated[AmountField, Tag("~amount")]
    | Annotated[YearAmounts, Tag("~years")]
    | Annotated[Components, Tag("~parts")],
    Discriminator(by_shape),
]


class PhaseIn(Strict):
    """A yearly effect reached gradually: 19 a year, "med halv effekt i 2026"."""

    annual: AmountField
    phase_in: dict[Year, AmountField] = Field(
        default_factory=dict, description="Share of the annual effect, per year (0,5 = half)."
    )


Persons = Annotated[
    Annotated[AmountField, Tag("~amount")]
    | Annotated[YearAmounts, Tag("~years")]
    | Annotated[PhaseIn, Tag("~parts")],
    Discriminator(by_shape),
]


class Stated(Strict):
    """Figures the document prints that bcalc can also compute. Sign convention:
    the per-year ``savings`` and ``net_gain`` rows follow the file's ``sign_convention``;
    period sentences are written as read: "nettogevinst på ca. 6,1" or
    "nettoudgift på ca. 3,0"."""

    investment: Series | None = None
    savings: Series | None = None
    net_gain: Series | None = None
    cumulative_net_gain: Series | None = None
    period_investment: AmountField | None = None
    period_savings: AmountField | None = None
    period_net_gain: AmountField | None = None
    period_net_cost: AmountField | None = None
    average_investment: AmountField | None = None
    average_savings: AmountField | None = None
    average_net_gain: AmountField | None = None


class Ignore(Strict):
    """Silence one check on one figure; the reason is required and shown in reviews."""

    code: str = Field(pattern=r"^BC\d{3}$")
    figure: str | None = Field(
        None, description="Dotted path of the figure, e.g. 'stated.net_gain.2022'."
    )
    reason: str = Field(min_length=3, max_length=TEXT_LENGTH)


# A stable id: lower-case letters, digits, ".", "_" and "-".
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100)]


class Proposal(Strict):
    id: Id = Field(description="Stable id across years.")
    number: Annotated[Whole, Field(ge=1)] | None = Field(
        None, description='The proposal\'s number in the document ("Nr."), from 1.'
    )
    title: Name
    target_group: Name | None = None
    parties: Name | None = Field(None, description="Backing parties, e.g. 'SF/EL/V'.")
    description: Text | None = None
    notes: Text | None = None
    unit: Unit | None = Field(None, description="Defaults to the file's unit.")
    period: tuple[Year, Year] | None = Field(
        None, description="First and last year of this business case, if not the file's."
    )
    sign_convention: SignConvention | None = None
    precision: dict[PrecisionKey, AmountField] = Field(
        default_factory=dict,
        description="This business case's own precision per unit, where its tables "
        "round differently from the rest of the document.",
    )
    investment: Flow
    savings: Flow | None = None
    helaarspersoner: Persons | None = None
    effects: list[Effect] | None = Field(
        None,
        description="Fewer helårspersoner by benefit type, instead of helaarspersoner: "
        "bcalc derives the savings on income support from them and the unit-cost table.",
    )
    stated: Stated = Stated()
    ignore: list[Ignore] = Field(default_factory=list)

    _unit_alias = field_validator("unit", mode="before")(unit_alias)


class PlausibleRange(Strict):
    minimum: AmountField
    maximum: AmountField


class CheckSettings(Strict):
    saving_per_helaarsperson: PlausibleRange | None = Field(
        None, description="Plausible savings per helårsperson per year, e.g. '50 t.kr.'."
    )


class Claim(Strict):
    """Arithmetic a document states in words: "For hver 1 mio. kr. til indsats har
    Aarhus Kommune ca. 10,5 mio. kr. i udgifter til forsørgelse", beside "662 mio. kr."
    and "5.689 mio. kr."."""

    id: Id
    text: Text = Field(description="The document's words.")
    stated: AmountField = Field(description='The figure the document states: "ca. 10,5".')
    unit: Name | None = Field(
        None,
        description='The unit of the stated figure: "mio. kr.", "%", "personer", '
        '"kr. pr. person"; none for a ratio ("for hver 1 mio. kr. … 10,5 mio. kr.").',
    )
    expression: Annotated[str, Field(max_length=2000)] = Field(
        description="The arithmetic the claim rests on, over written numbers with units "
        'and figures of this file: "5.689 mio. kr. / 662 mio. kr.".'
    )
    source: Name | None = Field(None, description='Where it stands: "slide 3".')


class TotalLine(Strict):
    """A stated total row or column: "I alt 38.988 40.034 …"."""

    label: Name = "I alt"
    figures: list[AmountField] = Field(min_length=1)


class TotalsTable(Strict):
    """A table of counts or amounts with the totals the document states for it."""

    id: Id
    title: Text
    unit: Name | None = Field(None, description='What the figures count: "fuldtidspersoner".')
    rounding: AmountField | None = Field(
        None,
        description="The rounding basis of every figure, where the rows are rounded from "
        'unrounded data (averages): "1" for whole persons. Default: each figure\'s digits.',
    )
    columns: list[Name] = Field(min_length=1)
    rows: dict[Name, list[AmountField]] = Field(min_length=1)
    total_row: TotalLine | None = Field(None, description="One stated total per column.")
    total_column: TotalLine | None = Field(None, description="One stated total per row.")
    source: Name | None = None


class CaseFile(Strict):
    kind: Literal["budget"] = Field(
        "budget", description="The kind of document: a budget year's case file (the default)."
    )
    budget_year: Year
    title: Name
    municipality: Name | None = None
    source: Text | None = Field(None, description="Where the figures come from.")
    unit: Unit
    period: tuple[Year, Year] | None = Field(
        None, description="Budget period; default the budget year and the three after."
    )
    sign_convention: SignConvention = SignConvention.GAIN_POSITIVE
    unit_costs: Name | None = Field(
        None,
        description="A unit-cost table (kind: unitcosts), as a path relative to this "
        "file: the prices the proposals' effects are derived with.",
    )
    precision: dict[PrecisionKey, AmountField] = Field(
        default_factory=dict,
        description="The precision the document writes each unit to, e.g. "
        '{"mio. kr.": "0,1"}: a whole number "2" then means 2,0. Default: inferred '
        "from the figures the file writes in that unit.",
    )
    stated: Stated = Stated()
    checks: CheckSettings = CheckSettings()
    ignore: list[Ignore] = Field(default_factory=list)
    proposals: list[Proposal] = Field(min_length=1, max_length=MAX_PROPOSALS)
    claims: list[Claim] = Field(default_factory=list, max_length=1000)
    tables: list[TotalsTable] = Field(default_factory=list, max_length=100)
    sources: Sources | None = Field(
        None, description="Where each figure stands in the document (bcalc trace)."
    )

    _unit_alias = field_validator("unit", mode="before")(unit_alias)

    @property
    def years(self) -> tuple[int, int]:
        return self.period or (self.budget_year, self.budget_year + 3)


def proposal_years(case: CaseFile, proposal: Proposal) -> tuple[int, int]:
    return proposal.period or case.years


def proposal_unit(case: CaseFile, proposal: Proposal) -> Unit:
    return proposal.unit or case.unit


def proposal_signs(case: CaseFile, proposal: Proposal) -> SignConvention:
    return proposal.sign_convention or case.sign_convention


# (path, amount, precision key): the key is a unit, or "helårspersoner".
Written = Iterator[tuple[tuple[str | int, ...], Amount, str]]


def written_figures(case: CaseFile) -> Written:
    """Every figure the document writes, with its path and its precision key (settings
    such as plausible ranges are not the document's figures and are left out)."""
    yield from _amounts_in(("stated",), case.stated, case.unit.value)
    for index, proposal in enumerate(case.proposals):
        unit = proposal_unit(case, proposal).value
        for name in ("investment", "savings", "stated"):
            yield from _amounts_in(("proposals", index, name), getattr(proposal, name), unit)
        persons = proposal.helaarspersoner
        path: tuple[str | int, ...] = ("proposals", index, "helaarspersoner")
        if isinstance(persons, PhaseIn):
            yield from _amounts_in((*path, "annual"), persons.annual, "helårspersoner")
        elif persons is not None:
            yield from _amounts_in(path, persons, "helårspersoner")


def _amounts_in(path: tuple[str | int, ...], value: object, key: str) -> Written:
    for where, amount in amounts_in(path, value):
        yield where, amount, amount.unit.value if amount.unit is not None else key


def amounts_in(
    path: tuple[str | int, ...], value: object
) -> list[tuple[tuple[str | int, ...], Amount]]:
    """Every written amount in ``value`` (a field of a case file: an amount, a mapping by
    year, components, stated figures), with its path, in order."""
    found: list[tuple[tuple[str | int, ...], Amount]] = []
    _collect(path, value, found)
    return found


def _collect(
    path: tuple[str | int, ...], value: object, found: list[tuple[tuple[str | int, ...], Amount]]
) -> None:
    # A list, not nested generators: this walk runs over every figure of every file.
    if isinstance(value, Amount):
        found.append((path, value))
    elif isinstance(value, dict):
        for name, item in value.items():
            _collect((*path, name), item, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect((*path, index), item, found)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _collect((*path, name), getattr(value, name), found)
