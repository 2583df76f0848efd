"""The claims' expression language: arithmetic as budget papers write it, never ``eval``.

A document states arithmetic in sentences: "5.689 mio. kr. til forsørgelse for 662
mio. kr. til indsats", "12.345.678 kr. × 6,5 % = 0,8 mio. kr.", "212 af 1.480
personer = 14,3 %". A claim carries the left-hand side as a string::

    5.689 mio. kr. / 662 mio. kr.
    12.345.678 kr. * 6,5 %
    1.204 personer + 310 personer + ½ * 520 personer
    akademikere-opkvalificering.period.net_gain / file.average_investment

``parse`` reads it with a hand-written tokenizer and a recursive-descent parser into
postfix steps; ``evaluate`` computes it, step by step without recursion, as an
``intervals.Figure`` with its dimension; ``convert`` puts the result in the stated unit.

**Precision.** A number written *with a unit* ("662 mio. kr.", "6,5 %", "310
personer") is a written figure: an interval at its last digit, widened by "ca.".
A number written *without a unit* ("½", "1/2", "4", "* 2") is an exact factor: a
count of years, a fraction, a multiplier. Units mark measured figures, which
documents round; bare numbers are the factors of the arithmetic, which they do not.
"ca." before a bare number makes it a written (approximate) ratio all the same, and
the fractions ½ ¼ ¾ are exact even with a unit (and cannot be marked "ca.").

**Dimensions.** Money is carried in kroner, persons in persons, "%" as a ratio
(6,5 % is 0,065). A dimension is a pair of exponents (money, persons): money/persons
is kroner per person, money/money a ratio. + and − need equal dimensions; × and ÷
combine them.

**Names** refer to figures of the same file through a ``Resolver`` the caller gives.
A name is a dotted path whose first segment starts with a letter; segments hold
letters (æøå too), digits, ``_`` and ``-``. Because ``-`` belongs to names, a minus
between two names needs spaces: ``a - b`` subtracts, ``a-b`` is one name (and if
``a`` is a figure but ``a-b`` is not, the error says to add the spaces). "ca" or
"omkring" right before a digit is always the approximation mark, never a name.
A name is only ever looked up by the caller's resolver, never evaluated.

Grammar (EBNF; spaces may stand between any two tokens)::

    expression  = term , { ( "+" | "-" | "−" ) , term } ;
    term        = factor , { ( "*" | "×" | "·" | "/" | "÷" ) , factor } ;
    factor      = { "-" | "−" | "+" } , primary ;
    primary     = number | name | "(" , expression , ")" ;
    number      = [ approx ] , ( danish | "½" | "¼" | "¾" ) , [ unit ] ;
    approx      = "ca." | "ca" | "omkring" | "~" ;
    danish      = digits , { ( "." | "," ) , digits } , { " " , 3 * digit } ,
                  [ "," , digits ] ;
                  (then checked by numbers.parse_danish, so the rules are those of
                  quoted figures: "12.345.678", "6,5", "1.234,5", "12 345 678";
                  at most 6 decimals, below 10^15)
    digits      = digit , { digit } ;   digit = "0" | … | "9" ;
    unit        = simple unit , [ ( "pr." | "pr" | "per" ) , simple unit ] ;
    simple unit = money | persons | percent ;
    money       = "kr." | "t.kr." | "mio. kr." | … (the spellings numbers.parse_unit
                  accepts, in any case, except "1.000 kr.") ;
    persons     = "personer" | "person" | "helårspersoner" | "helårsperson"
                | "fuldtidspersoner" | "fuldtidsperson" ;
    percent     = "%" | "pct." | "pct" | "procent" ;
    name        = letter , { letter | digit | "_" | "-" } ,
                  { "." , ( letter | digit | "_" | "-" ) , { letter | digit | "_" | "-" } } ;

Examples: ``5.689 mio. kr. / 662 mio. kr.`` is 8,594 (a ratio) in [8,5864; 8,6009];
``30 % * 5,2 mio. kr.`` is 1,56 mio. kr. in [1,519; 1,601]; ``173.333 kr. pr. person
* 15 personer`` is money; ``2 kr. + 3 personer`` is refused.

**Limits** (``MAX_LENGTH``, ``MAX_TOKENS``, ``MAX_DEPTH``, ``MAX_RESULT``): a claim is a
sentence's arithmetic, not a program. Anything outside them, and anything outside
the grammar, is an ``ExpressionError`` with a 1-based column. The parser recurses
only into parentheses, whose depth the tokenizer bounds before parsing starts, so
no input can exhaust the stack; evaluation is a loop over postfix steps.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from bcalc.intervals import CONTEXT, DivisorIsZero, DivisorMayBeZero, Figure
from bcalc.numbers import parse_danish, quantum_of
from bcalc.units import Unit, parse_unit

# A claim restates one sentence's arithmetic; two thousand characters is a page.
MAX_LENGTH = 2000
# Numbers, names, operators and parentheses: a long sentence has a few dozen.
MAX_TOKENS = 500
# Parentheses nested deeper than this are no sentence's arithmetic; the bound also
# keeps the parser's recursion (four frames a level) far from Python's stack limit.
MAX_DEPTH = 50
# Written figures are below 10^15 in their unit, so below 10^21 kroner; a product
# of two is below 10^42. Any result at or beyond 10^45 comes from runaway
# multiplication, not from a budget, and stopping there keeps every Decimal small.
MAX_RESULT = Decimal(10) ** 45


class ExpressionError(Exception):
    """Why an expression cannot be read or computed, at a 1-based ``column`` of it
    (``None`` when the problem is the result as a whole, such as its unit)."""

    def __init__(self, message: str, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True, slots=True)
class Dimension:
    """Exponents of money and persons: (1, -1) is kroner per person."""

    money: int = 0
    persons: int = 0

    def __mul__(self, other: Dimension) -> Dimension:
        return Dimension(self.money + other.money, self.persons + other.persons)

    def __truediv__(self, other: Dimension) -> Dimension:
        return Dimension(self.money - other.money, self.persons - other.persons)

    def describe(self) -> str:
        """In words: "kroner", "kroner per person", "a ratio"."""
        if self == RATIO:
            return "a ratio"
        above = [_power(word, n) for word, n in (("kroner", self.money), ("persons", self.persons))]
        below = [_power(word, -n) for word, n in (("krone", self.money), ("person", self.persons))]
        text = " ".join(part for part in above if part) or "1"
        if any(below):
            text += " per " + " per ".join(part for part in below if part)
        return text


def _power(word: str, exponent: int) -> str:
    if exponent <= 0:
        return ""
    return word if exponent == 1 else f"{word}^{exponent}"


RATIO = Dimension(0, 0)
MONEY = Dimension(1, 0)
PERSONS = Dimension(0, 1)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A Figure with its dimension; money in kroner, "%" as a ratio."""

    figure: Figure
    dimension: Dimension


