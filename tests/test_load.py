"""The loader: every problem with its file line, all reported in one run."""

from decimal import Decimal

import pytest

from bcalc.load import load_text
from tests.conftest import CASES, load_case, problems_of

HEAD = "budget_year: 2026\ntitle: Test\nunit: mio. kr.\nproposals:\n"


def test_real_cases_load_without_problems() -> None:
    for name in ("2021.yaml", "2023.yaml", "2026.yaml"):
        loaded = load_case(name)
        assert loaded.case is not None


def test_source_map_points_at_written_lines() -> None:
    loaded = load_case("2021.yaml")
    # cases/2021.yaml line 37: the corona proposal's stated gain row.
    assert loaded.locate(("proposals", 0, "stated", "net_gain", 2021))[0] == 37
    assert loaded.lines[36].strip().startswith("net_gain:")


def test_several_schema_problems_are_all_reported_with_lines() -> None:
    text = HEAD + (
        "  - id: a\n"  # 5
        "    title: A\n"  # 6
        "    investmnet: 2\n"  # 7 typo
        '    savings: "2,6,3"\n'  # 8
        "  - id: b\n"  # 9
        "    title: B\n"  # 10
        "    investment: to millioner\n"  # 11
        "    unit: mia. kr.\n"  # 12
    )
    found = problems_of(text)
    assert [(code, line) for code, line, _ in found] == [
        ("BC002", 5),  # investment missing: points at the proposal
        ("BC002", 7),
        ("BC002", 8),
        ("BC002", 11),
        ("BC002", 12),
    ]
    assert "did you mean 'investment'" in found[1][2]
    assert "'to millioner' is not a number; write it in digits" in found[3][2]
    assert "unknown unit" in found[4][2]


def test_semantic_problems() -> None:
    text = HEAD + (
        "  - id: a\n"  # 5
        "    title: A\n"
        "    investment: -2\n"  # 7
        "    savings: {2026: 1, 2027: 1, 2028: 1, 2029: 1, 2031: 1}\n"  # 8
        "  - id: a\n"  # 9
        "    title: B\n"
        "    investment: 1\n"
    )
    found = problems_of(text)
    assert [(code, line) for code, line, _ in found] == [
        ("BC003", 7),
        ("BC003", 8),
        ("BC003", 9),
    ]
    assert "cannot be negative" in found[0][2]
    assert "2031 is outside the period 2026–2029" in found[1][2]
    assert "already used" in found[2][2]


def test_duplicate_keys_are_errors_not_silent_replacements() -> None:
    text = HEAD + "  - id: a\n    title: A\n    investment: {2026: 1, 2026: 2}\n"
    [(code, line, message)] = problems_of(text)
    assert (code, line) == ("BC001", 7)
    assert "written twice" in message


def test_not_yaml_and_wrong_shapes() -> None:
    assert problems_of("budget_year: [2026\n")[0][:2] == ("BC001", 2)
    assert "empty" in problems_of("")[0][2]
    assert "not a list" in problems_of("- a\n- b\n")[0][2]
    assert "not allowed" in problems_of("a: !!python/object:os.system x\n")[0][2]


def test_yes_no_where_an_amount_belongs() -> None:
    [(code, line, message)] = problems_of(HEAD + "  - id: a\n    title: A\n    investment: yes\n")
    assert (code, line) == ("BC002", 7)
    assert "yes/no" in message


def test_missing_years_in_an_input_mapping_are_errors() -> None:
    text = HEAD + "  - id: a\n    title: A\n    investment: {2026: 1, 2027: 1}\n"
    [(_, line, message)] = problems_of(text)
    assert line == 7 and "no figure for 2028, 2029" in message


def test_plain_yaml_number_keeps_written_precision() -> None:
    from bcalc.load import load_text

    loaded = load_text(HEAD + "  - id: a\n    title: A\n    investment: 2.60\n")
    assert loaded.case is not None
    investment = loaded.case.proposals[0].investment
    assert investment.quantum == Decimal("0.01")  # type: ignore[union-attr]


