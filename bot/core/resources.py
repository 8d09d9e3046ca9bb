"""Support resources: shipped defaults by region and topic, plus each community's own."""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.db import Database

TOPICS = (
    "crisis",
    "domestic-violence",
    "sexual-assault",
    "stalking",
    "online-abuse",
    "workplace",
    "directory",
)
REGIONS = ("INTL", "US", "UK", "CA", "AU", "IN")


@dataclass(frozen=True)
class Resource:
    """One helpline or organisation."""

    key: str
    topic: str
    region: str
    name: str
    contact: str


def _r(key: str, topic: str, region: str, name: str, contact: str) -> Resource:
    return Resource(key, topic, region, name, contact)


# Public numbers and sites of long-established services, as each publishes them.
DEFAULTS: tuple[Resource, ...] = (
    _r(
        "intl-findahelpline",
        "directory",
        "INTL",
        "Find A Helpline — free, confidential helplines in over 130 countries",
        "https://findahelpline.com",
    ),
    _r(
        "intl-iasp",
        "crisis",
        "INTL",
        "International Association for Suicide Prevention — crisis centres worldwide",
        "https://www.iasp.info/crisis-centres-helplines/",
    ),
    _r(
        "intl-befrienders",
        "crisis",
        "INTL",
        "Befrienders Worldwide — emotional support helplines",
        "https://befrienders.org",
    ),
    _r(
        "us-988",
        "crisis",
        "US",
        "988 Suicide & Crisis Lifeline",
        "Call or text 988 · https://988lifeline.org",
    ),
    _r("us-911", "crisis", "US", "Emergency services", "Call 911"),
    _r(
        "us-ndvh",
        "domestic-violence",
        "US",
        "National Domestic Violence Hotline",
        "1-800-799-7233 · text START to 88788 · https://www.thehotline.org",
    ),
    _r(
        "us-rainn",
        "sexual-assault",
        "US",
        "RAINN National Sexual Assault Hotline",
        "1-800-656-4673 · https://rainn.org",
    ),
    _r(
        "us-sparc",
        "stalking",
        "US",
        "Stalking Prevention, Awareness, and Resource Center",
        "https://www.stalkingawareness.org",
    ),
    _r(
        "us-ccri",
        "online-abuse",
        "US",
        "Cyber Civil Rights Initiative image abuse helpline",
        "844-878-2274 · https://cybercivilrights.org",
    ),
    _r(
        "us-eeoc",
        "workplace",
        "US",
        "U.S. Equal Employment Opportunity Commission",
        "1-800-669-4000 · https://www.eeoc.gov",
    ),
    _r("uk-999", "crisis", "UK", "Emergency services", "Call 999"),
    _r("uk-samaritans", "crisis", "UK", "Samaritans", "116 123 · https://www.samaritans.org"),
    _r(
        "uk-ndah",
        "domestic-violence",
        "UK",
        "National Domestic Abuse Helpline (Refuge)",
        "0808 2000 247 · https://www.nationaldahelpline.org.uk",
    ),
    _r(
        "uk-rapecrisis",
        "sexual-assault",
        "UK",
        "Rape Crisis England & Wales",
        "0808 500 2222 · https://rapecrisis.org.uk",
    ),
    _r(
        "uk-stalking",
        "stalking",
        "UK",
        "National Stalking Helpline (Suzy Lamplugh Trust)",
        "0808 802 0300 · https://www.suzylamplugh.org",
    ),
    _r(
        "uk-rph",
        "online-abuse",
        "UK",
        "Revenge Porn Helpline",
        "0345 6000 459 · https://revengepornhelpline.org.uk",
    ),
    _r(
        "uk-acas",
        "workplace",
        "UK",
        "Acas — workplace advice",
        "0300 123 1100 · https://www.acas.org.uk",
    ),
    _r(
        "ca-988",
        "crisis",
        "CA",
        "9-8-8 Suicide Crisis Helpline",
        "Call or text 988 · https://988.ca",
    ),
    _r("ca-911", "crisis", "CA", "Emergency services", "Call 911"),
    _r(
        "ca-awhl",
        "domestic-violence",
        "CA",
        "Assaulted Women's Helpline",
        "1-866-863-0511 · https://www.awhl.org",
    ),
    _r(
        "ca-evac",
        "sexual-assault",
        "CA",
        "Ending Violence Association of Canada — sexual assault centres",
        "https://endingviolencecanada.org",
    ),
    _r("au-000", "crisis", "AU", "Emergency services", "Call 000"),
    _r("au-lifeline", "crisis", "AU", "Lifeline", "13 11 14 · https://www.lifeline.org.au"),
    _r(
        "au-1800respect",
        "domestic-violence",
        "AU",
        "1800RESPECT — sexual, domestic and family violence counselling",
        "1800 737 732 · https://www.1800respect.org.au",
    ),
    _r(
        "au-esafety",
        "online-abuse",
        "AU",
        "eSafety Commissioner — report online abuse",
        "https://www.esafety.gov.au",
    ),
    _r(
        "au-fairwork",
        "workplace",
        "AU",
        "Fair Work Ombudsman",
        "13 13 94 · https://www.fairwork.gov.au",
    ),
    _r("in-112", "crisis", "IN", "Emergency Response Support System", "Call 112"),
    _r("in-181", "domestic-violence", "IN", "Women Helpline", "Call 181"),
    _r(
        "in-ncw",
        "domestic-violence",
        "IN",
        "National Commission for Women helpline",
        "7827-170-170 · https://ncw.nic.in",
    ),
    _r(
        "in-telemanas",
        "crisis",
        "IN",
        "Tele-MANAS mental health helpline",
        "14416 · 1-800-891-4416",
    ),
    _r(
        "in-cyber",
        "online-abuse",
        "IN",
        "National Cyber Crime Helpline",
        "1930 · https://cybercrime.gov.in",
    ),
)


