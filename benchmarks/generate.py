#!/usr/bin/env python3
"""Generate a synthetic national corpus of bcalc case files, deterministically.

One file per municipality and budget year, ``<out>/full/<municipality>/<year>.yaml``,
in the real case-file format (see ``bcalc/kinds/budget.py`` and ``cases/*.yaml``):

* investments of 0,5–10 mio. kr. a year per proposal; savings of 1,0–2,4 times that,
  often ramping up over the first year; helårspersoner at 150–260 t.kr. saved each;
* numbers written both as Danish strings ("2,6", "8.500", "ca. 6,1") and as plain
  YAML numbers (2.6, 8500); about one file in five in t.kr.; per-year mappings in
  flow and block style; investments and savings split into components (some written
  with their own unit: "600 t.kr.", "300.000 kr."); helårspersoner as a number, a
  per-year mapping or ``annual`` + ``phase_in``; about one file in seven with
  ``sign_convention: gain_negative`` (savings written negative, "Gevinst (-)" rows);
* every stated figure is computed from the written inputs (exact decimals) and
  rounded half up to one decimal, so a correct checker finds nothing to report,
  except for a few deliberate mismatches, listed in ``<out>/manifest.json`` with file,
  line, figure path (as ``bcalc.findings.dotted`` writes it), stated and correct value.

Each file is generated from its own random stream, seeded by (seed, municipality,
year), so ``--municipalities 12`` gives exactly the first 12 municipality folders of
the full corpus. Slices (``--slices``, on by default) are hard links (copies where
links are impossible) in ``<out>/slices/1-8``, ``1-4`` and ``1-2``, holding the first
12, 24 and 49 of the 98 municipalities (n // 8, n // 4, n // 2); ``full`` is the whole
corpus. The manifest gives each slice's file count, for scaling ratios exactly.
The generator needs only the standard library.

    python benchmarks/generate.py --out benchmarks/.corpus
    python benchmarks/generate.py --out /tmp/small --municipalities 4 --years 2 --proposals 10
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

GENERATOR_VERSION = 1

D = Decimal
ZERO = D(0)
ONE = D(1)
TENTH = D("0.1")
KRONER = {"kr.": D(1), "t.kr.": D(1000), "mio. kr.": D(1_000_000)}

# The 98 Danish municipalities (kommuner), alphabetical as Danes sort them.
# fmt: off
MUNICIPALITIES = [
    "Albertslund", "Allerød", "Assens", "Ballerup", "Billund", "Bornholm", "Brøndby",
    "Brønderslev", "Dragør", "Egedal", "Esbjerg", "Fanø", "Favrskov", "Faxe",
    "Fredensborg", "Fredericia", "Frederiksberg", "Frederikshavn", "Frederikssund",
    "Furesø", "Faaborg-Midtfyn", "Gentofte", "Gladsaxe", "Glostrup", "Greve", "Gribskov",
    "Guldborgsund", "Haderslev", "Halsnæs", "Hedensted", "Helsingør", "Herlev", "Herning",
    "Hillerød", "Hjørring", "Holbæk", "Holstebro", "Horsens", "Hvidovre", "Høje-Taastrup",
    "Hørsholm", "Ikast-Brande", "Ishøj", "Jammerbugt", "Kalundborg", "Kerteminde",
    "Kolding", "København", "Køge", "Langeland", "Lejre", "Lemvig", "Lolland",
    "Lyngby-Taarbæk", "Læsø", "Mariagerfjord", "Middelfart", "Morsø", "Norddjurs",
    "Nordfyns", "Nyborg", "Næstved", "Odder", "Odense", "Odsherred", "Randers", "Rebild",
    "Ringkøbing-Skjern", "Ringsted", "Roskilde", "Rudersdal", "Rødovre", "Samsø",
    "Silkeborg", "Skanderborg", "Skive", "Slagelse", "Solrød", "Sorø", "Stevns", "Struer",
    "Svendborg", "Syddjurs", "Sønderborg", "Thisted", "Tønder", "Tårnby", "Vallensbæk",
    "Varde", "Vejen", "Vejle", "Vesthimmerland", "Viborg", "Vordingborg", "Ærø",
    "Aabenraa", "Aalborg", "Aarhus",
]

TARGET_GROUPS = [
    "Forsikrede", "Jobparate kontanthjælpsmodtagere", "Aktivitetsparate", "Uddannelseshjælp",
    "Sygedagpenge", "Jobafklaringsforløb", "Ressourceforløb", "Fleksjobvisiterede",
    "Flygtninge og familiesammenførte", "Langtidsledige akademikere", "Unge under 30 år",
    "Seniorer over 55 år", "Blandet", "Kontant-/uddannelseshjælp",
]
INITIATIVES = [
    "Flere ledige i job via virksomhedspraktik", "Styrket samarbejde med arbejdsgiverne",
    "Flere unge hurtigere i uddannelse og job", "Opkvalificering til mangelområder",
    "Virksomhedsøvebaner for langtidssygemeldte", "Mentorordning for udsatte ledige",
    "Flere hænder til velfærdsområderne via IGU", "Tidlig indsats for sygemeldte",
    "Job med løntilskud i private virksomheder", "Brobygning til erhvervsuddannelse",
    "Individuel job placering og støtte (IPS)", "Småjobs til udsatte borgere",
    "Fast track for nyledige dimittender", "Flere i fleksjob med få timer",
    "Sundhedsfaglig indsats i jobcentret", "Digitalt jobsøgningskursus",
    "Flere ikke-vestlige kvinder i job", "Branchepakker med jobgaranti",
    "Intensiveret kontaktforløb for seniorer", "Helhedsorienteret indsats for familier",
]
INVESTMENT_PARTS = [
    "Job- og virksomhedskonsulenter", "Løft af arbejdsgiverpuljen", "Ansættelse af medarbejder",
    "Kursusudgifter", "Mentorordning", "Privat aktør", "Uddannelsesløft", "Administration",
]
SAVING_PARTS = [
    ("Forsørgelsesudgifter", "forsørgelse"),
    ("Decentrale udgifter", "decentral"),
    ("Forøgede resultattilskud", "resultattilskud"),
    ("Øvrige besparelser", "andet"),
]
PARTIES = ["SF/EL/V", "V/EL", "EL", "S/SF", "S/V/K", "RV/ALT", "DF/V", "S"]
UNIT_SPELLINGS = {
    "mio. kr.": ["mio. kr.", "mio. kr.", "mio.kr.", "Mio. kr."],
    "t.kr.": ["t.kr.", "t.kr.", "t. kr.", "1.000 kr."],
}
# fmt: on


# ---------------------------------------------------------------------------------------
# Numbers: exact values and how they are written


def slug(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(c if c.isalnum() else "-" for c in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def round_half_up(value: Decimal, quantum: Decimal) -> Decimal:
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


def danish_text(value: Decimal, decimals: int) -> str:
    """2.6 → "2,6"; 8500 → "8.500"; -1234.5 → "-1.234,5" (no quotes)."""
    text = f"{abs(value):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"-{text}" if value < 0 else text


def plain_text(value: Decimal, decimals: int) -> str:
    return f"{value:.{decimals}f}"


@dataclass
class Written:
    """A number as it will appear in the file: its exact value (in its ``suffix`` unit
    if it has one), the decimals it is written with, and the notation."""

    value: Decimal
    decimals: int
    danish: bool = True
    approx: bool = False
    suffix: str | None = None  # a unit written after the number: "600 t.kr."

    def yaml(self) -> str:
        if self.danish or self.approx or self.suffix:
            text = danish_text(self.value, self.decimals)
            if self.suffix:
                text = f"{text} {self.suffix}"
            if self.approx:
                text = f"ca. {text}"
            return f'"{text}"'
        return plain_text(self.value, self.decimals)

    def tolerance(self) -> Decimal:
        quantum = D(1).scaleb(-self.decimals)
        return quantum / 2 + (quantum if self.approx else ZERO)


# ---------------------------------------------------------------------------------------
# Writing YAML by hand, so that every scalar is written exactly as chosen and every
# line number is known for the manifest.


class Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, indent: int, text: str) -> int:
        self.lines.append(" " * indent + text)
        return len(self.lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


@dataclass
class Series:
    """Per-year exact values in the proposal's unit, and their rounding tolerance."""

    values: dict[int, Decimal]
    tolerance: dict[int, Decimal]

    @staticmethod
    def zeros(years: list[int]) -> Series:
        return Series({y: ZERO for y in years}, {y: ZERO for y in years})

    def __add__(self, other: Series) -> Series:
        return Series(
            {y: v + other.values[y] for y, v in self.values.items()},
            {y: t + other.tolerance[y] for y, t in self.tolerance.items()},
        )

    def __sub__(self, other: Series) -> Series:
        return Series(
            {y: v - other.values[y] for y, v in self.values.items()},
            {y: t + other.tolerance[y] for y, t in self.tolerance.items()},
        )

    def scaled(self, factor: Decimal) -> Series:
        return Series(
            {y: v * factor for y, v in self.values.items()},
            {y: t * factor for y, t in self.tolerance.items()},
        )

    def period(self) -> tuple[Decimal, Decimal]:
        return sum(self.values.values(), ZERO), sum(self.tolerance.values(), ZERO)


