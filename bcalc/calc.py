"""The calculation core: pure functions from a validated CaseFile to results
(``bcalc.results``).

Every computed number is a ``Figure`` (``bcalc.intervals``): its exact value from the
written inputs, the interval rounding of those inputs allows, the variance of its
rounding error, and the finest precision among them (for display). That is what lets
``bcalc check`` tell rounding from error.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from bcalc import claims, effects
from bcalc.counts import CountTable, Row, check_table
from bcalc.expr import Quantity
from bcalc.intervals import Figure, total
from bcalc.kinds.budget import (
    CaseFile,
    Components,
    PhaseIn,
    Proposal,
    SignConvention,
    TotalsTable,
    proposal_signs,
    proposal_unit,
    proposal_years,
    written_figures,
)
from bcalc.kinds.unitcosts import UnitCostTable
from bcalc.numbers import Amount
from bcalc.precision import PERSONS, WHOLE, Precision, key_of
from bcalc.results import (
    ClaimResult,
    FileResult,
    Needed,
    PeriodResult,
    ProposalResult,
    TableResult,
    TotalResult,
    Totals,
    TotalsYear,
    YearResult,
)
from bcalc.units import Unit

ZERO = Decimal(0)


# The finest digit worth showing in each unit. A converted figure ("300.000 kr." in a
# mio. kr. table) keeps its exact value and tolerance but is shown at the table's
# usual precision, not to the krone.
DISPLAY_FLOOR = {Unit.KR: Decimal(1), Unit.TKR: Decimal(1), Unit.MIO: Decimal("0.1")}


def convert(figure: Figure, source: Unit, target: Unit) -> Figure:
    """The same figure in another unit, shown at no finer a digit than ``target``
    usually is."""
    if source is target:
        return figure
    scaled = figure.scaled(source.to(target))
    return replace(scaled, quantum=max(scaled.quantum, DISPLAY_FLOOR[target]))


Series = Amount | dict[int, Amount]
Flow = Series | Components


@dataclass(frozen=True, slots=True)
class _Reader:
    """Written amounts as Figures: at the document's precision, in one unit."""

    precision: Precision
    unit: Unit
    # perf (issue 18): each written amount is read once (per year and again for the
    # period), remembered by identity; the entry holds the amount, so that its id
    # cannot be another amount's while the reader lives.
    read: dict[int, tuple[Amount, Figure]] = field(default_factory=dict, compare=False)

    def figure(self, amount: Amount) -> Figure:
        known = self.read.get(id(amount))
        if known is not None:
            return known[1]
        figure = self.precision.figure(amount, key_of(amount, self.unit))
        if amount.unit is not None:
            figure = convert(figure, amount.unit, self.unit)
        self.read[id(amount)] = (amount, figure)
        return figure

    def persons(self, amount: Amount) -> Figure:
        return self.precision.figure(amount, PERSONS)

    def year(self, series: Series, year: int) -> Figure | None:
        """The figure for ``year`` from one-for-every-year or a per-year mapping."""
        if isinstance(series, Amount):
            return self.figure(series)
        amount = series.get(year)
        return None if amount is None else self.figure(amount)

    def period(self, series: Series, first: int, last: int) -> Figure:
        """The sum over the period. A figure written once for every year ("2 mio. kr.
        a year") is one rounding, counted every year; per-year figures are each
        rounded on their own, so their errors partly cancel."""
        if isinstance(series, Amount):
            return self.figure(series).repeated(last - first + 1)
        zero = Figure.exact(ZERO)
        return total(self.year(series, y) or zero for y in range(first, last + 1))


def _flow_year(
    read: _Reader, flow: Flow, year: int, sign: int = 1
) -> tuple[Figure, dict[str, Figure], dict[str, Figure]]:
    """A flow's total for one year, its components, and excluded (tax) components.
    ``sign`` is -1 for savings written negative ("Besparelse (-)")."""
    if not isinstance(flow, Components):
        figure = read.year(flow, year) or Figure.exact(ZERO)
        return (-figure if sign < 0 else figure), {}, {}
    parts: dict[str, Figure] = {}
    excluded: dict[str, Figure] = {}
    for component in flow.components:
        figure = read.year(component.amount, year) or Figure.exact(ZERO)
        figure = -figure if sign < 0 else figure
        # Tax revenue is never counted in a business case (the 2026 principles).
        target = excluded if component.kind == "skatteindtægter" else parts
        target[component.name] = (
            target[component.name] + figure if component.name in target else figure
        )
    return total(parts.values()), parts, excluded


def _flow_period(read: _Reader, flow: Flow, first: int, last: int, sign: int = 1) -> Figure:
    """A flow's sum over the period, each written figure's rounding counted once."""
    if isinstance(flow, Components):
        counted = [c for c in flow.components if c.kind != "skatteindtægter"]
        figure = total(read.period(c.amount, first, last) for c in counted)
    else:
        figure = read.period(flow, first, last)
    return -figure if sign < 0 else figure