def test_a_quoted_year_cannot_hide_a_duplicate() -> None:
    text = HEAD + '  - id: a\n    title: A\n    investment: {2026: 1, "2026": 5}\n'
    [(code, line, message)] = problems_of(text)
    assert (code, line) == ("BC001", 7) and "written twice" in message


def test_ambiguous_dot_groups_are_reported_where_the_unit_makes_them_unlikely() -> None:
    def ambiguous(unit: str, figure: str) -> list[str]:
        proposal = f"  - id: a\n    title: A\n    investment: {figure}\n"
        return ambiguous_messages(HEAD.replace("mio. kr.", unit) + proposal)

    assert ambiguous("mio. kr.", '"1.234"') == [
        '"1.234" is read as 1234 mio. kr.: in quotes a dot groups thousands; '
        'if the document means 1,234, write "1,234"'
    ]
    assert ambiguous("t.kr.", "8.500") == [
        "8.500 unquoted is read as 8.5 t.kr.: YAML reads a dot as a decimal point; "
        'if the document means 8.500, write it in quotes: "8.500"'
    ]
    assert len(ambiguous("t.kr.", '"1.234 mio. kr."')) == 1  # the figure's own unit counts
    for unit, figure in [
        ("t.kr.", '"8.500"'),  # 8.500 t.kr.: the usual reading
        ("kr.", '"300.000"'),
        ("mio. kr.", "1.234"),  # 1,234 mio. kr.: plausible
        ("mio. kr.", '"1.234 t.kr."'),
        ("mio. kr.", '"1.234,5"'),  # a comma settles it
        ("mio. kr.", '"12.345.678"'),
    ]:
        assert ambiguous(unit, figure) == [], (unit, figure)


def test_a_comma_and_three_digits_in_kroner_or_thousands_is_questioned() -> None:
    # "300,000 kr." from an English text is 300 kr. to bcalc, not 300.000 kr.; a file in
    # t.kr. with "3,450" beside "4.000" would otherwise compare 3.450 kr. with 4 mio.
    def ambiguous(unit: str, figure: str) -> list[str]:
        proposal = f"  - id: a\n    title: A\n    investment: {figure}\n"
        return ambiguous_messages(HEAD.replace("mio. kr.", unit) + proposal)

    assert ambiguous("mio. kr.", '"300,000 kr."') == [
        '"300,000 kr." is read as 300 kr., as a comma is the decimal mark, but no budget '
        'prints thousandths of kr.; if the document means thousands, write "300.000 kr."'
    ]
    assert ambiguous("t.kr.", '"ca. 3,450"') == [
        '"ca. 3,450" is read as 3,45 t.kr., as a comma is the decimal mark, but no budget '
        'prints thousandths of t.kr.; if the document means thousands, write "ca. 3.450"'
    ]
    for unit, figure in [
        ("mio. kr.", '"5,689"'),  # thousandths of a million: t.kr., a budget's digit
        ("t.kr.", '"3,45"'),
        ("t.kr.", '"1.234,567"'),
        ("kr.", '"1,5"'),
        ("t.kr.", '"0,125"'),  # a fraction, not a thousands group
        ("t.kr.", '"12,5 ± 0,125"'),  # the margin is not the figure
    ]:
        assert ambiguous(unit, figure) == [], (unit, figure)


def ambiguous_messages(text: str) -> list[str]:
    """What BC108 says about a case file's figures."""
    from bcalc.calc import compute_file
    from bcalc.checks import RULES_BY_CODE, run_checks
    from bcalc.checks.base import Context
    from bcalc.load import load_text

    loaded = load_text(text)
    assert loaded.case is not None, loaded.problems
    context = Context(loaded.case, compute_file(loaded.case), loaded.locate)
    return [f.message for f in run_checks(context, [RULES_BY_CODE["BC108"]])]


def test_real_cases_have_no_ambiguous_figures() -> None:
    for name in ("2021.yaml", "2023.yaml", "2026.yaml"):
        text = (CASES / name).read_text(encoding="utf-8")
        assert ambiguous_messages(text) == []


def test_a_dumped_case_file_reads_back_with_every_figure() -> None:
    import yaml

    from bcalc.load import load_text

    for name in ("2021.yaml", "2023.yaml", "2026.yaml"):
        case = load_case(name).case
        assert case is not None
        dumped = yaml.safe_dump(case.model_dump(mode="json", exclude_defaults=True))
        again = load_text(dumped)
        assert again.problems == [] and again.case == case