@dataclass
class Stated:
    """Stated figures of one proposal (or the file), before writing: name → exact value
    (or per-year exact values), plus how to write each."""

    figures: dict[str, Decimal | dict[int, Decimal]] = field(default_factory=dict)
    tolerance: dict[str, Decimal] = field(default_factory=dict)
    approx: set[str] = field(default_factory=set)
    suffix: dict[str, tuple[str, Decimal]] = field(default_factory=dict)  # unit, factor


@dataclass
class Mismatch:
    file: str
    line: int
    proposal: str | None
    figure: str
    code: str  # the rule that should report it, as bcalc 0.1 numbers them
    stated: str
    correct: str


@dataclass
class Candidate:
    """A stated figure that may be made wrong: where it is and what it should be."""

    figure: str  # path as bcalc.findings.dotted writes it, without the year
    line: int
    exact: Decimal | dict[int, Decimal]
    tolerance: Decimal  # of the figure computed from the inputs
    unit: str
    proposal: str | None


@dataclass
class ProposalData:
    id: str
    investment: Series  # exact per-year values in the proposal's unit
    savings: Series | None  # as gains (positive), whatever the sign convention
    factor: Decimal  # proposal unit → file unit
    candidates: list[Candidate]


def expected_code(figure: str) -> str:
    if figure.startswith("stated."):
        return "BC104"  # a file-level total
    if ".total" in figure:
        return "BC103"  # a components total
    name = figure.split(".stated.")[1].split(".")[0]
    return "BC102" if name.startswith(("period_", "average_")) else "BC101"