def money(figure: Figure, unit: Unit) -> Quantity:
    """A money figure in ``unit`` as a Quantity (carried in kroner)."""
    return Quantity(figure.scaled(unit.kroner), MONEY)


def persons(figure: Figure) -> Quantity:
    return Quantity(figure, PERSONS)


def ratio(figure: Figure) -> Quantity:
    return Quantity(figure, RATIO)


# The caller's figures: a name's Quantity, or None when the file has no such figure.
# ``dict.get`` is one. ``KnownNames`` lists the names, asked only to suggest a
# correction for an unknown one (``dict.keys`` is one).
Resolver = Callable[[str], Quantity | None]
KnownNames = Callable[[], Iterable[str]]


def no_names(name: str) -> Quantity | None:
    """The resolver of an expression that may not refer to figures."""
    return None


# Units


@dataclass(frozen=True, slots=True)
class _Unit:
    factor: Decimal  # how many kroner, persons or ratio units one of it is
    dimension: Dimension


_PERSON_WORDS = {
    "personer",
    "person",
    "helårspersoner",
    "helårsperson",
    "fuldtidspersoner",
    "fuldtidsperson",
}
_PERCENT_WORDS = {"%", "pct.", "pct", "procent"}
_PER_WORDS = {"pr.", "pr", "per"}
_PERCENT = _Unit(Decimal("0.01"), RATIO)
_PERSON = _Unit(Decimal(1), PERSONS)

_WORD = re.compile(r"[^\W\d_]+\.?")


