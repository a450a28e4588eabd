"""Arithmetic of a budget line's ledger, without Django.

Signs of the entries (amounts in integer cents):

    plan        ±   funds planned for the line (a later correction may be negative)
    carry_in    +   unspent funds of the same module and area from the year before
    carry_out   −   unspent funds moved into the next year (earmarked)
    commitment  −   an approved amount, bound for its application
    release     +   a part of a commitment given back (e.g. spent less than approved)
    payment     −   money paid out; it settles a commitment, so it leaves `available` alone

    available = sum of every entry except payments
              = planned + carried_in − carried_out − committed
    open      = committed − paid   (approved, not yet paid)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

PLAN = "plan"
CARRY_IN = "carry_in"
CARRY_OUT = "carry_out"
COMMITMENT = "commitment"
RELEASE = "release"
PAYMENT = "payment"
KINDS = (PLAN, CARRY_IN, CARRY_OUT, COMMITMENT, RELEASE, PAYMENT)


@dataclass(frozen=True)
class Figures:
    """A line's figures in cents, all ≥ 0 except `planned` after unusual corrections."""

    planned: int = 0
    carried_in: int = 0
    carried_out: int = 0
    committed: int = 0  # commitments minus releases
    paid: int = 0

    @property
    def available(self) -> int:
        return self.planned + self.carried_in - self.carried_out - self.committed

    @property
    def open(self) -> int:
        return self.committed - self.paid

    @property
    def total(self) -> int:
        """What the line had to spend: planned plus carried in."""
        return self.planned + self.carried_in

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.planned + other.planned,
            self.carried_in + other.carried_in,
            self.carried_out + other.carried_out,
            self.committed + other.committed,
            self.paid + other.paid,
        )


def figures_from_sums(sums: Mapping[str, int]) -> Figures:
    """Figures from the signed sum of each kind of entry (kinds missing count 0)."""
    return Figures(
        planned=sums.get(PLAN, 0),
        carried_in=sums.get(CARRY_IN, 0),
        carried_out=-sums.get(CARRY_OUT, 0),
        committed=-(sums.get(COMMITMENT, 0) + sums.get(RELEASE, 0)),
        paid=-sums.get(PAYMENT, 0),
    )


def figures_of(entries: Iterable[tuple[str, int]]) -> Figures:
    """Figures from (kind, signed amount) pairs."""
    sums: dict[str, int] = {}
    for kind, amount in entries:
        sums[kind] = sums.get(kind, 0) + amount
    return figures_from_sums(sums)


def running_available(entries: Iterable[tuple[str, int]]) -> list[int]:
    """The available balance after each entry, in order (payments leave it unchanged)."""
    balance, out = 0, []
    for kind, amount in entries:
        if kind != PAYMENT:
            balance += amount
        out.append(balance)
    return out


def euros_to_cents(value: Decimal | int | str) -> int:
    """Exact cents from a euro amount with at most two decimals; ValueError otherwise."""
    amount = Decimal(str(value))
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(value)
    return int(cents)


def cents_to_euros(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


MAX_EUROS = 10_000_000
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^\d+(?:,\d+)?$")
_DOT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")


class AmountError(ValueError):
    """Why a typed amount is not understood: "format", "cents", "zero" or "large"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_euros(text: str) -> int:
    """Cents from an amount as people type it in German: "1.250,50 €", "1250,5", "80",
    "12.50" (a dot with two digits or fewer is read as the decimal point)."""
    value = "".join(text.replace("€", "").replace("EUR", "").split())
    if value.startswith("-"):
        raise AmountError("zero")
    if _DOT_DECIMAL.match(value) and not _GROUPED.match(value):
        value = value.replace(".", ",")
    if not (_GROUPED.match(value) or _PLAIN.match(value)):
        raise AmountError("format")
    euros, _sep, cents = value.replace(".", "").partition(",")
    if len(cents) > 2:
        raise AmountError("cents")
    if int(euros) > MAX_EUROS:
        raise AmountError("large")
    total = int(euros) * 100 + int((cents + "00")[:2])
    if total <= 0:
        raise AmountError("zero")
    return total