class FileWriter:
    """Writes one case file from its own random stream."""

    def __init__(
        self,
        rng: random.Random,
        municipality: str,
        year: int,
        proposals: int,
        mismatch_rate: float,
        rel_path: str,
    ) -> None:
        self.rng = rng
        self.municipality = municipality
        self.year = year
        self.n_proposals = proposals
        self.mismatch_rate = mismatch_rate
        self.rel_path = rel_path
        self.years = list(range(year, year + 4))
        self.out = Lines()
        self.mismatches: list[Mismatch] = []
        self.tkr = rng.random() < 0.2
        self.unit = "t.kr." if self.tkr else "mio. kr."
        self.unit_now = self.unit  # the unit of the proposal being written
        self.negative = rng.random() < 0.15
        self.plain_share = rng.choice([0.0, 0.3, 0.5, 0.8])  # how often plain numbers

    # -- numbers ----------------------------------------------------------------------

    def style(self, unit: str) -> tuple[int, bool]:
        """How one row of figures is written: decimals (in mio. kr.) and Danish or plain.
        A row keeps one style, as a printed table does."""
        roll = self.rng.random()
        decimals = 1 if roll < 0.75 else (0 if roll < 0.85 else 2)
        return (0 if unit == "t.kr." else decimals), self.rng.random() >= self.plain_share

    def written(self, value_mio: Decimal, unit: str, style: tuple[int, bool]) -> Written:
        """An input figure near ``value_mio`` mio. kr., rounded as documents round it."""
        decimals, danish = style
        if unit == "t.kr.":
            step = D(50)
            value = (value_mio * 1000 / step).quantize(D(1), rounding=ROUND_HALF_UP) * step
            return Written(value, 0, danish)
        if decimals == 0 and value_mio < 3:  # whole millions only for larger figures
            decimals = 1
        return Written(round_half_up(value_mio, D(1).scaleb(-decimals)), decimals, danish)

    def stated_written(self, exact: Decimal, danish: bool | None = None) -> Written:
        """A stated figure: the exact value rounded half up to one decimal (written
        without the decimal in t.kr. when it is a whole number, as documents do)."""
        value = round_half_up(exact, TENTH)
        if danish is None:
            danish = self.rng.random() >= self.plain_share
        if self.unit_now == "t.kr." and value == value.to_integral_value():
            return Written(value.quantize(D(1)), 0, danish)
        return Written(value, 1, danish)

    # -- flows ------------------------------------------------------------------------

    def pattern(self, kind: str) -> list[Decimal]:
        rng = self.rng
        if kind == "investment":
            shape = rng.choices(["flat", "front", "tail", "stop"], [70, 10, 10, 10])[0]
            return {
                "flat": [D(1)] * 4,
                "front": [D("1.5"), D(1), D(1), D("0.5")],
                "tail": [D(1), D(1), D(1), D("0.5")],
                "stop": [D(1), D(1), D("0.5"), ZERO],
            }[shape]
        shape = rng.choices(["flat", "ramp", "grow"], [35, 45, 20])[0]
        if shape == "flat":
            return [D(1)] * 4
        if shape == "ramp":
            return [D(rng.choice(["0.3", "0.4", "0.5", "0.6", "0.7"])), D(1), D(1), D(1)]
        return [D("0.4"), D("0.8"), D(1), D(1)]

    def write_series(self, indent: int, key: str, values: list[Written]) -> int:
        """``key: "2,6"`` when one figure serves every year, else a per-year mapping."""
        if all(v.yaml() == values[0].yaml() for v in values) and self.rng.random() < 0.85:
            return self.out.add(indent, f"{key}: {values[0].yaml()}")
        if self.rng.random() < 0.7:
            pairs = ", ".join(f"{y}: {v.yaml()}" for y, v in zip(self.years, values, strict=True))
            return self.out.add(indent, f"{key}: {{{pairs}}}")
        line = self.out.add(indent, f"{key}:")
        for y, v in zip(self.years, values, strict=True):
            self.out.add(indent + 2, f"{y}: {v.yaml()}")
        return line

    def series_of(self, values: list[Written], factor: Decimal = ONE) -> Series:
        return Series(
            {y: v.value * factor for y, v in zip(self.years, values, strict=True)},
            {y: v.tolerance() * factor for y, v in zip(self.years, values, strict=True)},
        )

    def flow(
        self, indent: int, key: str, kind: str, level_mio: Decimal, unit: str, sign: int
    ) -> tuple[Series, int | None]:
        """Write an investment or savings flow; return its per-year exact values as
        written (savings negative when ``sign`` is -1) and the line of a stated
        components total (or None)."""
        rng = self.rng
        shape = self.pattern(kind)
        if rng.random() < 0.3:  # split into named components
            return self.components(indent, key, kind, level_mio, unit, shape, sign)
        style = self.style(unit)
        values = self.signed([self.written(level_mio * s, unit, style) for s in shape], sign)
        self.write_series(indent, key, values)
        return self.series_of(values), None

    def signed(self, values: list[Written], sign: int) -> list[Written]:
        if sign > 0:
            return values
        return [
            Written(-v.value if v.value else v.value, v.decimals, v.danish, v.approx, v.suffix)
            for v in values
        ]

    def components(
        self,
        indent: int,
        key: str,
        kind: str,
        level_mio: Decimal,
        unit: str,
        shape: list[Decimal],
        sign: int,
    ) -> tuple[Series, int | None]:
        rng = self.rng
        count = rng.choice([2, 2, 3])
        if kind == "investment":
            names = [(n, None) for n in rng.sample(INVESTMENT_PARTS, count)]
        else:
            names = [SAVING_PARTS[0], *rng.sample(SAVING_PARTS[1:], count - 1)]
        shares = [D(rng.randint(2, 8)) for _ in names]
        if kind == "savings":
            shares[0] *= 3  # forsørgelse carries most of the saving
        share_sum = sum(shares, ZERO)
        self.out.add(indent, f"{key}:")
        self.out.add(indent + 2, "components:")
        total = Series.zeros(self.years)
        for (name, part_kind), share in zip(names, shares, strict=True):
            part_mio = level_mio * share / share_sum
            self.out.add(indent + 4, f"- name: {name}")
            if part_kind is not None and (part_kind != "andet" or rng.random() < 0.5):
                self.out.add(indent + 6, f"kind: {part_kind}")
            if unit == "mio. kr." and part_mio < 1 and rng.random() < 0.4:
                # "600 t.kr." or "300.000 kr." inside a mio. kr. business case
                own = rng.choice(["t.kr.", "kr."])
                factor = KRONER[own] / KRONER["mio. kr."]
                step = D(10) if own == "t.kr." else D(10_000)
                amount = (part_mio / factor / step).quantize(D(1), ROUND_HALF_UP) * step
                written = Written(amount, 0, True, suffix=own)
                values = self.signed([written] * 4, sign)
                self.out.add(indent + 6, f"amount: {values[0].yaml()}")
                part = self.series_of(values, factor)
            else:
                part_shape = shape if rng.random() < 0.8 else [D(1)] * 4
                style = self.style(unit)
                values = [self.written(part_mio * s, unit, style) for s in part_shape]
                values = self.signed(values, sign)
                self.write_series(indent + 6, "amount", values)
                part = self.series_of(values)
            total = total + part
        total_line = None
        if rng.random() < 0.6:
            danish = self.rng.random() >= self.plain_share
            stated = [self.stated_written(total.values[y], danish) for y in self.years]
            total_line = self.write_series(indent + 2, "total", stated)
        return total, total_line

    # -- proposals --------------------------------------------------------------------

    def proposal(self, index: int, used_ids: set[str]) -> ProposalData:
        rng, out = self.rng, self.out
        title = rng.choice(INITIATIVES)
        base = slug(title)[:40].rstrip("-")
        pid = f"{base}-{index + 1}"
        assert pid not in used_ids
        used_ids.add(pid)
        out.add(2, f"- id: {pid}")
        out.add(4, f"number: {index + 1}")
        out.add(4, f"title: {title}")
        out.add(4, f"target_group: {rng.choice(TARGET_GROUPS)}")
        if rng.random() < 0.4:
            out.add(4, f"parties: {rng.choice(PARTIES)}")
        if rng.random() < 0.3:
            out.add(4, "description: >-")
            out.add(6, f"{title} for {rng.randint(20, 400)} borgere årligt, med opfølgning")
            out.add(6, "og en fast kontaktperson i hele forløbet.")
        unit = self.unit
        if not self.tkr and rng.random() < 0.03:
            unit = "t.kr."
            out.add(4, "unit: t.kr.")
        elif self.tkr and rng.random() < 0.05:
            unit = "mio. kr."
            out.add(4, "unit: mio. kr.")
        self.unit_now = unit
        factor_to_file = KRONER[unit] / KRONER[self.unit]
        unit_kroner = KRONER[unit]
        # Investment: log-uniform 0,5–10 mio. kr. a year.
        level = D(str(round(math.exp(rng.uniform(math.log(0.5), math.log(10))), 3)))
        if rng.random() < 0.2:
            out.add(4, f"# Business case, slide {rng.randint(3, 30)}.")
        investment, inv_total_line = self.flow(4, "investment", "investment", level, unit, 1)
        sign = -1 if self.negative else 1
        savings = saved = None
        sav_total_line = None
        if rng.random() < 0.92:
            ratio = D(str(round(rng.uniform(1.0, 2.4), 2)))
            saved, sav_total_line = self.flow(4, "savings", "savings", level * ratio, unit, sign)
            # Computations use savings as gains (bcalc flips gain_negative inputs).
            savings = Series({y: v * sign for y, v in saved.values.items()}, saved.tolerance)
        if rng.random() < 0.7 and savings is not None:
            self.persons(savings, unit_kroner)
        if rng.random() < 0.1:
            out.add(4, "notes: Stigning i skatteindtægterne er ikke medregnet.")
        stated = self.proposal_stated(investment, savings)
        lines = self.write_stated(4, stated)
        candidates = [
            Candidate(
                f"proposals[{index}].stated.{name}",
                lines[name],
                stated.figures[name],
                stated.tolerance[name],
                unit,
                pid,
            )
            for name in self.MISMATCHABLE
            if name in stated.figures and name not in stated.suffix
        ]
        for key, series, line in (
            ("investment", investment, inv_total_line),
            ("savings", saved, sav_total_line),
        ):
            if line is not None and series is not None:
                figure = f"proposals[{index}].{key}.total"
                tolerance = max(series.tolerance.values())
                candidates.append(
                    Candidate(figure, line, dict(series.values), tolerance, unit, pid)
                )
        return ProposalData(pid, investment, savings, factor_to_file, candidates)

    def persons(self, savings: Series, unit_kroner: Decimal) -> None:
        rng, out = self.rng, self.out
        mature = max(savings.values.values())
        per_person = D(rng.randint(150, 260)) * 1000
        annual = max(1, round(mature * unit_kroner / per_person))
        form = rng.random()
        danish = rng.random() >= self.plain_share and rng.random() < 0.3
        text = f'"{annual}"' if danish else str(annual)
        if form < 0.45:
            out.add(4, f"helaarspersoner: {text}")
        elif form < 0.75:
            out.add(4, "helaarspersoner:")
            out.add(6, f"annual: {text}")
            share = rng.choice(["0,5", "0,25", "0,75"])
            share_text = f'"{share}"' if rng.random() < 0.7 else share.replace(",", ".")
            out.add(6, f"phase_in: {{{self.years[0]}: {share_text}}}")
        else:
            counts = {
                y: max(0, round(annual * float(v / mature))) if mature else annual
                for y, v in savings.values.items()
            }
            pairs = ", ".join(f"{y}: {c}" for y, c in counts.items())
            out.add(4, f"helaarspersoner: {{{pairs}}}")

    def proposal_stated(self, investment: Series, savings: Series | None) -> Stated:
        rng = self.rng
        stated = Stated()
        inv_period, inv_tol = investment.period()
        style = rng.choices(["slides", "business_case", "period", "none"], [35, 30, 25, 10])[0]
        if self.negative and style in ("slides", "period"):
            style = "business_case"
        if style == "none":
            return stated
        if style == "slides":
            return self.stated_averages(stated, investment, savings)
        if style == "business_case":
            stated.figures["investment"] = dict(investment.values)
            stated.tolerance["investment"] = max(investment.tolerance.values())
            if self.unit_now == "mio. kr." and rng.random() < 0.3:
                stated.suffix["investment"] = ("t.kr.", D(1000))  # "8.500 t.kr." in a mio file
            if savings is not None:
                sign = -1 if self.negative else 1
                if not self.negative:
                    stated.figures["savings"] = dict(savings.values)
                    stated.tolerance["savings"] = max(savings.tolerance.values())
                net = savings - investment
                stated.figures["net_gain"] = {y: v * sign for y, v in net.values.items()}
                stated.tolerance["net_gain"] = max(net.tolerance.values())
                total, tol = net.period()
                name = "period_net_gain" if total >= 0 else "period_net_cost"
                stated.figures[name] = abs(total)
                stated.tolerance[name] = tol
                if rng.random() < 0.6:
                    stated.approx.add(name)
            return stated
        # "period": totals over the budget period and the cumulative row
        stated.figures["period_investment"] = inv_period
        stated.tolerance["period_investment"] = inv_tol
        if savings is not None:
            sav_period, sav_tol = savings.period()
            stated.figures["period_savings"] = sav_period
            stated.tolerance["period_savings"] = sav_tol
            net = savings - investment
            running, cumulative = ZERO, {}
            for y in self.years:
                running += net.values[y]
                cumulative[y] = running
            stated.figures["cumulative_net_gain"] = cumulative
            stated.tolerance["cumulative_net_gain"] = net.period()[1]
        return stated

    def write_stated(self, indent: int, stated: Stated) -> dict[str, int]:
        """Write a ``stated:`` block; return the line of each figure."""
        if not stated.figures:
            return {}
        lines: dict[str, int] = {}
        self.out.add(indent, "stated:")
        for name, exact in stated.figures.items():
            if isinstance(exact, dict):
                if name in stated.suffix:
                    suffix, factor = stated.suffix[name]
                    values = [
                        Written(round_half_up(v * factor, D(1)), 0, True, suffix=suffix)
                        for v in exact.values()
                    ]
                else:
                    danish = self.rng.random() >= self.plain_share
                    values = [self.stated_written(v, danish) for v in exact.values()]
                lines[name] = self.write_series(indent + 2, name, values)
            else:
                written = self.stated_written(exact)
                written.approx = name in stated.approx
                lines[name] = self.out.add(indent + 2, f"{name}: {written.yaml()}")
        return lines

    # -- mismatches -------------------------------------------------------------------

    MISMATCHABLE = (
        "average_investment",
        "average_savings",
        "period_investment",
        "period_savings",
        "investment",
        "savings",
        "net_gain",
    )

    def perturb(self, candidate: Candidate) -> None:
        """Rewrite the figure so that it is clearly wrong: well beyond the rounding
        tolerance of both the inputs and the stated figure."""
        rng = self.rng
        self.unit_now = candidate.unit
        scale = D(1000) if candidate.unit == "t.kr." else D(1)
        line, figure, exact = candidate.line, candidate.figure, candidate.exact
        tolerance = candidate.tolerance
        old = self.out.lines[line - 1]
        key, _, rest = old.partition(":")
        rest = rest.strip()
        year: int | None = None
        if isinstance(exact, dict):
            if rest.startswith("{") or not rest:  # a per-year mapping: pick one year
                year = rng.choice(list(exact))
                figure = f"{figure}.{year}"
                correct = exact[year]
            else:  # equal years written once
                correct = next(iter(exact.values()))
        else:
            correct = exact
        margin = max(scale, tolerance * 4 + TENTH * scale)
        offset = round_half_up(margin * D(rng.choice(["1", "1.5", "2", "3"])), TENTH)
        # Investment and savings move away from zero, so that their sign stays valid.
        away = -1 if correct < 0 else 1
        direction = rng.choice([1, -1]) if "net_gain" in figure else away
        wrong = round_half_up(correct, TENTH) + offset * direction
        written = self.stated_written(wrong)
        written.approx = rest.startswith('"ca. ')
        if year is None:
            self.out.lines[line - 1] = f"{key}: {written.yaml()}"
        elif rest:
            self.out.lines[line - 1] = self.replace_year(old, year, written.yaml())
        else:
            target = line  # 0-based index of the line after ``key:``
            while not self.out.lines[target].strip().startswith(f"{year}:"):
                target += 1
            indent = len(self.out.lines[target]) - len(self.out.lines[target].lstrip())
            self.out.lines[target] = f"{' ' * indent}{year}: {written.yaml()}"
            line = target + 1
        self.mismatches.append(
            Mismatch(
                self.rel_path,
                line,
                candidate.proposal,
                figure,
                expected_code(figure),
                written.yaml().strip('"'),
                f"{correct:f}",
            )
        )

    @staticmethod
    def replace_year(line: str, year: int, value: str) -> str:
        """Replace one year's value in a flow mapping ``{2026: "1,3", 2027: 2.6}``."""
        start = line.index(f"{year}: ") + len(f"{year}: ")
        if line[start] == '"':  # quoted Danish numbers contain commas
            end = line.index('"', start + 1) + 1
        else:
            end = min(i for i in (line.find(",", start), line.index("}", start)) if i >= 0)
        return line[:start] + value + line[end:]

    # -- the file ---------------------------------------------------------------------

    def write(self) -> str:
        """The whole file: header, file-level stated totals, proposals. The proposals
        are written first (the totals need them), then the parts are put in order."""
        rng = self.rng
        header = Lines()
        header.add(
            0,
            f"# Budget {self.year}: investeringsforslag på beskæftigelsesområdet, "
            f"{self.municipality} Kommune.",
        )
        header.add(0, "# Synthetic: generated by benchmarks/generate.py.")
        header.add(0, f"budget_year: {self.year}")
        header.add(0, f"title: Investeringsforslag, Budget {self.year}")
        header.add(0, f"municipality: {self.municipality} Kommune")
        if rng.random() < 0.5:
            header.add(0, f"source: Budget {self.year}, Bilag {rng.randint(1, 9)}")
        header.add(0, f"unit: {rng.choice(UNIT_SPELLINGS[self.unit])}")
        if rng.random() < 0.3:
            header.add(0, f"period: [{self.years[0]}, {self.years[-1]}]")
        if self.negative:
            header.add(0, '# The business cases print "Besparelse (-)" and "Gevinst (-)" rows.')
            header.add(0, "sign_convention: gain_negative")
        elif rng.random() < 0.3:
            header.add(0, "sign_convention: gain_positive")
        if rng.random() < 0.1:
            header.add(0, "checks:")
            header.add(2, "saving_per_helaarsperson:")
            header.add(4, 'minimum: "25 t.kr."')
            header.add(4, 'maximum: "1.000 t.kr."')
        file_style = rng.choices(["averages", "investment", "none"], [30, 20, 50])[0]

        self.out.add(0, "")
        self.out.add(0, "proposals:")
        used: set[str] = set()
        proposals = [self.proposal(i, used) for i in range(self.n_proposals)]

        block = Lines()
        file_candidates: list[Candidate] = []
        if file_style != "none":
            stated = self.file_stated(file_style, proposals)
            if stated.figures:
                block.add(0, "")
                self.unit_now = self.unit
                lines = self.write_stated_into(block, stated)
                file_candidates = [
                    Candidate(
                        f"stated.{name}",
                        len(header.lines) + lines[name],
                        stated.figures[name],
                        stated.tolerance[name],
                        self.unit,
                        None,
                    )
                    for name in ("average_investment", "investment")
                    if name in lines
                ]
        shift = len(header.lines) + len(block.lines)
        for proposal in proposals:
            for candidate in proposal.candidates:
                candidate.line += shift
        self.out.lines = header.lines + block.lines + self.out.lines

        if rng.random() < self.mismatch_rate:
            if file_candidates and rng.random() < 0.15:
                self.perturb(file_candidates[0])
            else:
                options = [c for p in proposals for c in p.candidates]
                if options:
                    self.perturb(rng.choice(options))
        return self.out.text()

    def write_stated_into(self, target: Lines, stated: Stated) -> dict[str, int]:
        saved, self.out = self.out, target
        try:
            return self.write_stated(0, stated)
        finally:
            self.out = saved

    def file_stated(self, style: str, proposals: list[ProposalData]) -> Stated:
        stated = Stated()
        n = len(self.years)
        investment = Series.zeros(self.years)
        savings: Series | None = Series.zeros(self.years)
        for p in proposals:
            investment = investment + p.investment.scaled(p.factor)
            if p.savings is None or savings is None:
                savings = None
            else:
                savings = savings + p.savings.scaled(p.factor)
        inv_period, inv_tol = investment.period()
        if style == "investment":
            stated.figures["investment"] = dict(investment.values)
            stated.tolerance["investment"] = max(investment.tolerance.values())
            return stated
        if self.negative:
            stated.figures["average_investment"] = inv_period / n
            stated.tolerance["average_investment"] = inv_tol / n
            return stated
        return self.stated_averages(stated, investment, savings)

    def stated_averages(self, stated: Stated, investment: Series, savings: Series | None) -> Stated:
        """The slides' "Gns. årlig investering / besparelse / gevinst" lines."""
        n = len(self.years)
        inv_period, inv_tol = investment.period()
        stated.figures["average_investment"] = inv_period / n
        stated.tolerance["average_investment"] = inv_tol / n
        if savings is not None:
            sav_period, sav_tol = savings.period()
            stated.figures["average_savings"] = sav_period / n
            stated.tolerance["average_savings"] = sav_tol / n
            stated.figures["average_net_gain"] = (sav_period - inv_period) / n
            stated.tolerance["average_net_gain"] = (sav_tol + inv_tol) / n
        return stated


