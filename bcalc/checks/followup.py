"""Follow-up reports: the lights they state, and their areas against the models'
business cases (docs/lifecycle.md)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bcalc.checks.lifecycle import FolderContext, FollowupContext, Place
from bcalc.findings import Finding, Severity

if TYPE_CHECKING:
    from bcalc.intervals import Figure
    from bcalc.lifecycle.folder import Documents, FollowupDoc
    from bcalc.lifecycle.results import AreaResult


def light_supported(ctx: FollowupContext) -> Iterator[Finding]:
    """BC501 light-not-supported: a follow-up area states a light (grøn, gul, rød)
    that its figures do not support. An area is grøn when it meets its targets for
    the year at the threshold (95 % attainment; the file's ``rule`` says how several
    targets are read), gul when it misses but the report states that the department
    expects it to meet them going forward (``expectation``), rød otherwise.

    Why it matters: the light is what the council reads, and two grøn years are what
    permanentgørelse rests on; a light better than the figures hides a miss.

    Example (error): grøn at 90,0 % of the helårspersoner target (18 of 20). Example
    (error): gul at 88,9 % with no expectation going forward stated: that is rød.
    A light more cautious than the figures is a warning; one that only rounding of
    the written figures separates from them is an info.
    """
    for index, area in enumerate(ctx.result.areas):
        light = area.light
        if light.stated is None or light.implied is None or light.agreement == "equal":
            continue
        where = ("areas", index, "light")
        stated, implied = light.stated.value, light.implied.value
        head = f"area {area.id!r} is stated {stated}"
        if light.agreement == "rounding":
            low, high = _range(area.percent)
            yield ctx.place.finding(
                "BC501",
                Severity.INFO,
                where,
                f"{head}; its figures give {implied} ({light.reason}), a difference rounding of "
                f"the written figures explains (the attainment lies between {low} and {high})",
            )
            continue
        hint = ""
        if light.implied.value == "rød" and stated == "gul" and area.expectation is None:
            hint = "; a gul light needs an expectation going forward (expectation: meets_target)"
        better = light.agreement == "better"
        yield ctx.place.finding(
            "BC501",
            Severity.ERROR if better else Severity.WARNING,
            where,
            f"{head}, but its figures give {implied}: {light.reason}{hint}"
            + ("" if better else "; the stated light is more cautious than the figures"),
        )


def _range(figure: Figure | None) -> tuple[str, str]:
    from bcalc.checks.lifecycle import percent

    if figure is None:
        return "–", "–"
    return percent(figure.low), percent(figure.high)


def area_investment(ctx: FolderContext) -> Iterator[Finding]:
    """BC507 area-investment: a follow-up area's investment differs from the sum of
    its models' investments in the report year, as their budget files give them (or,
    for a model without a budget file among the files, the portfolio overview's
    annual investment). Judged rounding-aware, "ca." as everywhere.

    Why it matters: the area reports on money the council granted; a figure that is
    not the models' own is either a stale number or a model missing from the area.

    Example (error): "ca. 6,5" mio. kr. for an area whose one model invests 7,5 a year.
    """
    docs = ctx.documents
    for doc in docs.followups:
        place = Place(doc.path, doc.locate)
        for index, area in enumerate(doc.result.areas):
            written = area.investment_written
            if written is None or area.investment is None:
                continue
            parts = _model_investments(docs, doc, area)
            if parts is None:
                continue
            computed = _sum(list(parts.values()))
            year = doc.report.report_year
            names = ", ".join(parts)
            yield from place.judged(
                "BC507",
                ("areas", index, "investment"),
                f"the investment {year} of area {area.id!r}",
                computed,
                area.investment,
                written,
                doc.result.unit.value,
                f"its models' budget files ({names}) give",
            )


def _model_investments(
    docs: Documents, doc: FollowupDoc, area: AreaResult
) -> dict[str, Figure] | None:
    """Each model's investment in the report year, in the report's unit; None when a
    model has none to give (another rule reports that model)."""
    from bcalc.calc import convert

    year = doc.report.report_year
    unit = doc.result.unit
    proposals = docs.proposals()
    listed = {m.id: (p, m) for p in docs.portfolios for m in p.result.models}
    parts: dict[str, Figure] = {}
    for model in area.models:
        found = [
            convert(y.investment, proposal.unit, unit)
            for _, _, proposal in proposals.get(model, [])
            for y in proposal.years
            if y.year == year
        ]
        if found:
            parts[model] = found[-1]  # the latest budget file giving that year
        elif model in listed:
            portfolio, entry = listed[model]
            parts[model] = convert(entry.annual_investment, portfolio.result.unit, unit)
        else:
            return None
    return parts


def _sum(figures: list[Figure]) -> Figure:
    from bcalc.intervals import total

    return total(figures)


def known_models(ctx: FolderContext) -> Iterator[Finding]:
    """BC508 unknown-model: a follow-up area covers a model that no budget file and
    no portfolio overview among the files names. Runs when the files include a budget
    file or a portfolio overview.

    Why it matters: models are matched across files by id; a misspelt id is followed
    up nowhere, and its own follow-up is lost.

    Example (warning): ``models: [tidlig-indsats-raskmeldinger]`` where the budget file
    has ``tidlig-indsats-raskmelding``.
    """
    docs = ctx.documents
    if not docs.budgets and not docs.portfolios:
        return
    known = sorted(docs.known_ids())
    for doc in docs.followups:
        place = Place(doc.path, doc.locate)
        for index, area in enumerate(doc.report.areas):
            for position, model in enumerate(area.models):
                if model in known:
                    continue
                close = difflib.get_close_matches(model, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                yield place.finding(
                    "BC508",
                    Severity.WARNING,
                    ("areas", index, "models", position),
                    f"area {area.id!r} covers model {model!r}, which no budget file or "
                    f"portfolio overview among the files names{hint}",
                    model,
                )


def area_budget_years(ctx: FolderContext) -> Iterator[Finding]:
    """BC509 area-budget-years: the budget years a follow-up area prints beside its
    investment ("ca. 3,2 mio. kr. (2021, 2022)") are not the years its models were
    adopted, as the portfolio overview or their budget files give them.

    Why it matters: the years say which decisions the money comes from; a wrong year
    points the reader at the wrong budget.

    Example (warning): ``budget_years: [2022]`` for an area whose one model was adopted
    in Budget 2023.
    """
    docs = ctx.documents
    adopted: dict[str, int] = {}
    for budget in docs.budgets:  # oldest first: the first file with the id adopted it
        for proposal in budget.result.proposals:
            adopted.setdefault(proposal.id, budget.case.budget_year)
    for portfolio in docs.portfolios:  # an overview says so outright
        adopted.update({m.id: m.adopted for m in portfolio.result.models})
    for doc in docs.followups:
        place = Place(doc.path, doc.locate)
        for index, area in enumerate(doc.result.areas):
            if not area.budget_years or not all(m in adopted for m in area.models):
                continue
            actual = sorted({adopted[m] for m in area.models})
            if sorted(set(area.budget_years)) != actual:
                printed = ", ".join(map(str, area.budget_years))
                yield place.finding(
                    "BC509",
                    Severity.WARNING,
                    ("areas", index, "budget_years"),
                    f"area {area.id!r} prints the budget years {printed} beside its "
                    f"investment, but its models were adopted in {', '.join(map(str, actual))}",
                )
