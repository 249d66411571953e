"""Event dates: the time expressions of a clause (`lang/<code>/events/dates.tsv`, the profile's month and weekday
names) resolved against the article's date."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..lang import read_rows
from ..lang.profile import active_profile, get_profile


@dataclass(frozen=True)
class Calendar:
    """The date words of one language and the patterns of the expressions they make."""

    months: tuple[str, ...]  # January first, from babel's CLDR data
    weekdays: tuple[str, ...]  # Monday first
    first_day: str  # '1er'
    day_month: re.Pattern[str]  # '9 juin 2023'
    month_year: re.Pattern[str]  # 'en juin 2023'
    weekday: re.Pattern[str]
    year: re.Pattern[str]  # 'en 2023'
    relative: tuple[tuple[re.Pattern[str], str], ...]  # ('hier', 'yesterday'), in the file's order
    any_relative: re.Pattern[str]  # one of them: most clauses have none, found with one search instead of one each


@lru_cache(maxsize=8)
def calendar(lang: str) -> Calendar:
    """The calendar of language `lang`: its profile's month and weekday names, lang/<lang>/events/dates.tsv."""
    words = {kind: value for kind, value in read_rows(lang, "events", "dates.tsv")}
    first_day, month_prefix, year_prefix = words.pop("first_day"), words.pop("month_prefix"), words.pop("year_prefix")
    profile = get_profile(lang)
    months = "|".join(profile.months)
    return Calendar(
        months=profile.months,
        weekdays=profile.weekdays,
        first_day=first_day,
        day_month=re.compile(rf"\b({first_day}|\d{{1,2}})\s+({months})(?:\s+(\d{{4}}))?\b", re.IGNORECASE),
        month_year=re.compile(rf"\b(?:(?:{month_prefix})\s*)?({months})(?:\s+(\d{{4}}))?\b", re.IGNORECASE),
        weekday=re.compile(rf"\b({'|'.join(profile.weekdays)})\b", re.IGNORECASE),
        year=re.compile(rf"\b{year_prefix}\s+((?:19|20)\d{{2}})\b"),
        relative=tuple((re.compile(pattern, re.IGNORECASE), kind) for kind, pattern in words.items()),
        any_relative=re.compile("|".join(f"(?:{pattern})" for pattern in words.values()) or r"(?!)", re.IGNORECASE),
    )


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
    words = calendar(active_profile().code)
    day_level = [kind for pattern, kind in words.relative if pattern.search(text)] if words.any_relative.search(text) else []
    if day_level and day_level[0] in ("last_month", "this_month"):
        return relative_date(day_level[0], first)
    if words.day_month.search(text) or words.month_year.search(text) or words.year.search(text):
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return resolve_date(text, last.isoformat(), future=future)  # any day of the month places a named month
    if day_level or words.weekday.search(text):
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
    target = active_profile().weekdays.index(name.lower())
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
    words = calendar(active_profile().code)
    found = words.day_month.search(text) if today else None  # read only against a full article date
    if found and today:
        month = words.months.index(found.group(2).lower()) + 1
        day = 1 if found.group(1) == words.first_day else int(found.group(1))
        year = month_year(month, found.group(3), today) if not future else int(found.group(3) or today.year)
        return f"{year:04d}-{month:02d}-{day:02d}"
    if today:
        for pattern, kind in words.relative if words.any_relative.search(text) else ():
            if pattern.search(text):
                return relative_date(kind, today)
        weekday = words.weekday.search(text)
        if weekday:
            return weekday_date(weekday.group(1), today, future=future)
        named = words.month_year.search(text)
        if named and (named.group(2) or named.group(0).lower() != named.group(1).lower()):
            month = words.months.index(named.group(1).lower()) + 1
            return f"{month_year(month, named.group(2), today):04d}-{month:02d}"
    in_year = words.year.search(text)
    return in_year.group(1) if in_year else None