def _skip_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _simple_unit(text: str, start: int) -> tuple[_Unit, int] | None:
    """The unit written at ``start`` (one or two words, or "%"), and where it ends."""
    if text.startswith("%", start):
        return _PERCENT, start + 1
    first = _WORD.match(text, start)
    if first is None:
        return None
    candidates = []
    second = _WORD.match(text, _skip_spaces(text, first.end()))
    if second is not None:
        candidates.append(second.end())  # "mio. kr.", "t. kr.", "tusind kroner"
    candidates.append(first.end())
    if first.group().endswith("."):
        candidates.append(first.end() - 1)  # "personer." ends a sentence, not a unit
    for end in candidates:
        unit = _unit_word(text[start:end])
        if unit is not None:
            return unit, end
    return None


def _unit_word(word: str) -> _Unit | None:
    lowered = word.lower()
    if lowered in _PERSON_WORDS:
        return _PERSON
    if lowered in _PERCENT_WORDS:
        return _PERCENT
    try:
        return _Unit(parse_unit(word).kroner, MONEY)
    except ValueError:
        return None


def _unit(text: str, start: int) -> tuple[_Unit, int] | None:
    """A simple unit, or a compound one: "kr. pr. person"."""
    found = _simple_unit(text, start)
    if found is None:
        return None
    unit, end = found
    per = _WORD.match(text, _skip_spaces(text, end))
    if per is None or per.group().lower() not in _PER_WORDS:
        return found
    below = _simple_unit(text, _skip_spaces(text, per.end()))
    if below is None:
        raise ExpressionError(
            f"'{per.group()}' must be followed by a unit, as in 'kr. pr. person'", per.start() + 1
        )
    return (
        _Unit(CONTEXT.divide(unit.factor, below[0].factor), unit.dimension / below[0].dimension),
        below[1],
    )


# Tokens

TokenKind = Literal["number", "name", "+", "-", "*", "/", "(", ")"]


@dataclass(frozen=True, slots=True)
class _Token:
    kind: TokenKind
    text: str  # as written, for messages
    column: int  # 1-based
    quantity: Quantity | None = None


_OPERATORS: dict[str, TokenKind] = {
    "+": "+",
    "-": "-",
    "\u2212": "-",  # − the typographic minus sign
    "*": "*",
    "×": "*",
    "·": "*",
    "/": "/",
    "÷": "/",
    "(": "(",
    ")": ")",
}
_FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
_NUMBER = re.compile(
    r"[0-9]+(?:[.,][0-9]+)*(?:[ \u00a0\u202f\u2009][0-9]{3}(?![0-9]))*(?:,[0-9]+)?"
)
_APPROX = re.compile(r"(?:ca\.?|omkring|~)\s*(?=[0-9½¼¾])", re.IGNORECASE)
_NAME = re.compile(r"[^\W\d_][\w-]*(?:\.[\w-]+)*")
_SCIENTIFIC = re.compile(r"[eE][+-]?[0-9]")
_NAME_CHAR = re.compile(r"[\w-]")
# Characters that are no part of the grammar but show what the writer meant.
_REFUSED = {
    "^": "'^' (a power) is not supported; write the multiplication out",
    "=": "'=' does not belong in the expression; the stated figure is written separately",
    ";": "';' is not allowed: an expression is one calculation",
    ":": "':' is not an operator; divide with / or ÷",
    "–": "'–' (a dash) is not a minus sign; write - or −",
    "—": "'—' (a dash) is not a minus sign; write - or −",
    "_": "a name starts with a letter, not '_'",
    ",": "a decimal comma stands between digits, as in 6,5",
    ".": "a dot stands between digits (12.345) or ends a unit (kr.)",
    "%": "'%' must follow a number, as in 6,5 %",
    "[": "only round parentheses ( ) group",
    "]": "only round parentheses ( ) group",
    "{": "only round parentheses ( ) group",
    "}": "only round parentheses ( ) group",
}
_QUOTES = "\"'“”„‘’«»"


