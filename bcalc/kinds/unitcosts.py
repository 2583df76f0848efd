"""The unit-cost table as pydantic models: what a helårsperson on each benefit costs.

A unit-cost table ("enhedspriser") is its own kind of file: a dated price base, as
Socialstyrelsen's SØM keeps one, giving for each benefit type the yearly cost of one
*helårsperson* (one person for a full year) and how that cost is split between the
payers after refusion (kommune, stat, region, …). A proposal that states its effect
as helårspersoner by benefit type takes its savings on income support from it (see
``bcalc.economics.savings``).

No I/O: the loader feeds these models, as it feeds ``bcalc.kinds.budget``. ``Effect`` is the
shape proposed for a proposal's ``effects`` (docs/economics.md), kept here until the
case-file model takes it.
"""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from bcalc.economics.base import join_names
from bcalc.economics.savings import BenefitEffect, UnitPrice, phase_in
from bcalc.fields import AmountField, Series, Strict, Whole, Year
from bcalc.numbers import Amount, format_plain
from bcalc.units import Unit, parse_unit

# The benefit types of Danish municipal income support, as the follow-up tables
# name them (jobindsats.dk; Beskæftigelsesplan 2023, Bilag 2, Tabel 2). A table may
# price others: these only serve to suggest a spelling.
KNOWN_BENEFITS = {
    "dagpenge": "A-dagpenge",
    "kontanthjælp": "Kontanthjælp",
    "uddannelseshjælp": "Uddannelseshjælp",
    "selvforsørgelsesydelse": "Selvforsørgelses- og hjemrejseydelse, overgangsydelse",
    "revalidering": "Revalidering",
    "sygedagpenge": "Sygedagpenge",
    "jobafklaring": "Ressourceforløbsydelse under jobafklaringsforløb",
    "ressourceforløb": "Ressourceforløbsydelse under ressourceforløb",
    "ledighedsydelse": "Ledighedsydelse",
    "fleksjob": "Løntilskud i fleksjob",
    "førtidspension": "Førtidspension",
}

# Benefit ids: lower case, Danish letters allowed, as `kind: forsørgelse` is spelled.
BenefitId = Annotated[str, Field(pattern=r"^[a-zæøå0-9][a-zæøå0-9_-]*$")]

Payer = Literal["kommune", "stat", "region", "andet"]


def _unit(raw: Any) -> Any:
    return parse_unit(raw) if isinstance(raw, str) else raw


def _share_text(amount: Amount) -> str:
    return format_plain(amount.value, amount.quantum)


class Payers(Strict):
    """Who pays a helårsperson's cost, as shares that add up to exactly 1 (0,8 = 80 %)."""

    kommune: AmountField = Field(description="The municipality's share after refusion.")
    stat: AmountField | None = Field(None, description="The state's share (refusion).")
    region: AmountField | None = None
    andet: AmountField | None = Field(None, description="Anyone else, e.g. an a-kasse.")

    def shares(self) -> dict[str, Amount]:
        """The shares written, by payer."""
        named: dict[str, Amount | None] = {
            "kommune": self.kommune,
            "stat": self.stat,
            "region": self.region,
            "andet": self.andet,
        }
        return {name: share for name, share in named.items() if share is not None}

    @model_validator(mode="after")
    def _add_up_to_one(self) -> Payers:
        shares = self.shares()
        for name, share in shares.items():
            if share.unit is not None:
                raise ValueError(f"the {name} share is a share (0,8 = 80 %), not an amount")
            if not 0 <= share.value <= 1:
                raise ValueError(
                    f"the {name} share is {_share_text(share)}; a share lies in 0–1 (0,8 = 80 %)"
                )
        # Exactly 1: a share is a rule (80 % refusion), not a rounded estimate, and
        # "0,8 + 0,15" must not pass as rounding. Thirds are written 0,333 + 0,333 + 0,334.
        total = sum((s.value for s in shares.values()), Decimal(0))
        if total != 1:
            parts = " + ".join(f"{name} {_share_text(s)}" for name, s in shares.items())
            absent = [name for name in ("stat", "region", "andet") if name not in shares]
            hint = f"; is a payer missing ({join_names(absent)})?" if total < 1 and absent else ""
            finest = min(s.quantum for s in shares.values())
            raise ValueError(
                f"the payers' shares add up to {format_plain(total, finest)}, not 1: {parts}{hint}"
            )
        return self


class BenefitCost(Strict):
    """One benefit type's yearly cost per helårsperson and who pays it."""

    name: str | None = Field(None, description="The benefit's name, e.g. 'Sygedagpenge'.")
    cost_per_helaarsperson: AmountField = Field(
        description="What one helårsperson on this benefit costs a year, all payers "
        "together, in the table's price level, e.g. '236.000 kr.'."
    )
    payers: Payers
    note: str | None = None

    @field_validator("cost_per_helaarsperson")
    @classmethod
    def _positive(cls, amount: Amount) -> Amount:
        if amount.value <= 0:
            raise ValueError("a cost per helårsperson must be above 0")
        return amount