class Resources:
    """Looks up the resources a community shows, and manages its own."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def for_community(
        self, community_id: str, hidden: list[str], topic: str | None = None
    ) -> list[Resource]:
        """Defaults not hidden by the community, then its own, optionally for one topic."""
        rows = await self._db.fetch_all(
            "SELECT id, topic, region, name, contact FROM resources WHERE community_id = ? "
            "ORDER BY id",
            community_id,
        )
        own = [Resource(f"own-{r[0]}", r[1], r[2], r[3], r[4]) for r in rows]
        shown = [r for r in DEFAULTS if r.key not in hidden] + own
        return [r for r in shown if topic is None or r.topic == topic]

    async def add(
        self, community_id: str, topic: str, region: str, name: str, contact: str
    ) -> None:
        """Add a community resource."""
        await self._db.execute(
            "INSERT INTO resources (community_id, topic, region, name, contact) "
            "VALUES (?, ?, ?, ?, ?)",
            community_id,
            topic,
            region,
            name,
            contact,
        )

    async def remove_own(self, community_id: str, key: str) -> bool:
        """Remove one of the community's own resources by key."""
        if not key.startswith("own-") or not key[4:].isdigit():
            return False
        gone = await self._db.execute(
            "DELETE FROM resources WHERE community_id = ? AND id = ?", community_id, int(key[4:])
        )
        return gone > 0


def crisis_lines(resources: list[Resource], region: str) -> list[Resource]:
    """Crisis resources for ``region``, always ending with the international directory."""
    local = [r for r in resources if r.topic == "crisis" and r.region == region]
    world = [r for r in resources if r.region == "INTL" and r.topic in ("crisis", "directory")]
    return local + world


def for_themes(resources: list[Resource], region: str, themes: tuple[str, ...]) -> list[Resource]:
    """A few resources relevant to a story's themes in the community's region."""
    by_theme = {
        "intimate_partner_violence": "domestic-violence",
        "sexual_assault": "sexual-assault",
        "stalking_threats": "stalking",
        "online_harassment": "online-abuse",
        "workplace_discrimination": "workplace",
    }
    topics = {by_theme[t] for t in themes if t in by_theme}
    picked = [r for r in resources if r.topic in topics and r.region in (region, "INTL")]
    directory = [r for r in resources if r.topic == "directory"]
    return (picked + directory)[:5]