def test_tax_revenue_in_an_investment_is_refused_not_silently_left_out() -> None:
    text = HEAD + (
        "  - id: a\n"  # 5
        "    title: A\n"  # 6
        "    investment:\n"  # 7
        "      components:\n"  # 8
        '        - {name: Indsats, amount: "2"}\n'  # 9
        '        - {name: Skat, kind: skatteindtægter, amount: "0,5"}\n'  # 10
        '    savings: "2,6"\n'
    )
    assert problems_of(text) == [
        (
            "BC003",
            10,
            "proposals[0].investment.components[1].kind: tax revenue (skatteindtægter) is "
            "not an investment; move it to savings, where it is shown but not counted",
        )
    ]


def test_suggestions_come_from_the_fields_allowed_where_the_typo_stands() -> None:
    text = (
        "budget_year: 2026\n"  # 1
        "title: Test\n"  # 2
        "name: Budget\n"  # 3 a component's field, not a file's: no suggestion
        "unit: mio. kr.\n"  # 4
        "proposals:\n"  # 5
        "  - id: a\n"  # 6
        "    title: A\n"  # 7
        "    investment: 2\n"  # 8
        "    savings:\n"  # 9
        "      components:\n"  # 10
        "        - nme: Forsørgelse\n"  # 11
        "          name: Forsørgelse\n"  # 12
        '          amount: "1"\n'  # 13
        '    stated: {averge_savings: "1"}\n'  # 14
    )
    assert [(line, message) for _, line, message in problems_of(text)] == [
        (3, "name: unknown field"),
        (11, "proposals[0].savings.components[0].nme: unknown field; did you mean 'name'?"),
        (14, "proposals[0].stated.averge_savings: unknown field; did you mean 'average_savings'?"),
    ]


def test_other_yaml_is_one_clear_problem_not_one_per_key() -> None:
    workflow = "name: bcalc\non: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n"
    [(code, line, message)] = problems_of(workflow)
    assert (code, line) == ("BC001", 1)
    assert message == (
        "the file does not look like a bcalc case file: none of its top-level fields "
        "(name, on, jobs) is a case-file field (budget_year, title, unit, proposals). If it "
        "is not a case file, leave it out of the check (pre-commit: files: ^cases/)"
    )


def test_an_unquoted_decimal_inside_braces_is_explained_once() -> None:
    # YAML reads {2027: 1,5, 2028: "3"} as 2027: 1, 5: (nothing), 2028: "3"; bcalc
    # said "savings[5]: the year is outside 1900–2200" and "expected an amount".
    text = HEAD + (
        "  - id: a\n"  # 5
        "    title: A\n"  # 6
        '    investment: "1"\n'  # 7
        '    savings: {2026: 1,5, 2027: "3", 2028: "3", 2029: "3"}\n'  # 8
    )
    assert problems_of(text) == [
        (
            "BC002",
            8,
            "proposals[0].savings: an unquoted 1,5 inside { } is read as two entries, 1 "
            'and 5; write "1,5" in quotes',
        )
    ]


def test_an_empty_title_or_name_is_refused() -> None:
    # A proposal titled "" is listed as nothing in every table and report.
    text = (
        "budget_year: 2026\n"  # 1
        'title: ""\n'  # 2
        "unit: mio. kr.\n"  # 3
        "proposals:\n"  # 4
        "  - id: a\n"  # 5
        '    title: ""\n'  # 6
        '    investment: "1"\n'  # 7
        '    savings: {components: [{name: "", amount: "1"}]}\n'  # 8
    )
    assert problems_of(text) == [
        ("BC002", 2, "title: this text is empty"),
        ("BC002", 6, "proposals[0].title: this text is empty"),
        ("BC002", 8, "proposals[0].savings.components[0].name: this text is empty"),
    ]


