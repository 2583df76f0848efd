"""``bcalc new``: a commented case file for a budget year, to fill in.

It loads and computes as it is (one example proposal with round figures), so that a
new file can be checked from its first commit; every line says what to write there.
The format is documented in docs/format.md.
"""

from __future__ import annotations

TEMPLATE = """\
# Budget {year}: investeringsforslag. Written by `bcalc new {year}`; fill in from the
# document and keep every number as it is printed, in double quotes ("2,6", "8.500").
# The format: docs/format.md. Check the file with `bcalc check {name}`.
budget_year: {year}
title: Investeringsforslag {year}         # the document's title
# municipality: Aarhus Kommune
# source: Budget {year}, Bilag 4          # where the figures come from
unit: mio. kr.                          # or t.kr., kr.
# period: [{year}, {last}]                  # default: the budget year and three more
# sign_convention: gain_negative        # when the document writes savings as "-2,6"

# What the document states for all proposals together ("Total" rows):
# stated:
#   average_investment: "10,7"

proposals:
  # One entry per proposal. This example computes as it is: replace it.
  - id: eksempel-forslag                # short and stable: keep it next year
    number: 1
    title: Eksempel på et investeringsforslag
    target_group: Målgruppen som dokumentet beskriver den
    investment: "1"                     # a year; or each year of the period:
    # investment: {{{year}: "1", {next}: "1", {third}: "0,5", {last}: "0,5"}}
    savings: "1,2"                      # or components: see docs/format.md
    helaarspersoner: 8                  # fewer helårspersoner a year
    # stated:                           # what the document states, to be checked
    #   average_net_gain: "0,2"
"""


def skeleton(year: int, name: str) -> str:
    """The file for budget year ``year``; ``name`` is where it is written."""
    return TEMPLATE.format(year=year, next=year + 1, third=year + 2, last=year + 3, name=name)