def _tokens(text: str) -> list[_Token]:
    """Split ``text`` into tokens, checking length, parentheses and token count."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"the expression is longer than {MAX_LENGTH} characters", MAX_LENGTH + 1
        )
    if not text.strip():
        raise ExpressionError("the expression is empty", 1)
    tokens: list[_Token] = []
    open_columns: list[int] = []
    at = 0
    while at < len(text):
        char = text[at]
        column = at + 1
        if char.isspace():
            at += 1
            continue
        approx = _APPROX.match(text, at)
        if approx is not None or char.isdigit() or char in _FRACTIONS:
            token, at = _number(text, at, approx.end() if approx else at)
        elif char in _OPERATORS:
            token = _operator(text, at, open_columns)
            at += 1
        elif char.isalpha():
            token, at = _name(text, at)
        elif char in _QUOTES:
            raise ExpressionError("text in quotes is not part of an expression", column)
        elif char in _REFUSED:
            raise ExpressionError(_REFUSED[char], column)
        else:
            raise ExpressionError(f"unexpected character {char!r}", column)
        tokens.append(token)
        if len(tokens) > MAX_TOKENS:
            raise ExpressionError(
                f"the expression has more than {MAX_TOKENS} numbers, names and operators",
                column,
            )
    if open_columns:
        raise ExpressionError(
            f"the '(' at column {open_columns[-1]} is never closed", open_columns[-1]
        )
    return tokens


def _operator(text: str, at: int, open_columns: list[int]) -> _Token:
    char, column = text[at], at + 1
    if text.startswith("**", at):
        raise ExpressionError(
            "'**' (a power) is not supported; write the multiplication out", column
        )
    kind = _OPERATORS[char]
    if kind == "(":
        open_columns.append(column)
        if len(open_columns) > MAX_DEPTH:
            raise ExpressionError(f"parentheses are nested more than {MAX_DEPTH} deep", column)
    elif kind == ")":
        if not open_columns:
            raise ExpressionError("')' has no matching '('", column)
        open_columns.pop()
    return _Token(kind, char, column)


def _number(text: str, start: int, digits_at: int) -> tuple[_Token, int]:
    """A number with its approximation mark and unit."""
    column = start + 1
    fraction = _FRACTIONS.get(text[digits_at])
    if fraction is not None:
        end = digits_at + 1
    else:
        match = _NUMBER.match(text, digits_at)
        if match is None:  # a digit outside 0-9, such as "١"
            raise ExpressionError(f"unexpected character {text[digits_at]!r}", digits_at + 1)
        end = match.end()
        if _SCIENTIFIC.match(text, end):
            raise ExpressionError(
                "scientific notation such as 1e6 is not allowed; write the number in digits",
                column,
            )
    after_spaces = _skip_spaces(text, end)
    found = _unit(text, after_spaces)
    if found is None:
        _refuse_unknown_unit(text, end, after_spaces)
        unit, stop = None, end
    else:
        unit, stop = found
    approx = digits_at > start
    if fraction is not None:
        if approx:
            raise ExpressionError(f"{text[digits_at]} is exact; 'ca.' cannot mark it", column)
        figure = Figure.exact(fraction, quantum_of(fraction))
    else:
        try:
            amount = parse_danish(("ca. " if approx else "") + text[digits_at:end])
        except ValueError as error:
            raise ExpressionError(str(error), column) from None
        if unit is None and not amount.approx:
            figure = Figure.exact(amount.value, amount.quantum)
        else:
            figure = Figure.written(amount.value, amount.tolerance, amount.quantum)
    dimension = RATIO
    if unit is not None:
        figure, dimension = figure.scaled(unit.factor), unit.dimension
    return _Token("number", text[start:stop], column, Quantity(figure, dimension)), stop


def _refuse_unknown_unit(text: str, end: int, word_at: int) -> None:
    """A word right after a number that is no unit: attached ("2x"), or an
    abbreviation ("2 mia. kr."), is a unit bcalc does not know; otherwise it may be a
    name, for the parser to place."""
    word = _WORD.match(text, word_at)
    if word is None:
        return
    attached = word_at == end
    abbreviation = word.group().endswith(".") and not _NAME_CHAR.match(text, word.end())
    if attached or abbreviation:
        raise ExpressionError(
            f"unknown unit '{word.group()}'; use kr., t.kr., mio. kr., personer or %",
            word_at + 1,
        )


def _name(text: str, at: int) -> tuple[_Token, int]:
    column = at + 1
    match = _NAME.match(text, at)
    if match is None:  # a letter that \w does not cover, such as a combining mark
        raise ExpressionError(f"unexpected character {text[at]!r}", column)
    name = match.group()
    unit = _unit(text, at) if name.split(".")[0].lower() in _UNIT_FIRST_WORDS else None
    if unit is not None and unit[1] >= match.end():  # "kr.", "t.kr.", not "personer.total"
        raise ExpressionError(f"'{name}' is a unit, but no number stands right before it", column)
    following = _skip_spaces(text, match.end())
    if text.startswith("(", following):
        raise ExpressionError(
            f"'{name}(' looks like a function call; expressions have no functions", column
        )
    return _Token("name", name, column), match.end()


_UNIT_FIRST_WORDS = {
    "kr", "kroner", "t", "tkr", "tusind", "tusinde", "mio", "miokr", "mill", "millkr",
    "millioner", "pct", "procent",
} | _PERSON_WORDS  # fmt: skip


# Parsing: recursive descent into postfix steps

StepKind = Literal["number", "name", "negate", "+", "-", "*", "/"]


@dataclass(frozen=True, slots=True)
class Step:
    """One postfix step: push a number or a name's figure, or apply an operator."""

    kind: StepKind
    text: str
    column: int
    quantity: Quantity | None = None


