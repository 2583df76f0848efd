from decimal import Decimal

import pytest

from bcalc.numbers import Unit, format_danish, parse_danish, parse_plain, parse_unit


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


@pytest.mark.parametrize("text", ["2,6,3", "", "1.23", "abc", "2.6.3,1", "ca."])
def test_malformed_danish_numbers_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_danish(text)


@pytest.mark.parametrize("text", ["nan", "inf", "1e999999", "0.0000001"])
def test_plain_numbers_out_of_range_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_plain(text)


def test_danish_formatting() -> None:
    assert format_danish(Decimal("8500"), Decimal(1)) == "8.500"
    assert format_danish(Decimal("-1234.56"), Decimal("0.1")) == "-1.234,6"
    assert format_danish(Decimal("-0.04"), Decimal("0.1")) == "0,0"