def _persons(read: _Reader, proposal: Proposal, year: int) -> Figure | None:
    if proposal.effects is not None:  # helårspersoner by benefit: their sum
        return effects.persons(proposal.effects, year, read.precision)
    persons = proposal.helaarspersoner
    if persons is None:
        return None
    if isinstance(persons, PhaseIn):
        share = persons.phase_in.get(year)
        annual = read.persons(persons.annual)
        if share is None:
            return annual
        # An exact share of a written count: the uncertainty scales with it.
        return annual.scaled(share.value)
    if isinstance(persons, Amount):
        return read.persons(persons)
    amount = persons.get(year)
    return None if amount is None else read.persons(amount)


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return None if denominator == 0 else numerator / denominator


def compute_proposal(
    case: CaseFile,
    proposal: Proposal,
    precision: Precision = WHOLE,
    unit_costs: UnitCostTable | None = None,
) -> ProposalResult:
    unit = proposal_unit(case, proposal)
    precision = precision.declaring({k: a.value for k, a in proposal.precision.items()})
    read = _Reader(precision, unit)
    first, last = proposal_years(case, proposal)
    sign = -1 if proposal_signs(case, proposal) is SignConvention.GAIN_NEGATIVE else 1
    years: list[YearResult] = []
    cumulative: Figure | None = Figure.exact(ZERO)
    for year in range(first, last + 1):
        investment, inv_parts, _ = _flow_year(read, proposal.investment, year)
        savings: Figure | None = None
        sav_parts: dict[str, Figure] = {}
        excluded: dict[str, Figure] = {}
        if proposal.savings is not None:
            savings, sav_parts, excluded = _flow_year(read, proposal.savings, year, sign)
        net = None if savings is None else savings - investment
        cumulative = None if net is None or cumulative is None else cumulative + net
        years.append(
            YearResult(
                year=year,
                investment=investment,
                savings=savings,
                net_gain=net,
                cumulative_net_gain=cumulative,
                helaarspersoner=_persons(read, proposal, year),
                investment_components=inv_parts,
                savings_components=sav_parts,
                excluded_savings=excluded,
            )
        )
    investment = _flow_period(read, proposal.investment, first, last)
    savings = None
    if proposal.savings is not None:
        savings = _flow_period(read, proposal.savings, first, last, sign)
    period = _period(years, investment, savings)
    derived, effect_results = effects.derive(
        case, proposal, unit, (first, last), precision, unit_costs
    )
    return ProposalResult(
        id=proposal.id,
        title=proposal.title,
        number=proposal.number,
        target_group=proposal.target_group,
        unit=unit,
        period_years=(first, last),
        years=years,
        period=period,
        payback_year=next(
            (
                y.year
                for y in years
                if y.cumulative_net_gain is not None and y.cumulative_net_gain.value >= 0
            ),
            None,
        ),
        gains_written_negative=sign < 0,
        precision=precision,
        derived_savings=derived,
        effects=effect_results,
        **_per_person(period, unit),
    )


def _period(years: list[YearResult], investment: Figure, savings: Figure | None) -> PeriodResult:
    """The period's sums (given: each written figure's rounding counted once) and their
    averages."""
    count = len(years)
    net = None if savings is None else savings - investment
    persons = _total_or_none([y.helaarspersoner for y in years])
    return PeriodResult(
        years=count,
        investment=investment,
        savings=savings,
        net_gain=net,
        helaarspersoner=persons,
        average_investment=investment.per(count),
        average_savings=None if savings is None else savings.per(count),
        average_net_gain=None if net is None else net.per(count),
        average_helaarspersoner=None if persons is None else persons.per(count),
    )


def _total_or_none(figures: list[Figure | None]) -> Figure | None:
    """A sum, or None when any term is unknown: a partial sum must not pass for a total."""
    if any(f is None for f in figures):
        return None
    return total(f for f in figures if f is not None)


def _per_person(period: PeriodResult, unit: Unit) -> dict[str, Decimal | None]:
    investment = period.investment.value
    savings = None if period.savings is None else period.savings.value
    persons = None if period.helaarspersoner is None else period.helaarspersoner.value
    kroner = unit.to(Unit.KR)
    result: dict[str, Decimal | None] = {
        "savings_ratio": None if savings is None else _ratio(savings, investment),
        "investment_per_helaarsperson_kr": None,
        "savings_per_helaarsperson_kr": None,
        "break_even_helaarspersoner": None,
    }
    if persons:
        result["investment_per_helaarsperson_kr"] = investment * kroner / persons
        if savings is not None:
            result["savings_per_helaarsperson_kr"] = savings * kroner / persons
            # Persons needed per year for savings to cover the investment, at the
            # proposal's own implied saving per person.
            if savings:
                result["break_even_helaarspersoner"] = investment / savings * persons / period.years
    return result