def test_pydantic_words_become_bcalc_words() -> None:
    text = (
        "budget_year: 2027\n"  # 1
        "titel: T\n"  # 2: Danish for title
        "unit: mio kroner\n"  # 3: a spelling seen in documents
        "proposals:\n"  # 4
        "  - id: a\n"  # 5
        "    title: A\n"  # 6
        '    investment: "1"\n'  # 7
        '    besparelse: "2"\n'  # 8
        '    number: "to"\n'  # 9
        "    period: 2027\n"  # 10
    )
    assert problems_of(text) == [
        ("BC002", 1, "title: this required field is missing"),
        ("BC002", 2, "titel: unknown field; did you mean 'title'?"),
        ("BC002", 8, "proposals[0].besparelse: unknown field; did you mean 'savings'?"),
        ("BC002", 9, "proposals[0].number: 'to' is not a whole number"),
        (
            "BC002",
            10,
            "proposals[0].period: expected the first and the last year, e.g. [2027, 2030]",
        ),
    ]
    assert problems_of(HEAD.replace("proposals:\n", "proposals: []\n")) == [
        ("BC002", 4, "proposals: this is empty; write at least one entry")
    ]
    assert problems_of(HEAD.replace("proposals:\n", "proposals: {a: 1}\n")) == [
        ("BC002", 4, "proposals: expected a list: one '- ' line per entry, or [a, b]")
    ]


@pytest.mark.parametrize(
    ("series", "said"),
    [
        # The way cases/2021.yaml writes a constant series: the second "5" is a
        # duplicate key to YAML, which was "'...[5]' is written twice".
        ("{2021: 8,5, 2022: 8,5, 2023: 8,5, 2024: 8,5}", "8,5 inside { } is read as two entries"),
        ('{2026: 1,05, 2027: "1", 2028: "1", 2029: "1"}', '1 and 05; write "1,05" in quotes'),
        (
            '{2026: 30,000, 2027: "1", 2028: "1", 2029: "1"}',
            'write "30,000" in quotes, or "30.000" for thousands',
        ),
    ],
)
def test_every_unquoted_decimal_inside_braces_is_explained(series: str, said: str) -> None:
    text = HEAD + f"  - id: a\n    title: A\n    investment: {series}\n"
    [(code, line, message)] = problems_of(text)
    assert code in ("BC001", "BC002") and line == 7 and said in message, message


def test_a_decimal_split_into_a_key_written_twice_is_said_at_the_first() -> None:
    # {2021: 8,5, 2022: 9,5}: YAML's second "5" repeats the first; the first slip is
    # the one to fix, and the message quotes it, not the second.
    text = HEAD + '  - id: a\n    title: A\n    investment: {2021: 8,5, 2022: 9,5, 2023: "1"}\n'
    [problem] = load_text(text, "case.yaml").problems
    assert (problem.code, problem.line, problem.column) == ("BC001", 7, 26)
    assert problem.message.endswith(
        'an unquoted 8,5 inside { } is read as two entries, 8 and 5; write "8,5" in quotes'
    )


def test_two_unquoted_decimals_on_a_line_are_both_explained() -> None:
    text = HEAD + '  - id: a\n    title: A\n    investment: {2026: 1,5, 2027: 2,7, 2028: "1"}\n'
    assert [message.split(": ", 1)[1][:30] for _, _, message in problems_of(text)] == [
        "an unquoted 1,5 inside { } is ",
        "an unquoted 2,7 inside { } is ",
    ]


def test_a_file_in_danish_field_names_is_told_the_english_ones() -> None:
    text = "budgetår: 2026\ntitel: T\nenhed: t.kr.\nforslag: []\n"
    assert problems_of(text) == [
        (
            "BC001",
            1,
            "the file uses Danish field names; bcalc's are English: budgetår → budget_year, "
            "titel → title, enhed → unit, forslag → proposals (docs/format.md lists every "
            "field)",
        )
    ]


@pytest.mark.parametrize("period", ["[2026, 2027, 2028]", "[]"])
def test_a_period_is_two_years_said_once(period: str) -> None:
    text = HEAD + f'  - id: a\n    title: A\n    investment: "1"\n    period: {period}\n'
    assert problems_of(text) == [
        (
            "BC002",
            8,
            "proposals[0].period: expected the first and the last year, e.g. [2027, 2030]",
        )
    ]