@dataclass(frozen=True, slots=True)
class Expression:
    """A parsed expression: its text and its postfix steps."""

    text: str
    steps: tuple[Step, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The figures it refers to, in order of first mention."""
        return tuple(dict.fromkeys(step.text for step in self.steps if step.kind == "name"))


def parse(text: str) -> Expression:
    """Read ``text``; raise ExpressionError where it leaves the grammar or the limits."""
    parser = _Parser(text, _tokens(text))
    parser.expression()
    if parser.position < len(parser.tokens):
        parser.expected_operator()
    return Expression(text, tuple(parser.steps))


class _Parser:
    def __init__(self, text: str, tokens: list[_Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.position = 0
        self.steps: list[Step] = []

    def peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def expression(self) -> None:
        self.term()
        while (token := self.peek()) is not None and token.kind in ("+", "-"):
            self.position += 1
            self.term()
            self.steps.append(Step(token.kind, token.text, token.column))

    def term(self) -> None:
        self.factor()
        while (token := self.peek()) is not None and token.kind in ("*", "/"):
            self.position += 1
            self.factor()
            self.steps.append(Step(token.kind, token.text, token.column))

    def factor(self) -> None:
        # Signs in a loop, not by recursion: "- - - … 5" may be as long as the limit.
        negate: _Token | None = None
        while (token := self.peek()) is not None and token.kind in ("+", "-"):
            self.position += 1
            if token.kind == "-":
                negate = None if negate else token
        self.primary()
        if negate is not None:
            self.steps.append(Step("negate", negate.text, negate.column))

    def primary(self) -> None:
        token = self.peek()
        if token is None:
            previous = self.tokens[self.position - 1]
            raise ExpressionError(
                f"the expression ends after '{previous.text}'; a number, a name or '(' must follow",
                len(self.text) + 1,
            )
        self.position += 1
        if token.kind in ("number", "name"):
            self.steps.append(Step(token.kind, token.text, token.column, token.quantity))
        elif token.kind == "(":
            if (inner := self.peek()) is not None and inner.kind == ")":
                raise ExpressionError("empty parentheses", token.column)
            self.expression()
            closing = self.peek()
            if closing is None:  # the tokenizer matched every '(', so never reached
                raise ExpressionError(
                    f"the '(' at column {token.column} is never closed", token.column
                )
            if closing.kind != ")":
                self.expected_operator()
            self.position += 1
        else:
            raise ExpressionError(
                f"expected a number, a name or '(' where '{token.text}' stands", token.column
            )

    def expected_operator(self) -> None:
        """The token at ``position`` follows a complete operand but is no operator."""
        token = self.tokens[self.position]
        previous = self.tokens[self.position - 1]
        hint = ""
        if token.kind == "number" and previous.kind == "number":
            hint = "; a space may only group thousands in threes, as in 1 234"
        elif previous.kind == "name" and previous.text.endswith("-"):
            hint = f"; a minus needs spaces on both sides: '{previous.text[:-1]} - {token.text}'"
        elif token.text.lower() in ("af", "x", "gange"):
            hint = "; to multiply, write * or ×"
        raise ExpressionError(
            f"expected an operator (+, -, *, /) between '{previous.text}' and '{token.text}'{hint}",
            token.column,
        )


# Evaluation


def evaluate(
    expression: str | Expression,
    resolve: Resolver = no_names,
    known: KnownNames | None = None,
) -> Quantity:
    """Compute ``expression``; names are looked up with ``resolve``, and ``known``
    (if given) lists the names to suggest when one is unknown."""
    parsed = parse(expression) if isinstance(expression, str) else expression
    stack: list[Quantity] = []
    for step in parsed.steps:
        if step.kind == "number":
            assert step.quantity is not None
            stack.append(step.quantity)
        elif step.kind == "name":
            stack.append(_look_up(step, resolve, known))
        elif step.kind == "negate":
            top = stack.pop()
            stack.append(Quantity(-top.figure, top.dimension))
        else:
            right = stack.pop()
            left = stack.pop()
            stack.append(_apply(step, left, right))
        _check_size(stack[-1], step)
    (result,) = stack
    return result


def _look_up(step: Step, resolve: Resolver, known: KnownNames | None) -> Quantity:
    quantity = resolve(step.text)
    if quantity is not None:
        return quantity
    message = f"unknown figure '{step.text}'"
    for at, char in enumerate(step.text):
        if char == "-" and resolve(step.text[:at]) is not None:
            left, right = step.text[:at], step.text[at + 1 :]
            message += (
                f"; if you meant a subtraction, put spaces around the minus: '{left} - {right}'"
            )
            raise ExpressionError(message, step.column)
    if known is not None:
        close = difflib.get_close_matches(step.text, list(known()), n=3, cutoff=0.6)
        if close:
            quoted = [f"'{name}'" for name in close]
            listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
            message += f"; did you mean {listed}?"
    raise ExpressionError(message, step.column)


def _apply(step: Step, left: Quantity, right: Quantity) -> Quantity:
    if step.kind in ("+", "-"):
        if left.dimension != right.dimension:
            raise ExpressionError(
                f"cannot {'add' if step.kind == '+' else 'subtract'} "
                f"{left.dimension.describe()} and {right.dimension.describe()}",
                step.column,
            )
        figure = left.figure + right.figure if step.kind == "+" else left.figure - right.figure
        return Quantity(figure, left.dimension)
    if step.kind == "*":
        return Quantity(left.figure * right.figure, left.dimension * right.dimension)
    try:
        figure = left.figure / right.figure
    except DivisorIsZero:
        raise ExpressionError("cannot divide by zero", step.column) from None
    except DivisorMayBeZero as error:
        unit = _unit_suffix(right.dimension)
        raise ExpressionError(
            "cannot divide by a figure that rounding allows to be zero: the divisor lies "
            f"between {_plain(error.low)}{unit} and {_plain(error.high)}{unit}",
            step.column,
        ) from None
    return Quantity(figure, left.dimension / right.dimension)


def _unit_suffix(dimension: Dimension) -> str:
    return "" if dimension == RATIO else f" {dimension.describe()}"


def _check_size(quantity: Quantity, step: Step) -> None:
    figure = quantity.figure
    if max(abs(figure.low), abs(figure.high)) >= MAX_RESULT:
        raise ExpressionError(
            "a result reaches 10^45 or more; no budget calculation needs figures that large",
            step.column,
        )


def _plain(value: Decimal) -> str:
    return f"{value.normalize(CONTEXT):f}"


# Results in a stated unit


def target_unit(text: str | None) -> tuple[Decimal, Dimension]:
    """The factor and dimension of a stated unit: "mio. kr.", "%", "personer",
    "kr. pr. person"; none (or "") is a ratio."""
    if text is None or not text.strip():
        return Decimal(1), RATIO
    start = _skip_spaces(text, 0)
    found = _unit(text, start)
    if found is None or text[found[1] :].strip():
        raise ExpressionError(
            f"unknown unit '{text.strip()}'; use kr., t.kr., mio. kr., personer, %, "
            "a unit pr. a unit (kr. pr. person), or none for a ratio",
            None,
        )
    return found[0].factor, found[0].dimension


def convert(quantity: Quantity, unit: str | None) -> Figure:
    """The figure in ``unit`` (see ``target_unit``), if the dimensions agree."""
    factor, dimension = target_unit(unit)
    if dimension != quantity.dimension:
        raise ExpressionError(
            f"the expression gives {quantity.dimension.describe()}, but the claim states "
            f"{dimension.describe()}",
            None,
        )
    return quantity.figure.scaled(CONTEXT.divide(1, factor))
