"""Versions as numbers: '4.3.1' as (4, 3, 1), for what counts the versions between two.

A product's versions are content; a stepped price rule counts them (the policy
stage) and resolve checks that every version such a rule counts is a number.
"""

from __future__ import annotations

VERSION_PARTS = ("major", "minor", "patch")


def version_parts(version: str) -> tuple[int, int, int] | None:
    """'4.3.1' as (4, 3, 1); None for a version a stepped price cannot count."""
    pieces = version.strip().split(".")
    # isdigit() alone accepts '²', which int() refuses: ASCII digits only.
    if not 1 <= len(pieces) <= 3 or not all(p.isascii() and p.isdigit() for p in pieces):
        return None
    numbers = [int(piece) for piece in pieces] + [0] * (3 - len(pieces))
    return numbers[0], numbers[1], numbers[2]
