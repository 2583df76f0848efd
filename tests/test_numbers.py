import re
from decimal import Decimal

import pytest

from bcalc.numbers import format_danish, parse_danish, parse_plain
from bcalc.units import Unit, parse_unit


@pytest.mark.parametrize(
    ("text", "value", "quantum"),
    [
        ("2,6", "2.6", "0.1"),
        ("8.500", "8500", "1"),
        ("1.234,5", "1234.5", "0.1"),
        ("-11,5", "-11.5", "0.1"),
        ("0", "0", "1"),
        ("3,0", "3.0", "0.1"),
        ("1.234", "1234", "1"),  # a dot is always a thousands separator
        ("1 234", "1234", "1"),  # so is a space, in groups of three
        ("12 345 678,9", "12345678.9", "0.1"),
        ("1\u00a0234", "1234", "1"),  # no-break space, as copied from Word or a PDF
        ("1\u202f234,50", "1234.50", "0.01"),  # narrow no-break space
        ("\u22122,6", "-2.6", "0.1"),  # the typographic minus sign
        ("+2,6", "2.6", "0.1"),
    ],
)
def test_danish_numbers_keep_their_written_precision(text: str, value: str, quantum: str) -> None:
    amount = parse_danish(text)
    assert (amount.value, amount.quantum) == (Decimal(value), Decimal(quantum))


def test_plain_yaml_numbers_keep_trailing_zeros() -> None:
    assert parse_plain("2.60").quantum == Decimal("0.01")
    assert parse_plain("8500").quantum == Decimal(1)


def test_approximate_marks_widen_tolerance_by_one_unit() -> None:
    amount = parse_danish("ca. 6,1")
    assert amount.approx and amount.value == Decimal("6.1")
    assert amount.tolerance == Decimal("0.15")
    assert parse_danish("omkring 0,3").approx


def test_unit_suffix() -> None:
    amount = parse_danish("300.000 kr.")
    assert (amount.value, amount.unit) == (Decimal(300000), Unit.KR)
    assert parse_danish("3.450 t.kr.").unit is Unit.TKR
    assert parse_unit("t. kr.") is Unit.TKR
    assert parse_unit("Mio. kr.") is Unit.MIO


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2,6,3", "'2,6,3' is not a Danish number"),
        ("", "'' is not a Danish number"),
        ("1.23", "'1.23' is not a Danish number"),
        ("abc", "'abc' is not a number; write it in digits"),
        ("tre", "'tre' is not a number; write it in digits, e.g. \"2,6\""),
        ("femogtyve", "'femogtyve' is not a number"),
        ("2 mia. kr.", "unknown unit 'mia. kr.'"),
        ("2.6.3,1", "'2.6.3,1' is not a Danish number"),
        ("ca.", "'ca.' is not a Danish number"),
        ("1 2 3", 'a space may only group thousands: "1 234"'),
        ("12 34", 'a space may only group thousands: "1 234"'),
        ("1.234 567", 'a space may only group thousands: "1 234"'),
        ("- 2,6", "'- 2,6' is not a Danish number"),
        ("\u0661\u0662", "is not a Danish number"),  # Arabic-Indic digits
        ("1,", "'1,' is not a Danish number"),
        (",5", "',5' is not a Danish number"),
        ("nan", "'nan' is not a number"),
        ("9" * 16, "is too large to be a budget figure"),
        ("2,1234567", "has more than 6 decimals"),
    ],
)
def test_malformed_danish_numbers_are_rejected(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)):
        parse_danish(text)


@pytest.mark.parametrize(
    ("spelling", "unit"),
    [
        ("kr.", Unit.KR),
        ("kroner", Unit.KR),
        ("Kr.", Unit.KR),
        ("t.kr.", Unit.TKR),
        ("T. KR.", Unit.TKR),
        ("tusind kr.", Unit.TKR),
        ("tusinde kr.", Unit.TKR),
        ("Tusinde kroner", Unit.TKR),
        ("1.000 kr.", Unit.TKR),
        ("mio. kr.", Unit.MIO),
        ("Mio. kr.", Unit.MIO),
        ("MIO.KR.", Unit.MIO),
        ("mio kr", Unit.MIO),
        ("mill. kr.", Unit.MIO),
        ("mill.kr", Unit.MIO),
        ("Mill.", Unit.MIO),
        ("millioner kr.", Unit.MIO),
        ("millioner kroner", Unit.MIO),
    ],
)
def test_danish_unit_spellings_in_any_case(spelling: str, unit: Unit) -> None:
    assert parse_unit(spelling) is unit
    if not spelling[0].isdigit():  # "1.000 kr." names a file's unit, not a figure's
        assert parse_danish(f"2,6 {spelling}").unit is unit


@pytest.mark.parametrize("spelling", ["mia. kr.", "€", "kr.kr.", "dkk", "procent"])
def test_unknown_units_are_refused(spelling: str) -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        parse_unit(spelling)


@pytest.mark.parametrize(
    ("text", "ambiguous"),
    [("1.234", True), ("-12.345", True), ("1.234,5", False), ("12.345.678", False)],
)
def test_one_dot_group_is_marked_ambiguous(text: str, ambiguous: bool) -> None:
    assert parse_danish(text).ambiguous is ambiguous


@pytest.mark.parametrize(
    ("text", "ambiguous"), [("1.234", True), ("8.500", True), ("2.6", False), ("1.2345", False)]
)
def test_plain_three_decimals_are_marked_ambiguous(text: str, ambiguous: bool) -> None:
    assert parse_plain(text).ambiguous is ambiguous


def test_ambiguity_does_not_change_equality() -> None:
    assert parse_danish("1.234") == parse_danish("1234")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("nan", "'nan' is not a finite number"),
        ("-inf", "'-inf' is not a finite number"),
        (".nan", "'.nan' is not a number"),
        ("1e999999", "'1e999999' is too large to be a budget figure"),
        ("1e15", "too large"),
        ("0.0000001", "has more than 6 decimals"),
        ("0x1F", "'0x1F' is not a number"),
    ],
)
def test_plain_numbers_out_of_range_are_rejected(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)):
        parse_plain(text)


def test_danish_formatting() -> None:
    assert format_danish(Decimal("8500"), Decimal(1)) == "8.500"
    assert format_danish(Decimal("-1234.56"), Decimal("0.1")) == "-1.234,6"
    assert format_danish(Decimal("-0.04"), Decimal("0.1")) == "0,0"
