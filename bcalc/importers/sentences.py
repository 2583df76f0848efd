"""Figures stated in running text: "Den årlige investering på 2 mio. kr.", "15 færre
helårspersoner årligt ..., med halv effekt i 2026", "en nettogevinst på ca. 6,1 mio.
kr. i budgetperioden", and the notes under an overview."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bcalc.importers.claims import Claim, Unplaced
from bcalc.importers.document import Location
from bcalc.importers.figures import FIGURE, SHARE_WORDS, UNIT, Passage, Printed
from bcalc.numbers import format_danish, quantum_of

_F = r"(?P<fig>(?:(?:ca\.?|omkring|cirka)\s+)?[-−–]?\d[\d.,]*\**)"
_U = r"\s*(?:mio\.?\s*kr\.?|mio\.|mill\.?\s*kr\.?|t\.\s?kr\.?|tusinde?\s+kr\.?|kr\.)"


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    field: tuple[str, ...]
    kind: str | None = None
    money: bool = True  # the figure must carry a unit: "220 ledige" is no amount


def _p(text: str, path: tuple[str, ...], kind: str | None = None, money: bool = True) -> _Pattern:
    return _Pattern(re.compile(text.replace("{F}", _F).replace("{U}", _U)), path, kind, money)


_COMPONENTS = ("savings", "components")
# Specific readings first: a figure they take is not read again by a generic one.
_PATTERNS = (
    _p(r"(?<!\w)(?:årlige?\s+|samlede?\s+)?investering(?:en)?\s+(?:på|af)\s+{F}", ("investment",)),
    _p(r"forsørgelsesudgift\w*\s*:?\s*(?:på\s+)?{F}", _COMPONENTS, "forsørgelse"),
    _p(r"besparelse\s+på\s+{F}{U}\s+på\s+forsørgelses", _COMPONENTS, "forsørgelse"),
    _p(r"decentrale\s+udgifter[^:.]{0,120}:\s*{F}", _COMPONENTS, "decentral"),
    _p(r"udgifter\s+til\s+indsatsen[^.]{0,120}?\s+på\s+{F}", _COMPONENTS, "decentral"),
    _p(r"resultattilskudd?\w*\s+på\s+{F}", _COMPONENTS, "resultattilskud"),
    _p(r"skatteindtægt\w*\s+(?:på\s+)?{F}", _COMPONENTS, "skatteindtægter"),
    _p(r"årlig\s+nettogevinst\s*:?\s*(?:på\s+)?{F}", ("stated", "average_net_gain")),
    _p(r"nettogevinst\s+på\s+{F}", ("stated", "period_net_gain")),
    _p(r"nettoudgift\s+på\s+{F}", ("stated", "period_net_cost")),
    _p(r"besparelse\s+på\s+{F}", ("savings",)),
    _p(r"{F}\s+færre\s+helårspersoner", ("helaarspersoner",), money=False),
)
_PERIOD = re.compile(r"budgetperiode|i perioden|over\s+(?:de\s+)?(?:fire|4)\s+år")
_PHASE_IN = re.compile(
    r"med\s+(?:en\s+)?(?P<share>halv|halvt|fuld|\d+\s*(?:%|pct\.?|procent))\s+effekt\s+i\s+"
    r"(?P<year>(?:19|20|21)\d\d)"
)
_NET_WORDS = re.compile(r"netto(?:gevinst|udgift)")
_TAX_NOT_COUNTED = re.compile(r"skatteindtægt\w*[^.]{0,60}?ikke\s+(?:er\s+)?medregnet")
_SAVING_NAMES = {
    "forsørgelse": "Forsørgelsesudgifter",
    "decentral": "Decentrale udgifter",
    "resultattilskud": "Resultattilskud",
    "skatteindtægter": "Skatteindtægter",
}


@dataclass
class Reading:
    """What running text says about one proposal (or the file)."""

    claims: list[Claim] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_span(
    passage: Passage,
    start: int,
    end: int,
    owner: int | None,
    rank: int,
    taken: set[Location],
    owner_name: str,
) -> Reading:
    """Claims from the text between two offsets. ``taken`` holds the places of figures
    already read (from tables); figures read here are added to it."""
    reading = Reading()
    text = passage.lower
    matched: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.regex.finditer(text, start, end):
            figure_match = FIGURE.match(passage.text, match.start("fig"))
            if figure_match is None:
                continue
            figure = passage.figure(figure_match)
            if figure.where in taken or (pattern.money and figure.unit is None):
                continue
            sentence = passage.sentence(match.start(), match.end())
            path = pattern.field
            if path[1:] == ("period_net_gain",) or path[1:] == ("period_net_cost",):
                sentence_end = passage.bounds(match.start())[1]
                if not _PERIOD.search(passage.lower, match.start(), sentence_end):
                    reading.unplaced.append(
                        Unplaced(figure.where, sentence, "a net figure without a period")
                    )
                    taken.add(figure.where)
                    continue
            taken.add(figure.where)
            matched.append((match.start(), figure_match.end()))
            name = _SAVING_NAMES.get(pattern.kind or "")
            claim = Claim(
                owner, path, figure, rank, sentence, figure.unit, None, pattern.kind, name
            )
            reading.claims.append(claim)
            if path == ("investment",):
                _investment_parts(passage, figure_match.end(), end, owner, rank, taken, reading)
            if path == ("helaarspersoner",):
                _phase_in(passage, figure_match.end(), owner, rank, reading)
    _unread_net_sentences(passage, start, end, matched, reading)
    _unread_money(passage, start, end, taken, reading, owner_name)
    for match in _TAX_NOT_COUNTED.finditer(text, start, end):
        where = passage.where(match.start()).describe()
        reading.notes.append(f"Skatteindtægterne er ikke medregnet ({where}).")
        break
    return reading


def _investment_parts(
    passage: Passage,
    after: int,
    end: int,
    owner: int | None,
    rank: int,
    taken: set[Location],
    reading: Reading,
) -> None:
    """ "... investering på 6,1 mio. kr. finansierer et løft af arbejdsgiverpuljen på 5,5
    mio. kr. samt 600 tusinde kr. til en ansættelse": two components of 6,1."""
    unit = UNIT.match(passage.text, after)
    position = unit.end() if unit else after
    funds = re.match(r"\s*finansierer\b", passage.lower[position:end])
    if funds is None:
        return
    begin = position + funds.end()
    stop = begin
    while stop < end and not (passage.text[stop] == "." and _sentence_end(passage.text, stop)):
        stop += 1
    money = [(o, f) for o, f in passage.figures(begin, stop) if f.unit is not None]
    if len(money) < 2:
        return
    previous = begin
    for offset, figure in money:
        unit_match = UNIT.match(passage.text, offset + len(figure.text))
        unit_end = unit_match.end() if unit_match else offset + len(figure.text)
        name = _name_before(passage.text[previous:offset]) or _name_after(
            passage.text[unit_end:stop]
        )
        taken.add(figure.where)
        sentence = passage.sentence(offset)
        name = name or "Del af investeringen"
        path = ("investment", "components")
        reading.claims.append(Claim(owner, path, figure, rank, sentence, figure.unit, name=name))
        previous = unit_end