def document_precision(case: CaseFile) -> Precision:
    """The precision each unit is read at: declared where the file says, inferred from
    its figures elsewhere (``bcalc.precision``)."""
    declared = {key: amount.value for key, amount in case.precision.items()}
    written: dict[str, Counter[Decimal]] = {}
    for _, amount, key in written_figures(case):
        if amount.approx or amount.radius is not None or amount.quantum >= 1:
            continue
        written.setdefault(key, Counter())[amount.quantum] += 1
    inferred = {
        key: max(counts, key=lambda quantum: (counts[quantum], quantum))  # ties: coarser
        for key, counts in written.items()
    }
    return Precision({**inferred, **declared}, frozenset(declared))


def compute_file(
    case: CaseFile, path: str = "", unit_costs: UnitCostTable | None = None
) -> FileResult:
    """Every business case of ``case`` and their totals; ``unit_costs`` is the table
    the case names, for proposals whose effects are written by benefit type."""
    precision = document_precision(case)
    proposals = [compute_proposal(case, p, precision, unit_costs) for p in case.proposals]
    unit = case.unit
    by_year: dict[int, list[tuple[ProposalResult, YearResult]]] = {}
    for result in proposals:
        for year in result.years:
            by_year.setdefault(year.year, []).append((result, year))
    totals_years = []
    for year_number in sorted(by_year):
        rows = by_year[year_number]
        investment = total(convert(y.investment, p.unit, unit) for p, y in rows)
        savings_terms = [
            None if y.savings is None else convert(y.savings, p.unit, unit) for p, y in rows
        ]
        savings = _total_or_none(savings_terms)
        net = None if savings is None else savings - investment
        totals_years.append(
            TotalsYear(year=year_number, investment=investment, savings=savings, net_gain=net)
        )
    computed = FileResult(
        path=path,
        budget_year=case.budget_year,
        title=case.title,
        unit=unit,
        period=case.years,
        proposals=proposals,
        totals=Totals(years=totals_years, period=_portfolio_period(proposals, unit)),
        precision=precision,
    )
    if not case.claims and not case.tables:
        return computed
    return computed.model_copy(
        update={"claims": compute_claims(case, computed), "tables": compute_tables(case)}
    )


def compute_claims(case: CaseFile, result: FileResult) -> list[ClaimResult]:
    """Each claim's arithmetic, in the order written (a claim may name earlier ones)."""
    names = claims.figure_names(result)
    earlier: dict[str, Quantity] = {}
    computed = []
    for claim in case.claims:
        evaluated, quantity = claims.evaluate(claim, names, earlier)
        if quantity is not None:
            earlier[claim.id] = quantity
        computed.append(
            ClaimResult(
                id=claim.id,
                text=claim.text,
                stated=claim.stated.written,
                unit=claim.unit,
                expression=claim.expression,
                computed=evaluated.figure,
                problem=evaluated.problem,
                needed=[Needed(written=n.written, value=n.value) for n in evaluated.needed],
            )
        )
    return computed


def compute_tables(case: CaseFile) -> list[TableResult]:
    """Each table's stated totals against the sums of its figures."""
    tables = []
    for table in case.tables:
        totals = [
            TotalResult(
                axis=check.axis,
                label=check.label,
                terms=check.terms,
                computed=check.computed,
                stated=stated.written,
            )
            for check, stated in zip(
                check_table(count_table(table)), stated_totals(table), strict=True
            )
        ]
        tables.append(TableResult(id=table.id, title=table.title, unit=table.unit, totals=totals))
    return tables


def count_table(table: TotalsTable) -> CountTable:
    """A table as written, as ``bcalc.counts`` reads it."""
    return CountTable(
        columns=tuple(table.columns),
        rows=tuple(Row(label, tuple(figures)) for label, figures in table.rows.items()),
        total_row=None if table.total_row is None else tuple(table.total_row.figures),
        total_column=None if table.total_column is None else tuple(table.total_column.figures),
        rounding=None if table.rounding is None else table.rounding.value,
    )


def stated_totals(table: TotalsTable) -> list[Amount]:
    """The stated totals in the order ``counts.check_table`` judges them."""
    row = [] if table.total_row is None else table.total_row.figures
    column = [] if table.total_column is None else table.total_column.figures
    return [*row, *column]


def _portfolio_period(proposals: list[ProposalResult], unit: Unit) -> PeriodResult:
    """Sums of the proposals' period figures; averages are sums of their averages, as
    the overview tables' "Total" rows are."""

    def add(name: str) -> Figure | None:
        terms = [getattr(p.period, name) for p in proposals]
        converted = [
            None if t is None else convert(t, p.unit, unit)
            for t, p in zip(terms, proposals, strict=True)
        ]
        return _total_or_none(converted)

    def add_persons(name: str) -> Figure | None:
        return _total_or_none([getattr(p.period, name) for p in proposals])

    investment = add("investment")
    average_investment = add("average_investment")
    assert investment is not None and average_investment is not None
    return PeriodResult(
        years=max((p.period.years for p in proposals), default=0),
        investment=investment,
        savings=add("savings"),
        net_gain=add("net_gain"),
        helaarspersoner=add_persons("helaarspersoner"),
        average_investment=average_investment,
        average_savings=add("average_savings"),
        average_net_gain=add("average_net_gain"),
        average_helaarspersoner=add_persons("average_helaarspersoner"),
    )