# ---------------------------------------------------------------------------------------
# The corpus


def municipality_names(count: int) -> list[str]:
    names = list(MUNICIPALITIES[:count])
    for extra in range(len(names), count):
        names.append(f"{MUNICIPALITIES[extra % len(MUNICIPALITIES)]} {extra // 98 + 1}")
    return names


def file_seed(seed: int, municipality: str, year: int) -> int:
    digest = hashlib.sha256(f"{seed}|{municipality}|{year}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def slice_counts(municipalities: int) -> dict[str, int]:
    """Municipalities in each slice: the first n // 8, n // 4, n // 2 (at least one)."""
    return {
        label: max(1, municipalities // part)
        for label, part in (("1-8", 8), ("1-4", 4), ("1-2", 2))
    }


def generator_fingerprint() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def generate(
    out: Path,
    municipalities: int,
    years: int,
    proposals: int,
    seed: int,
    mismatch_rate: float,
    slices: bool,
    last_year: int = 2026,
    quiet: bool = False,
) -> dict[str, object]:
    if out.exists():
        shutil.rmtree(out)
    full = out / "full"
    names = municipality_names(municipalities)
    budget_years = list(range(last_year - years + 1, last_year + 1))
    mismatches: list[Mismatch] = []
    folders: list[str] = []
    total_bytes = 0
    for name in names:
        folder = slug(name)
        folders.append(folder)
        (full / folder).mkdir(parents=True, exist_ok=True)
        for year in budget_years:
            rel = f"{folder}/{year}.yaml"
            rng = random.Random(file_seed(seed, name, year))
            writer = FileWriter(rng, name, year, proposals, mismatch_rate, rel)
            text = writer.write()
            data = text.encode("utf-8")
            (full / rel).write_bytes(data)
            total_bytes += len(data)
            mismatches += writer.mismatches
        if not quiet:
            print(f"\r  {len(folders)}/{len(names)} municipalities", end="", file=sys.stderr)
    if not quiet:
        print(file=sys.stderr)
    slice_info: dict[str, dict[str, object]] = {}
    if slices:
        for label, count in slice_counts(municipalities).items():
            target = out / "slices" / label
            for folder in folders[:count]:
                (target / folder).mkdir(parents=True, exist_ok=True)
                for year in budget_years:
                    source = full / folder / f"{year}.yaml"
                    try:
                        os.link(source, target / folder / f"{year}.yaml")
                    except OSError:
                        shutil.copyfile(source, target / folder / f"{year}.yaml")
            slice_info[label] = {
                "path": f"slices/{label}",
                "municipalities": count,
                "files": count * len(budget_years),
            }
    slice_info["all"] = {
        "path": "full",
        "municipalities": municipalities,
        "files": municipalities * len(budget_years),
    }
    manifest: dict[str, object] = {
        "generator": "benchmarks/generate.py",
        "generator_version": GENERATOR_VERSION,
        "generator_fingerprint": generator_fingerprint(),
        "parameters": {
            "municipalities": municipalities,
            "years": years,
            "proposals": proposals,
            "seed": seed,
            "mismatch_rate": mismatch_rate,
            "budget_years": budget_years,
        },
        "files": municipalities * len(budget_years),
        "bytes": total_bytes,
        "slices": slice_info,
        "municipality_folders": folders,
        "mismatches_note": (
            "Deliberate errors: each stated figure listed here is off from what its inputs "
            "give by well over the rounding tolerance (offset >= 1 mio. kr. / 1.000 t.kr. and "
            ">= 4x the input tolerance); 'correct' is the exact value from the inputs in the "
            "figure's unit. Every other stated figure is the exact value rounded half up to "
            "one decimal and must not be reported."
        ),
        "mismatches": [m.__dict__ for m in mismatches],
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return manifest


def find_bcalc(explicit: str | None = None) -> list[str]:
    """The bcalc command: ``explicit``, else next to this Python, on PATH, or ``-m``."""
    if explicit:
        return [explicit]
    beside = Path(sys.executable).parent / "bcalc"
    found = str(beside) if beside.exists() else shutil.which("bcalc")
    return [found] if found else [sys.executable, "-m", "bcalc"]


def verify(out: Path, manifest: dict[str, object], sample: int, bcalc: list[str]) -> bool:
    """Load a sample of the corpus with bcalc: ``bcalc compute --format json`` must exit 0
    with one document per file, and, where ``bcalc check`` exists, its errors must be
    exactly the manifest's mismatches in those files (same file, line and code)."""
    full = out / "full"
    files = sorted(str(p.relative_to(full)) for p in full.rglob("*.yaml"))
    mismatches: list[dict[str, object]] = manifest["mismatches"]  # type: ignore[assignment]
    step = max(1, len(files) // max(1, sample))
    chosen = set(files[::step][:sample]) | {str(m["file"]) for m in mismatches[: sample // 2]}
    chosen_files = sorted(chosen)
    ok = True
    compute = subprocess.run(
        [*bcalc, "compute", "--format", "json", *chosen_files],
        cwd=full,
        capture_output=True,
        text=True,
    )
    documents = json.loads(compute.stdout)["files"] if compute.returncode == 0 else []
    if compute.returncode != 0 or len(documents) != len(chosen_files):
        print(f"verify: bcalc compute exit {compute.returncode}: {compute.stderr[-500:]}")
        ok = False
    else:
        print(f"verify: bcalc compute --format json: {len(chosen_files)} files load, exit 0")
    check = subprocess.run(
        [*bcalc, "check", "--format", "json", *chosen_files],
        cwd=full,
        capture_output=True,
        text=True,
    )
    if check.returncode not in (0, 1):
        if "No such command" in check.stderr or "no such command" in check.stderr.lower():
            print("verify: bcalc check does not exist; skipped")
            return ok
        print(f"verify: bcalc check exit {check.returncode}: {check.stderr[-500:]}")
        return False
    found = {
        (f["file"], f["line"], f["code"])
        for f in json.loads(check.stdout)["findings"]
        if f["severity"] == "error"
    }
    expected = {(m["file"], m["line"], m["code"]) for m in mismatches if m["file"] in chosen}
    if found != expected:
        print(
            f"verify: bcalc check: unexpected {sorted(found - expected)[:5]}, "
            f"missed {sorted(expected - found)[:5]}"
        )
        return False
    print(
        f"verify: bcalc check: the {len(expected)} deliberate mismatches in these files, "
        "and no other error"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).parent / ".corpus",
        help="output folder (replaced); default benchmarks/.corpus",
    )
    parser.add_argument("--municipalities", type=int, default=98)
    parser.add_argument("--years", type=int, default=10, help="budget years, ending 2026")
    parser.add_argument("--proposals", type=int, default=50, help="proposals per file")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--mismatch-rate",
        type=float,
        default=0.04,
        help="share of files given one deliberate mismatch",
    )
    parser.add_argument(
        "--no-slices", dest="slices", action="store_false", help="do not write slices/1-8, 1-4, 1-2"
    )
    parser.add_argument(
        "--verify",
        type=int,
        nargs="?",
        const=40,
        default=0,
        metavar="N",
        help="afterwards, run bcalc compute and bcalc check on about N files (default 40)",
    )
    parser.add_argument("--bcalc", default=None, help="the bcalc command for --verify")
    args = parser.parse_args(argv)
    if min(args.municipalities, args.years, args.proposals) < 1:
        parser.error("--municipalities, --years and --proposals must be at least 1")
    manifest = generate(
        args.out,
        args.municipalities,
        args.years,
        args.proposals,
        args.seed,
        args.mismatch_rate,
        args.slices,
    )
    mismatches: list[object] = manifest["mismatches"]  # type: ignore[assignment]
    size = int(manifest["bytes"]) / 1e6  # type: ignore[call-overload]
    print(
        f"{args.out}: {manifest['files']} files, {size:.1f} MB, "
        f"{len(mismatches)} deliberate mismatches (see manifest.json)"
    )
    if args.verify:
        return 0 if verify(args.out, manifest, args.verify, find_bcalc(args.bcalc)) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
