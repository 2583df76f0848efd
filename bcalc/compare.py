"""Two or more calculated case files → what changed between them. Pure: no I/O.

Files come oldest first. Proposals are matched by ``id`` through one dictionary, so
matching is linear in the number of proposals. Each proposal is then:

* **new**: not in the first file, but in the last;
* **ended**: not in the last file (also one that appears only in a middle file);
* **changed**: in the first and the last file, and its annual average investment,
  savings, net gain or helårspersoner differ between the files it is in (a value
  against no value counts as a change), or it is missing from a file in between;
* **unchanged**: in every file with the same four averages.

Figures are compared as *annual averages* over each business case's own period, so
that budget periods of different years (or lengths) can be set side by side, and all
money is converted to one unit: that of the newest file.

An ended and a new proposal whose titles are the same or nearly so ("§17.4 - X" and
"X", "X" and "X via Y") are reported as a *likely match* with the reason, never
merged: the ids say they are different proposals, and only a person can say
otherwise. The search indexes titles by their words, so it is linear too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

from bcalc import explain
from bcalc.calc import convert
from bcalc.intervals import Figure
from bcalc.results import (
    AVERAGES,
    Change,
    Comparison,
    FileResult,
    LikelyMatch,
    PeriodResult,
    ProposalComparison,
    Status,
    Values,
)
from bcalc.units import Unit


def compare_files(results: Sequence[FileResult]) -> Comparison:
    """Compare calculated files, oldest first. A file may be compared with itself."""
    if len(results) < 2:
        raise ValueError("a comparison needs at least two files")
    unit = results[-1].unit
    count = len(results)
    by_id: dict[str, list[Values | None]] = {}
    for index, result in enumerate(results):
        for proposal in result.proposals:
            row = by_id.setdefault(proposal.id, [None] * count)
            if row[index] is None:  # a duplicated id is refused by the loader; keep the first
                row[index] = _values(
                    proposal.title,
                    proposal.unit,
                    proposal.first_year,
                    proposal.last_year,
                    proposal.period,
                    unit,
                )
    proposals = [_proposal(pid, tuple(row)) for pid, row in by_id.items()]
    search = find_likely_matches(
        [Titled(p.id, _title_in(p, p.last_file), p.first_file, p.last_file) for p in proposals],
        [Titled(p.id, _title_in(p, p.first_file), p.first_file, p.last_file) for p in proposals],
        count,
    )
    matched: dict[str, list[LikelyMatch]] = {}
    for match in search.matches:
        matched.setdefault(match.old_id, []).append(match)
        matched.setdefault(match.new_id, []).append(match)
    proposals = [
        p.model_copy(update={"likely_matches": tuple(matched[p.id])}) if p.id in matched else p
        for p in proposals
    ]
    totals = tuple(
        _values(r.title, r.unit, r.first_year, r.last_year, r.totals.period, unit) for r in results
    )
    counts = dict.fromkeys(Status, 0)
    for compared in proposals:
        counts[compared.status] += 1
    proposals = [_explained(p, results, unit) for p in proposals]
    return Comparison(
        files=tuple(results),
        unit=unit,
        proposals=tuple(proposals),
        counts=counts,
        totals=totals,
        total_changes={name: _change(list(totals), name) for name in AVERAGES},
        likely_matches=tuple(search.matches),
        scored_pairs=search.scored_pairs,
        savings_explained=explain.portfolio_change(results, unit),
    )


def _explained(
    proposal: ProposalComparison, results: Sequence[FileResult], unit: Unit
) -> ProposalComparison:
    """The proposal with its change in savings split, where it is in two files."""
    if proposal.first_file == proposal.last_file:
        return proposal
    old, new = (
        next((p for p in results[index].proposals if p.id == proposal.id), None)
        for index in (proposal.first_file, proposal.last_file)
    )
    explained = explain.proposal_change(old, new, unit)
    return proposal if explained is None else proposal.model_copy(update={"explained": explained})


def _values(
    title: str, source: Unit, first: int, last: int, period: PeriodResult, target: Unit
) -> Values:
    def money(figure: Figure | None) -> Figure | None:
        return None if figure is None else convert(figure, source, target)

    average_investment = money(period.average_investment)
    investment = money(period.investment)
    assert average_investment is not None and investment is not None
    return Values(
        title=title,
        unit=source,
        period=(first, last),
        years=period.years,
        average_investment=average_investment,
        average_savings=money(period.average_savings),
        average_net_gain=money(period.average_net_gain),
        average_helaarspersoner=period.average_helaarspersoner,
        investment=investment,
        savings=money(period.savings),
        net_gain=money(period.net_gain),
        helaarspersoner=period.helaarspersoner,
    )


def _value(figure: Figure | None) -> Decimal | None:
    return None if figure is None else figure.value


def _change(present: list[Values], name: str) -> Change:
    """``present``: the values of the files a proposal is in, oldest first."""
    values = [_value(v.figure(name)) for v in present]
    changed = any(a != b for a, b in pairwise(values))
    return Change(old=present[0].figure(name), new=present[-1].figure(name), changed=changed)


def _proposal(proposal_id: str, values: tuple[Values | None, ...]) -> ProposalComparison:
    indexes = [i for i, v in enumerate(values) if v is not None]
    first, last = indexes[0], indexes[-1]
    present = [v for v in values if v is not None]
    changes = {name: _change(present, name) for name in AVERAGES} if len(present) > 1 else {}
    if last < len(values) - 1:
        status = Status.ENDED
    elif first > 0:
        status = Status.NEW
    else:
        gap = len(indexes) != last - first + 1
        changed = gap or any(c.changed for c in changes.values())
        status = Status.CHANGED if changed else Status.UNCHANGED
    return ProposalComparison(
        id=proposal_id, title=present[-1].title, status=status, values=values, changes=changes
    )


def _title_in(proposal: ProposalComparison, index: int) -> str:
    values = proposal.values[index]
    assert values is not None
    return values.title


# --- Likely matches: titles indexed by their words ----------------------------------

# "§17.4 - ", "§ 17 – ": a paragraph reference before the title proper.
_PREFIX = re.compile(r"^\s*§\s*\d+(?:[.,]\d+)*\s*[-–—:]?\s*")
_WORD = re.compile(r"[^\W_]+")
# Danish function words; they neither suggest a match nor count towards one. "flere"
# begins half of all titles ("Flere ledige i job"), so it says nothing either.
STOPWORDS = frozenset(
    {
        "af", "at", "de", "den", "det", "der", "en", "et", "for", "fra", "få", "have", "i",
        "ind", "med", "og", "om", "op", "på", "samt", "skal", "som", "til", "ud", "under",
        "ved", "via", "flere",
    }
)  # fmt: skip
# A word in more titles than this is too common to propose candidates on its own; it
# still counts when two titles are scored. This bounds the pairs scored per title, so
# the search stays linear however large the portfolio.
COMMON_WORD_LIMIT = 50
# Two titles are a likely match when every significant word of the shorter one is in
# the longer ("X" and "X via Y"; the shorter needs two such words), or when they share
# this share of their significant words (Jaccard index).
MIN_CONTAINED_WORDS = 2
MIN_JACCARD = Fraction(3, 5)


@dataclass(frozen=True, slots=True)
class Titled:
    """A proposal as the likely-match search sees it: which files it is in."""

    id: str
    title: str
    first_file: int
    last_file: int


@dataclass(frozen=True, slots=True)
class NormalTitle:
    prefix: str  # a stripped "§17.4 -" prefix, as written
    rest: str  # the title after the prefix, as written
    words: tuple[str, ...]  # lower-cased words of ``rest``
    originals: tuple[str, ...]  # the same words as written
    significant: frozenset[str]  # ``words`` less STOPWORDS


def normalise_title(title: str) -> NormalTitle:
    match = _PREFIX.match(title)
    prefix = match.group(0).strip() if match else ""
    rest = title[match.end() :] if match else title
    originals = tuple(_WORD.findall(rest))
    words = tuple(w.lower() for w in originals)
    return NormalTitle(prefix, rest.strip(), words, originals, frozenset(words) - STOPWORDS)


@dataclass(frozen=True)
class MatchSearch:
    matches: list[LikelyMatch]
    scored_pairs: int  # how many title pairs were compared: linear, not quadratic


# How alike two titles are, best highest: same words, then the Jaccard index and the
# containment in millionths (only to rank candidates; thresholds are tested exactly).
_Score = tuple[bool, int, int]
_MILLION = 1_000_000


def find_likely_matches(
    old: Sequence[Titled], new: Sequence[Titled], file_count: int
) -> MatchSearch:
    """Likely matches between proposals that ended and proposals that are new.

    An old proposal must have left (not be in the last file) and a new one arrived
    (not be in the first) after the old one's last file. Each proposal is matched at
    most once in each role, best score first.
    """
    leaving = [t for t in old if t.last_file < file_count - 1]
    arriving = [t for t in new if t.first_file > 0]
    titles = {t.title: normalise_title(t.title) for t in (*leaving, *arriving)}
    by_words: dict[tuple[str, ...], list[int]] = {}
    by_word: dict[str, list[int]] = {}
    for index, item in enumerate(arriving):
        normal = titles[item.title]
        by_words.setdefault(normal.words, []).append(index)
        for word in normal.significant:
            by_word.setdefault(word, []).append(index)
    scored = 0
    pairs: list[tuple[_Score, int, int]] = []
    for old_index, item in enumerate(leaving):
        normal = titles[item.title]
        candidates = set(by_words.get(normal.words, [])[:COMMON_WORD_LIMIT])
        for word in normal.significant:
            posting = by_word.get(word, [])
            if len(posting) <= COMMON_WORD_LIMIT:
                candidates.update(posting)
        for new_index in sorted(candidates):
            if arriving[new_index].first_file <= item.last_file:
                continue
            scored += 1
            score = _score(normal, titles[arriving[new_index].title])
            if score is not None:
                pairs.append((score, -old_index, -new_index))
    pairs.sort(reverse=True)  # best first; among equals, the first listed
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    found: list[tuple[int, LikelyMatch]] = []
    for _, old_key, new_key in pairs:
        old_index, new_index = -old_key, -new_key
        if old_index in taken_old or new_index in taken_new:
            continue
        taken_old.add(old_index)
        taken_new.add(new_index)
        before, after = leaving[old_index], arriving[new_index]
        reason = _reason(titles[before.title], titles[after.title])
        reason_danish = _reason(titles[before.title], titles[after.title], danish=True)
        found.append(
            (
                old_index,
                LikelyMatch(
                    old_id=before.id,
                    old_title=before.title,
                    old_file=before.last_file,
                    new_id=after.id,
                    new_title=after.title,
                    new_file=after.first_file,
                    reason=reason,
                    reason_danish=reason_danish,
                ),
            )
        )
    found.sort(key=lambda item: item[0])  # in the order the old proposals are listed
    return MatchSearch([match for _, match in found], scored)


def _score(old: NormalTitle, new: NormalTitle) -> _Score | None:
    if old.words == new.words:
        return (True, _MILLION, _MILLION)
    shared = len(old.significant & new.significant)
    if not shared:
        return None
    smaller = min(len(old.significant), len(new.significant))
    union = len(old.significant) + len(new.significant) - shared
    contained = shared == smaller and smaller >= MIN_CONTAINED_WORDS
    if not (contained or Fraction(shared, union) >= MIN_JACCARD):
        return None
    return (False, shared * _MILLION // union, shared * _MILLION // smaller)


def _reason(old: NormalTitle, new: NormalTitle, danish: bool = False) -> str:
    """Why two titles are a likely match, in English (JSON, messages) or Danish (tables)."""
    words = _DANISH if danish else _ENGLISH
    if old.words == new.words:
        return _same_words_reason(old, new, words)
    only_old = _extra(old, new)
    only_new = _extra(new, old)
    if only_old and only_new:
        shared = len(old.significant & new.significant)
        reason = words["similar"].format(
            shared=shared,
            of=len(old.significant | new.significant),
            old=only_old,
            new=only_new,
        )
    else:
        reason = f"{words['except']} '{only_old or only_new}'"
    if old.prefix != new.prefix:
        reason += f" {words['and']} {_prefix_text(old, new, words)}"
    return reason


_ENGLISH = {
    "similar": "similar title ({shared} of {of} significant words shared): '{old}' became '{new}'",
    "except": "same title except",
    "same": "same title",
    "and": "and",
    "prefix": "the prefix",
    "case": "case",
    "punctuation": "punctuation",
}
_DANISH = {
    "similar": "lignende titel ({shared} af {of} betydende ord fælles): '{old}' blev til '{new}'",
    "except": "samme titel bortset fra",
    "same": "samme titel",
    "and": "og",
    "prefix": "præfikset",
    "case": "store og små bogstaver",
    "punctuation": "tegnsætning",
}


def _extra(title: NormalTitle, other: NormalTitle) -> str:
    """The words of ``title`` not in ``other``, as written."""
    words = set(other.words)
    return " ".join(o for o, w in zip(title.originals, title.words, strict=True) if w not in words)


def _prefix_text(old: NormalTitle, new: NormalTitle, words: dict[str, str]) -> str:
    prefixes = [p for p in (old.prefix, new.prefix) if p]
    return " / ".join(f"{words['prefix']} '{p}'" for p in prefixes)


def _same_words_reason(old: NormalTitle, new: NormalTitle, words: dict[str, str]) -> str:
    differences = []
    if old.prefix != new.prefix:
        differences.append(_prefix_text(old, new, words))
    if old.rest != new.rest:
        if old.rest.lower() == new.rest.lower():
            differences.append(words["case"])
        elif " ".join(old.originals) == " ".join(new.originals):
            differences.append(words["punctuation"])
        else:
            differences.append(f"{words['case']} {words['and']} {words['punctuation']}")
    if not differences:
        return words["same"]
    return f"{words['except']} " + f" {words['and']} ".join(differences)
