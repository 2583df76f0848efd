"""A draft case file: what was recognised, arranged in bcalc's format.

``Draft.data`` is the case file as plain data, every figure a Danish string exactly
as printed ("2,6", "8.500", "ca. 6,1"); ``Draft.sources`` gives each figure's place
by its dotted path. When a field is printed more than once the business case's own
table wins, then the overview and its notes, then running text; the other places
are named in a comment when they agree and listed for checking when they do not.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from bcalc.findings import FigurePath, dotted
from bcalc.importers.claims import Claim, Unplaced
from bcalc.importers.recognize import FoundProposal, Recognition, proposal_negative
from bcalc.sources import SourceRef
from bcalc.units import Unit

_INPUT_OF: dict[tuple[str, ...], str] = {
    ("stated", "average_investment"): "investment",
    ("stated", "average_savings"): "savings",
    ("stated", "investment"): "investment",
}
_COMPONENT_ORDER = ("forsørgelse", "decentral", "resultattilskud", "andet", "skatteindtægter")


@dataclass
class Draft:
    """A case file recognised from a document, to be read against it by a person."""

    document: str  # the document's path as given
    kind: str  # text, docx, pptx, pdf
    size: str  # "417 lines", "8 slides"
    sha256: str
    data: dict[str, Any]
    sources: dict[str, SourceRef]
    comments: dict[str, str]  # dotted path of a field → where it was read, for a comment
    unplaced: list[Unplaced] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)
    not_read: int = 0


def build_draft(recognition: Recognition, document: str) -> Draft:
    """Arrange the claims of a recognised document as a case file."""
    builder = _Builder(recognition)
    data = builder.file()
    doc = recognition.document
    unplaced = sorted(recognition.unplaced, key=lambda u: _order(u.where))
    return Draft(
        document=document,
        kind=doc.kind,
        size=doc.size(),
        sha256=doc.sha256,
        data=data,
        sources=builder.sources,
        comments=builder.comments,
        unplaced=unplaced,
        to_check=recognition.to_check + builder.to_check,
        not_read=recognition.not_read,
    )


def _order(where: Any) -> tuple[int, ...]:
    return tuple(
        getattr(where, name) or 0
        for name in ("page", "slide", "table", "row", "line", "paragraph", "column", "char")
    )


def slug(title: str) -> str:
    """A stable id from a title: lower case, a-z, 0-9 and '-', at most 60 characters."""
    text = title.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text)
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > 60:
            break
        result = candidate
    return result or "forslag"


class _Builder:
    def __init__(self, recognition: Recognition) -> None:
        self.recognition = recognition
        self.sources: dict[str, SourceRef] = {}
        self.comments: dict[str, str] = {}
        self.to_check: list[str] = []
        self.unit = recognition.unit.unit if recognition.unit else None
        self.claims: dict[int | None, list[Claim]] = defaultdict(list)
        for claim in recognition.claims:
            self.claims[claim.owner].append(claim)

    # -- the file ---------------------------------------------------------------

    def file(self) -> dict[str, Any]:
        rec = self.recognition
        data: dict[str, Any] = {}
        if rec.budget_year is not None:
            data["budget_year"] = int(rec.budget_year.number)
            self._source(("budget_year",), rec.budget_year.where, rec.budget_year.text)
            self._comment(("budget_year",), rec.budget_year.where, rec.budget_year_context)
        else:
            self.to_check.append("no budget year found: write budget_year by hand")
        data["title"] = rec.title or "UDFYLD: dokumentets titel"
        if rec.title_where is not None:
            self._comment(("title",), rec.title_where, "")
        if rec.municipality:
            data["municipality"] = rec.municipality
        data["source"] = rec.document.name
        if rec.unit is not None:
            data["unit"] = rec.unit.unit.value
            self._source(("unit",), rec.unit.where, rec.unit.text)
            self._comment(("unit",), rec.unit.where, f"printed as {rec.unit.text!r}")
        else:
            self.to_check.append("no unit found: write unit (mio. kr., t.kr. or kr.) by hand")
        if rec.years:
            first, last = rec.years[0], rec.years[-1]
            data["period"] = [int(first.number), int(last.number)]
            self._source(("period", 0), first.where, first.text)
            self._source(("period", 1), last.where, last.text)
        negatives = [proposal_negative(p) for p in rec.proposals]
        known = [n for n in negatives if n is not None]
        self.file_negative = bool(known) and all(known)
        data["sign_convention"] = "gain_negative" if self.file_negative else "gain_positive"
        file_claims = self._moved(self.claims.get(None, []), None)
        stated = self._stated((), file_claims, self.unit)
        if stated:
            data["stated"] = stated
        proposals = []
        ids: set[str] = set()
        for index, found in enumerate(rec.proposals):
            proposals.append(self.proposal(index, found, ids))
        data["proposals"] = proposals
        if not proposals:
            self.to_check.append("no proposal found: bcalc found no overview and no 'Forslag N:'")
        return data

    def _input_from_overview(self, kind: str) -> bool:
        """Whether the proposals' ``kind`` (investment or savings) comes from the
        overview alone: then the overview's total is a stated total of that input."""
        for index in range(len(self.recognition.proposals)):
            for claim in self.claims.get(index, []):
                if claim.field[0] == kind and not claim.overview:
                    return False
        return True

    # -- one proposal -------------------------------------------------------------

    def proposal(self, index: int, found: FoundProposal, ids: set[str]) -> dict[str, Any]:
        base: FigurePath = ("proposals", index)
        data: dict[str, Any] = {}
        identifier = slug(found.title)
        while identifier in ids:
            identifier += "-2"
        ids.add(identifier)
        data["id"] = identifier
        if found.number is not None:
            data["number"] = int(found.number.number)
            self._source((*base, "number"), found.number.where, found.number.text)
        data["title"] = found.title
        self._comment((*base, "title"), found.title_where, "")
        if found.target_group:
            data["target_group"] = found.target_group
        if found.parties:
            data["parties"] = found.parties
        unit = self.unit
        table = found.table
        if table is not None and table.unit is not None and table.unit.unit != self.unit:
            unit = table.unit.unit
            data["unit"] = unit.value
            self._source((*base, "unit"), table.unit.where, table.unit.text)
        if table is not None:
            first, last = table.years[0], table.years[-1]
            data["period"] = [int(first.number), int(last.number)]
            self._source((*base, "period", 0), first.where, first.text)
            self._source((*base, "period", 1), last.where, last.text)
            self._comment((*base, "period"), table.rows[0].where, table.header)
        negative = proposal_negative(found)
        if negative is not None and negative != self.file_negative:
            data["sign_convention"] = "gain_negative" if negative else "gain_positive"
        claims = self._moved(self.claims.get(index, []), index)
        investment = self._flow((*base, "investment"), claims, "investment", unit)
        if investment is None:
            self.to_check.append(f"{found.title}: no investment found; write it by hand")
            investment = "UDFYLD"
        data["investment"] = investment
        savings = self._flow((*base, "savings"), claims, "savings", unit)
        if savings is not None:
            data["savings"] = savings
        persons = self._persons((*base, "helaarspersoner"), claims)
        if persons is not None:
            data["helaarspersoner"] = persons
        if found.notes:
            data["notes"] = " ".join(found.notes)
        stated = self._stated(base, claims, unit)
        if stated:
            data["stated"] = stated
        return data

    def _moved(self, claims: list[Claim], owner: int | None) -> list[Claim]:
        """An overview figure becomes the input when nothing else gives that input:
        Beskæftigelsesplan 2023's "Årlig investering" is the investment itself, and
        its "Samlet investering" a stated investment for all proposals."""
        own = {c.field[0] for c in claims if not c.overview}
        moved = []
        for claim in claims:
            kind = _INPUT_OF.get(claim.field) if claim.overview else None
            if kind is not None:
                if owner is None and self._input_from_overview(kind):
                    claim = replace(claim, field=("stated", kind))
                elif owner is not None and kind not in own:
                    claim = replace(claim, field=(kind,))
            moved.append(claim)
        return moved

    def _flow(self, path: FigurePath, claims: list[Claim], name: str, unit: Unit | None) -> Any:
        parts = [c for c in claims if c.field == (name, "components")]
        plain = [c for c in claims if c.field == (name,)]
        if parts:
            return self._components(path, parts, plain, claims, name, unit)
        return self._series(path, plain, unit)

    def _components(
        self,
        path: FigurePath,
        parts: list[Claim],
        plain: list[Claim],
        claims: list[Claim],
        name: str,
        unit: Unit | None,
    ) -> dict[str, Any]:
        groups: dict[str, list[Claim]] = defaultdict(list)
        for claim in parts:
            groups[claim.kind or claim.name or "andet"].append(claim)
        keys = sorted(
            groups,
            key=lambda k: (
                _COMPONENT_ORDER.index(k) if k in _COMPONENT_ORDER else len(_COMPONENT_ORDER)
            ),
        )
        components = []
        for number, key in enumerate(keys):
            chosen = self._choose(groups[key], unit)
            item: dict[str, Any] = {"name": chosen.name or key}
            if name == "savings":
                item["kind"] = chosen.kind or "andet"
            item["amount"] = self._put((*path, "components", number, "amount"), chosen, unit)
            self._comment((*path, "components", number), chosen.figure.where, chosen.context)
            components.append(item)
        result: dict[str, Any] = {"components": components}
        total_claims = plain
        if name == "savings" and not total_claims:
            total_claims = [c for c in claims if c.field == ("stated", "average_savings")]
        if len(components) >= 2 and total_claims:
            best = _best(total_claims) if not plain else self._choose(plain, unit)
            result["total"] = self._put((*path, "total"), best, unit)
            self._comment((*path, "total"), best.figure.where, best.context)
        elif plain:
            self._choose(plain, unit)
        return result

    def _series(self, path: FigurePath, claims: list[Claim], unit: Unit | None) -> Any:
        """One figure, or one per year."""
        if not claims:
            return None
        by_year = [c for c in claims if c.year is not None]
        if by_year:
            years: dict[int, list[Claim]] = defaultdict(list)
            for claim in by_year:
                years[claim.year or 0].append(claim)
            chosen = {year: self._choose(group, unit) for year, group in sorted(years.items())}
            for single in (c for c in claims if c.year is None):
                self._compare_single(path, single, list(chosen.values()), unit)
            self._comment(path, by_year[0].figure.where.without_char(), by_year[0].context)
            texts = {year: _text(c, unit) for year, c in chosen.items()}
            if len(set(texts.values())) == 1 and by_year[0].overview and path[0] == "proposals":
                # The overview prints the proposal's annual figure once for each year;
                # written once, it cannot clash with a business case labelled with
                # other years (Budget 2021).
                first = next(iter(chosen.values()))
                years_text = f"{min(chosen)}–{max(chosen)}"
                self.comments[dotted(path)] += f" (printed for each of {years_text})"
                return self._put(path, first, unit)
            return {year: self._put((*path, year), c, unit) for year, c in chosen.items()}
        chosen_one = self._choose(claims, unit)
        self._comment(path, chosen_one.figure.where, chosen_one.context)
        return self._put(path, chosen_one, unit)

    def _persons(self, path: FigurePath, claims: list[Claim]) -> Any:
        annual = [c for c in claims if c.field == ("helaarspersoner",)]
        phase = [c for c in claims if c.field == ("helaarspersoner", "phase_in")]
        if not phase:
            return self._series(path, annual, None)
        single = [c for c in annual if c.year is None]
        if not single:
            return self._series(path, annual, None)
        chosen = self._choose(single, None)
        self._comment(path, chosen.figure.where, chosen.context)
        result: dict[str, Any] = {"annual": self._put((*path, "annual"), chosen, None)}
        shares = {}
        for claim in phase:
            year = claim.year or 0
            shares[year] = self._put((*path, "phase_in", year), claim, None)
        result["phase_in"] = shares
        return result

    def _stated(self, base: FigurePath, claims: list[Claim], unit: Unit | None) -> dict[str, Any]:
        stated: dict[str, Any] = {}
        names = [
            "investment",
            "savings",
            "net_gain",
            "cumulative_net_gain",
            "period_investment",
            "period_savings",
            "period_net_gain",
            "period_net_cost",
            "average_investment",
            "average_savings",
            "average_net_gain",
        ]
        for name in names:
            group = [c for c in claims if c.field == ("stated", name)]
            value = self._series((*base, "stated", name), group, unit)
            if value is not None:
                stated[name] = value
        return stated

    # -- choosing among places that print one field ------------------------------

    def _choose(self, claims: list[Claim], unit: Unit | None) -> Claim:
        chosen = _best(claims)
        for other in claims:
            if other is chosen:
                continue
            self._compare_single(None, other, [chosen], unit)
        return chosen

    def _compare_single(
        self, path: FigurePath | None, other: Claim, chosen: list[Claim], unit: Unit | None
    ) -> None:
        where = other.figure.where.describe()
        agrees = all(_kroner(other, unit) == _kroner(c, unit) for c in chosen)
        if agrees:
            self._also.append((chosen[0], f"{where} ({other.figure.text})"))
        else:
            first = chosen[0]
            self.to_check.append(
                f"{first.figure.where.describe()} prints {first.figure.text!r}, but "
                f"{where} prints {other.figure.text!r} for the same figure: "
                f"{other.context!r}"
            )

    @property
    def _also(self) -> list[tuple[Claim, str]]:
        if not hasattr(self, "_also_list"):
            self._also_list: list[tuple[Claim, str]] = []
        return self._also_list

    # -- recording ------------------------------------------------------------------

    def _put(self, path: FigurePath, claim: Claim, unit: Unit | None) -> str:
        figure = claim.figure
        ref = figure.text
        own_unit = claim.unit is not None and claim.unit != unit and figure.unit == claim.unit
        if own_unit and figure.same_piece_unit:
            ref = f"{figure.text} {figure.unit_text}"
        self._source(path, figure.where, ref)
        also = [text for c, text in self._also if c is claim]
        if also:
            # A year's figure is commented on its row: the field's comment.
            key = dotted(path[:-1] if isinstance(path[-1], int) and path[-1] >= 1900 else path)
            self.comments[key] = self.comments.get(key, "") + "; also printed at " + ", ".join(also)
        return _text(claim, unit)

    def _source(self, path: FigurePath, where: Any, text: str) -> None:
        self.sources[dotted(path)] = SourceRef.at(where, text)

    def _comment(self, path: FigurePath, where: Any, context: str) -> None:
        text = where.describe()
        if context:
            text += f': "{context}"'
        self.comments[dotted(path)] = text


def _text(claim: Claim, unit: Unit | None) -> str:
    """The figure as the draft writes it: hedge and number as printed, and its unit
    when it is not the one around it."""
    figure = claim.figure
    text = f"{figure.hedge} {figure.number}" if figure.hedge else figure.number
    if claim.unit is not None and claim.unit != unit:
        printed = figure.unit == claim.unit and figure.same_piece_unit and figure.unit_text
        text += f" {figure.unit_text if printed else claim.unit.value}"
    return text


def _best(claims: list[Claim]) -> Claim:
    """The reading that wins: by rank, then the first printed."""
    return min(claims, key=lambda c: (c.rank, _order(c.figure.where)))


def _kroner(claim: Claim, unit: Unit | None) -> Decimal:
    own = claim.unit or unit
    value = claim.figure.value
    return value * own.kroner if own is not None else value
