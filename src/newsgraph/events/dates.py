"""Event dates: the time expressions of a clause (`lang/<code>/events/dates.tsv`, the profile's month and weekday
names) resolved against the article's date."""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..lang import DEFAULT_LANG, read_text
from ..lang.profile import get_profile

WORDS = {kind: value for kind, value in
         (line.split("\t", 1) for line in read_text(DEFAULT_LANG, "events", "dates.tsv").splitlines()
          if line.strip() and not line.startswith("#"))}
FIRST_DAY = WORDS.pop("first_day")  # '1er'
MONTH_PREFIX = WORDS.pop("month_prefix")
YEAR_PREFIX = WORDS.pop("year_prefix")
WEEKDAYS = get_profile(DEFAULT_LANG).weekdays  # Monday first, from babel's CLDR data
MONTHS = get_profile(DEFAULT_LANG).months  # January first
MONTH_RE = "|".join(MONTHS)
DAY_MONTH = re.compile(rf"\b({FIRST_DAY}|\d{{1,2}})\s+({MONTH_RE})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"\b(?:(?:{MONTH_PREFIX})\s*)?({MONTH_RE})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
YEAR = re.compile(rf"\b{YEAR_PREFIX}\s+((?:19|20)\d{{2}})\b")
RELATIVE = tuple((re.compile(pattern, re.IGNORECASE), kind) for kind, pattern in WORDS.items())  # in the file's order


def parse_iso(value: str | None) -> date | None:
    """'2023-08-15' (or a longer ISO timestamp) -> date; None when absent or not a full date."""
    if not value or not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_month(value: str | None) -> date | None:
    """'2023-08' (a date known to the month only) -> its first day; None otherwise."""
    if not value or not re.fullmatch(r"\d{4}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value + "-01")
    except ValueError:
        return None


def resolve_in_month(text: str, first: date, *, future: bool) -> str | None:
    """`resolve_date` for an article whose date is the month starting on `first`."""
    day_level = [kind for pattern, kind in RELATIVE if pattern.search(text)]
    if day_level and day_level[0] in ("last_month", "this_month"):
        return relative_date(day_level[0], first)
    if DAY_MONTH.search(text) or MONTH_YEAR.search(text) or YEAR.search(text):
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return resolve_date(text, last.isoformat(), future=future)  # any day of the month places a named month
    if day_level or WEEKDAY.search(text):
        return f"{first.year:04d}-{first.month:02d}"
    return None


def month_year(month: int, year: str | None, today: date) -> int:
    """The year of a month named without one: the latest such month not after the article."""
    if year:
        return int(year)
    return today.year if month <= today.month else today.year - 1


def relative_date(kind: str, today: date) -> str:
    """Resolve a relative expression ('le mois dernier') against the article date."""
    if kind == "last_month":
        first = today.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if kind == "last_week":
        week = today - timedelta(days=7)
        return f"{week.year:04d}-{week.month:02d}"
    if kind == "this_month":
        return f"{today.year:04d}-{today.month:02d}"
    days = {"yesterday": 1, "day_before": 2, "today": 0}[kind]
    return (today - timedelta(days=days)).isoformat()


def weekday_date(name: str, today: date, *, future: bool = False) -> str:
    """The named weekday nearest the article date: on or before it, or after it for the future."""
    target = WEEKDAYS.index(name.lower())
    delta = (today.weekday() - target) % 7
    if future and delta:
        return (today + timedelta(days=7 - delta)).isoformat()
    return (today - timedelta(days=delta)).isoformat()


def resolve_date(text: str, article_date: str | None, *, future: bool = False) -> str | None:
    """The ISO date (or month, or year) that a clause's time expression names, else None.

    An article dated by its month only ('2023-08') resolves what is relative to a month ('le mois dernier',
    'le 9 juin'); a weekday or 'hier' then gives the article's month.
    """
    first = parse_month(article_date)
    if first is not None:
        return resolve_in_month(text, first, future=future)
    today = parse_iso(article_date)
    found = DAY_MONTH.search(text)
    if found and today:
        month = MONTHS.index(found.group(2).lower()) + 1
        day = 1 if found.group(1) == FIRST_DAY else int(found.group(1))
        year = month_year(month, found.group(3), today) if not future else int(found.group(3) or today.year)
        return f"{year:04d}-{month:02d}-{day:02d}"
    if today:
        for pattern, kind in RELATIVE:
            if pattern.search(text):
                return relative_date(kind, today)
        weekday = WEEKDAY.search(text)
        if weekday:
            return weekday_date(weekday.group(1), today, future=future)
        named = MONTH_YEAR.search(text)
        if named and (named.group(2) or named.group(0).lower() != named.group(1).lower()):
            month = MONTHS.index(named.group(1).lower()) + 1
            return f"{month_year(month, named.group(2), today):04d}-{month:02d}"
    in_year = YEAR.search(text)
    return in_year.group(1) if in_year else None
