"""Portfolio overviews: their stated totals and counts, and their models against the
budget files and the follow-up reports (docs/lifecycle.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bcalc.checks.lifecycle import FolderContext, Place, PortfolioContext
from bcalc.findings import Finding, Severity

if TYPE_CHECKING:
    from bcalc.lifecycle.folder import FollowupDoc, PortfolioDoc

_RECOMMENDED = {"recommended_permanent": "recommended for", "permanent": "made"}


def stated_totals(ctx: PortfolioContext) -> Iterator[Finding]:
    """BC503 portfolio-total: the annual investment a portfolio overview states
    ("investeringsmodeller for ca. 35 mio. kr. årligt") is not the sum of its models'
    annual investments. The portfolio is the models that are ``active`` or
    ``recommended_permanent``; the investment after permanentgørelse is that of the
    ``active`` ones. Judged rounding-aware, "ca." as everywhere.

    Why it matters: the total is the figure the council remembers; a model left out
    of it is money nobody sees.

    Example (error): "ca. 33,6" where the eleven models add up to 35,6 mio. kr.
    """
    from bcalc.lifecycle.portfolio import portfolio_precision, read_money

    stated = ctx.portfolio.stated
    unit = ctx.result.unit
    precision = portfolio_precision(ctx.portfolio)
    checks = (
        ("annual_investment", "the portfolio's annual investment", ctx.result.annual_investment),
        (
            "annual_investment_after_permanent",
            "the annual investment after permanentgørelse",
            ctx.result.annual_investment_after_permanent,
        ),
    )
    for name, what, computed in checks:
        written = getattr(stated, name)
        if written is None:
            continue
        yield from ctx.place.judged(
            "BC503",
            ("stated", name),
            what,
            computed,
            read_money(written, unit, precision),
            written,
            unit.value,
            "its models' investments add up to",
        )


def stated_counts(ctx: PortfolioContext) -> Iterator[Finding]:
    """BC504 portfolio-count: a count a portfolio overview states does not match its
    table: ``models`` (those ``active`` or ``recommended_permanent``), ``new_models``
    (of those, adopted in the overview's budget year), ``active_after_permanent``
    (those ``active``). Counts are exact: no rounding explains a difference.

    Why it matters: "8 aktive modeller tilbage" is what the council decides on.

    Example (error): "efter permanentgørelse er der 9 aktive modeller tilbage" where
    11 models less 3 recommended leave 8.
    """
    counts = ctx.result.counts
    year = ctx.result.budget_year
    explained = {
        "models": (counts.models, "models in the portfolio (active or recommended permanent)"),
        "new_models": (counts.new_models, f"models adopted in {year}"),
        "active_after_permanent": (
            counts.active_after_permanent,
            f"models remaining after permanentgørelse ({counts.models} in the portfolio, "
            f"{counts.recommended_permanent} recommended permanent)",
        ),
    }
    for name, (computed, what) in explained.items():
        stated = getattr(ctx.portfolio.stated, name)
        if stated is not None and stated != computed:
            yield ctx.place.finding(
                "BC504",
                Severity.ERROR,
                ("stated", name),
                f"the overview states {stated} {what}; its table gives {computed}",
            )


def permanent_too_early(ctx: FolderContext) -> Iterator[Finding]:
    """BC502 permanent-too-early: a portfolio overview recommends a model for
    permanentgørelse (or has made it permanent) although the follow-up reports
    before its budget year do not show it grøn two years running: grøn in the latest
    report year before the overview's budget year and in the year before that, by
    the lights its figures give (a stated light they do not support counts for
    nothing). Runs when the files include follow-up reports.

    Why it matters: permanent funding is granted on two years' proof; a recommendation
    without it moves money into the operating budget on a promise.

    Example (error): recommended in Budget 2026 while the 2025 follow-up gives gul.
    With no follow-up of the model at all among the files, a warning.
    """
    docs = ctx.documents
    if not docs.followups:
        return
    from bcalc.lifecycle.folder import eligibility, lights_by_model

    for portfolio in docs.portfolios:
        year = portfolio.portfolio.budget_year
        before = [d for d in docs.followups if d.report.report_year < year]
        lights = lights_by_model(before)
        last = before[-1].report.report_year if before else None
        place = Place(portfolio.path, portfolio.locate)
        for index, model in enumerate(portfolio.result.models):
            done = _RECOMMENDED.get(model.status)
            if done is None:
                continue
            history = lights.get(model.id, [])
            judged = eligibility(history, last)
            reason = judged.reason
            if judged.eligible:
                continue
            where = ("models", index, "status")
            head = f"model {model.id!r} is {done} permanentgørelse in {year}"
            if not history:
                yield place.finding(
                    "BC502",
                    Severity.WARNING,
                    where,
                    f"{head}, but no follow-up report before {year} among the files covers it",
                    model.id,
                )
                continue
            stated = [
                f"the {light.year} report states {light.stated.value}"
                for light in history
                if light.stated is not None and light.stated is not light.light
            ]
            also = f" ({'; '.join(stated)}, which its figures do not support)" if stated else ""
            yield place.finding(
                "BC502",
                Severity.ERROR,
                where,
                f"{head} without two grøn years running: {reason}{also}",
                model.id,
            )


def budget_files(ctx: FolderContext) -> Iterator[Finding]:
    """BC505 model-without-budget-file: a model in a portfolio overview (``active``
    or ``recommended_permanent``) has no budget file among the files: no proposal
    has its id. A proposal with the same or nearly the same title is named as a
    likely match, as ``bcalc compare`` names them, never merged. Runs when the files
    include budget files.

    Why it matters: the budget file is the model's business case; without it nothing
    the overview says about the model can be checked.

    Example (warning): ``id: sygemeldte-oevebaner`` where Budget 2026 has
    ``sygemeldte-virksomhedsoevebaner`` with the same title.
    """
    docs = ctx.documents
    if not docs.budgets:
        return
    from bcalc.lifecycle.folder import likely_by_title

    proposals = docs.proposals()
    candidates = [(pid, places[-1][2].title) for pid, places in proposals.items()]
    where_is = {pid: places[-1][0].path for pid, places in proposals.items()}
    for portfolio in docs.portfolios:
        place = Place(portfolio.path, portfolio.locate)
        missing = [
            (index, m)
            for index, m in enumerate(portfolio.result.models)
            if m.status in ("active", "recommended_permanent") and m.id not in proposals
        ]
        listed = {m.id for m in portfolio.result.models}
        likely = likely_by_title(
            [(m.id, m.title) for _, m in missing], [c for c in candidates if c[0] not in listed]
        )
        for index, model in missing:
            hint = ""
            if (match := likely.get(model.id)) is not None:
                hint = (
                    f"; likely the same model: {match.new_id!r} in {where_is[match.new_id]} "
                    f"({match.reason})"
                )
            yield place.finding(
                "BC505",
                Severity.WARNING,
                ("models", index, "id"),
                f"model {model.id!r} has no budget file among the files: no proposal has "
                f"this id{hint}",
                model.id,
            )


def followed_up(ctx: FolderContext) -> Iterator[Finding]:
    """BC506 model-not-followed-up: an ``active`` model of a portfolio overview is not
    in the latest follow-up report before the overview's budget year, although that
    report's year is its first full year or later (the budget year it was adopted,
    or ``first_full_year``). Runs when the files include follow-up reports.

    Why it matters: a model nobody follows up can neither be made permanent on proof
    nor stopped on evidence.

    Example (warning): adopted in Budget 2023, in the portfolio of 2026, and in
    neither the 2024 nor the 2025 follow-up.
    """
    docs = ctx.documents
    if not docs.followups:
        return
    for portfolio in docs.portfolios:
        yield from _followed_up(portfolio, list(docs.followups))


def _followed_up(portfolio: PortfolioDoc, followups: list[FollowupDoc]) -> Iterator[Finding]:
    year = portfolio.portfolio.budget_year
    before = [d for d in followups if d.report.report_year < year]
    if not before:
        return
    latest = before[-1]
    covered = {d.report.report_year: set(d.result.models()) for d in before}
    place = Place(portfolio.path, portfolio.locate)
    for index, model in enumerate(portfolio.result.models):
        first = model.first_full_year
        if model.status != "active" or latest.report.report_year < first:
            continue
        if model.id in covered[latest.report.report_year]:
            continue
        earlier = [y for y, models in covered.items() if model.id in models]
        years = ", ".join(str(y) for y in covered)
        if earlier:
            why = (
                f"is not in the {latest.report.report_year} follow-up "
                f"(last followed up in {earlier[-1]})"
            )
        else:
            why = f"was never followed up: no follow-up report ({years}) covers it"
        yield place.finding(
            "BC506",
            Severity.WARNING,
            ("models", index, "id"),
            f"model {model.id!r} is active and {why}, though its first full year was {first}",
            model.id,
        )
