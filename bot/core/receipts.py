"""Receipt codes: what a member keeps to check on or withdraw a story."""

from __future__ import annotations

import hashlib
import re
import secrets

# No 0/O, 1/I/L or U/V pairs, so codes survive being read aloud or copied by hand.
_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
_CODE = re.compile(r"^[A-Z0-9]{4}-?[A-Z0-9]{4}$")


def new_code() -> str:
    """A fresh random code such as ``K7QM-X9P2``."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise(code: str) -> str | None:
    """The canonical form of a typed code, or None if it cannot be one."""
    cleaned = re.sub(r"[\s`'\"]", "", code).upper()
    if not _CODE.match(cleaned):
        return None
    cleaned = cleaned.replace("-", "")
    return f"{cleaned[:4]}-{cleaned[4:]}"


def receipt_hash(code: str) -> str:
    """What is stored instead of the code, so the database alone cannot withdraw stories."""
    return hashlib.sha256(code.encode()).hexdigest()