def _sentence_end(text: str, offset: int) -> bool:
    following = text[offset + 1 : offset + 3]
    return not following.strip() or following.lstrip()[:1].isupper()


_ARTICLE = re.compile(r"^(?:samt|og|et|en|til|af|,)\s+", re.IGNORECASE)


def _name_before(text: str) -> str:
    words = " ".join(text.split())
    words = re.sub(r"\s*\bpå$", "", words)
    while (stripped := _ARTICLE.sub("", words)) != words:
        words = stripped
    words = words.strip(" ,")
    if words.lower() in ("samt", "og", ""):
        return ""
    return words[:1].upper() + words[1:]


def _name_after(text: str) -> str:
    words = re.split(r"[.,]|\bsamt\b", " ".join(text.split()))[0].strip()
    while (stripped := _ARTICLE.sub("", words)) != words:
        words = stripped
    return words[:1].upper() + words[1:]


def _phase_in(passage: Passage, after: int, owner: int | None, rank: int, reading: Reading) -> None:
    """ "19 færre helårspersoner årligt ..., med halv effekt i 2026"."""
    stop = after
    while stop < len(passage.text) and stop < after + 200:
        if passage.text[stop] == "." and _sentence_end(passage.text, stop):
            break
        stop += 1
    match = _PHASE_IN.search(passage.lower, after, stop)
    if match is None:
        return
    where = passage.where(match.start("share"))
    word = passage.text[match.start("share") : match.end("share")]
    share = SHARE_WORDS.get(word.lower())
    sentence = passage.sentence(match.start())
    if share is None:
        reading.unplaced.append(
            Unplaced(where, sentence, "a phase-in given in per cent: write the share (0,5) by hand")
        )
        return
    number = format_danish(share, quantum_of(share))
    figure = Printed(word, number, None, 0, None, None, where, False)
    year = int(match.group("year"))
    reading.claims.append(
        Claim(owner, ("helaarspersoner", "phase_in"), figure, rank, sentence, year=year)
    )


def _unread_net_sentences(
    passage: Passage, start: int, end: int, matched: list[tuple[int, int]], reading: Reading
) -> None:
    """ "en mindre nettogevinst i budgetperioden": a net figure promised, none given."""
    for match in _NET_WORDS.finditer(passage.lower, start, end):
        if any(a <= match.start() < b for a, b in matched):
            continue
        sentence = passage.sentence(match.start())
        has_figure = any(True for _ in FIGURE.finditer(sentence))
        reason = "a figure bcalc could not read here" if has_figure else "no figure"
        reading.unplaced.append(Unplaced(passage.where(match.start()), sentence, reason))


def _unread_money(
    passage: Passage,
    start: int,
    end: int,
    taken: set[Location],
    reading: Reading,
    owner_name: str,
) -> None:
    """Every amount with a unit in a proposal's text that no pattern read."""
    for offset, figure in passage.figures(start, end):
        if figure.unit is None or figure.where in taken:
            continue
        taken.add(figure.where)
        reading.unplaced.append(
            Unplaced(
                figure.where,
                passage.sentence(offset),
                f"an amount ({figure.text} {figure.unit_text}) in {owner_name} "
                "that bcalc did not place",
            )
        )