class UnitCostTable(Strict):
    """A dated table of unit costs: one price per benefit type, at one price level."""

    kind: Literal["unitcosts"] = Field(
        "unitcosts", description="The kind of document: a unit-cost table."
    )
    title: str
    source: str = Field(
        min_length=3,
        description="Where the prices come from (a publication, a model, a date). "
        "Made-up figures must say so.",
    )
    illustrative: bool = Field(
        False, description="True for example figures that are not anyone's official rates."
    )
    municipality: str | None = None
    unit: Unit = Field(Unit.KR, description="Unit of costs written without one.")
    price_level: Year = Field(description="The year whose prices the costs are in.")
    valid_until: Year | None = Field(
        None, description="The last budget year the table may be used for."
    )
    max_age_years: Whole | None = Field(
        None,
        ge=0,
        description="How many years after the price level the table may be used for.",
    )
    price_index: dict[Year, AmountField] = Field(
        default_factory=dict,
        description="A price index by year, to take the costs to the budget year's prices "
        "(e.g. the benefit rates' regulation, or KL's pris- og lønskøn).",
    )
    price_index_source: str | None = None
    notes: str | None = None
    benefits: dict[BenefitId, BenefitCost] = Field(min_length=1)

    _unit_alias = field_validator("unit", mode="before")(_unit)

    @field_validator("price_index")
    @classmethod
    def _index_positive(cls, index: dict[int, Amount]) -> dict[int, Amount]:
        for year, amount in index.items():
            if amount.unit is not None or amount.value <= 0:
                raise ValueError(f"the price index for {year} must be a number above 0")
        return index

    @model_validator(mode="after")
    def _dates(self) -> UnitCostTable:
        if self.valid_until is not None and self.valid_until < self.price_level:
            raise ValueError(
                f"valid_until {self.valid_until} is before the price level {self.price_level}"
            )
        if self.price_index and self.price_level not in self.price_index:
            raise ValueError(
                f"the price index has no figure for the price level {self.price_level}; "
                "the costs cannot be adjusted from it"
            )
        return self

    def cost_kr(self, benefit: str) -> Decimal:
        """The yearly cost per helårsperson in kroner, all payers together."""
        amount = self.benefits[benefit].cost_per_helaarsperson
        return amount.value * (amount.unit or self.unit).kroner

    def prices(self) -> dict[str, UnitPrice]:
        """Every benefit's price in kroner, for ``bcalc.economics``."""
        return {
            benefit: UnitPrice(
                self.cost_kr(benefit),
                cost.payers.kommune.value,
                {payer: share.value for payer, share in cost.payers.shares().items()},
            )
            for benefit, cost in self.benefits.items()
        }

    def index(self) -> dict[int, Decimal]:
        return {year: amount.value for year, amount in self.price_index.items()}

    def suggest(self, benefit: str) -> str | None:
        """The benefit in this table (or the known ones) closest to a misspelt one."""
        names = [*self.benefits, *KNOWN_BENEFITS]
        close = difflib.get_close_matches(benefit, names, n=1)
        return close[0] if close else None


class Effect(Strict):
    """A proposal's effect on one benefit type: fewer helårspersoner on it.

    ``helaarspersoner`` is one figure for every year or one per year;
    ``phase_in`` gives, with one figure, the share reached in some years ("med halv
    effekt i 2026": ``{2026: "0,5"}``). ``unit_cost`` is the proposal's own price,
    the municipality's cost per helårsperson a year in the budget year's prices; it
    replaces the table's, which is shown beside it; it is in kroner unless written
    with a unit.
    """

    benefit: BenefitId
    helaarspersoner: Series
    phase_in: dict[Year, AmountField] = Field(default_factory=dict)
    unit_cost: AmountField | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Effect:
        counts = (
            [self.helaarspersoner]
            if isinstance(self.helaarspersoner, Amount)
            else list(self.helaarspersoner.values())
        )
        for count in counts:
            if count.unit is not None:
                raise ValueError("helårspersoner are a count of persons, without a unit")
            if count.value < 0:
                raise ValueError("fewer helårspersoner are written as a positive number")
        if self.phase_in and not isinstance(self.helaarspersoner, Amount):
            raise ValueError(
                "phase_in goes with one annual figure; with a figure per year, "
                "write each year's helårspersoner instead"
            )
        for year, share in self.phase_in.items():
            if not 0 <= share.value <= 1 or share.unit is not None:
                raise ValueError(f"the phase-in share for {year} must lie in 0–1 (0,5 = half)")
        if self.unit_cost is not None and self.unit_cost.value <= 0:
            raise ValueError("a unit cost must be above 0")
        return self

    def per_year(self, first: int, last: int) -> dict[int, Decimal]:
        """Fewer helårspersoner in each year of the period, after the phase-in."""
        years = range(first, last + 1)
        if isinstance(self.helaarspersoner, Amount):
            shares = {year: share.value for year, share in self.phase_in.items()}
            return phase_in(self.helaarspersoner.value, years, shares)
        return {
            year: self.helaarspersoner[year].value for year in years if year in self.helaarspersoner
        }

    def as_input(self, first: int, last: int) -> BenefitEffect:
        """This effect for ``bcalc.economics.derive_savings``. A unit cost is in
        kroner unless written with a unit ("173 t.kr."), whatever the file's unit:
        it is a price per person, not a budget figure."""
        cost = None
        if self.unit_cost is not None:
            cost = self.unit_cost.value * (self.unit_cost.unit or Unit.KR).kroner
        return BenefitEffect(self.benefit, self.per_year(first, last), cost)
