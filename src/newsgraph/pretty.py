"""Readable tables for a person at a terminal (rich): an analysis record, or rows of a query.

Every value is printed literally: cells are `rich.text.Text`, never parsed for markup or
emoji codes (Rich would turn `gpe:france:fra` into a flag and `[b]` into bold). Long values
wrap inside their column, so the tables fit the terminal (80 columns when it is not one).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .records import Analysis

NO_RESULTS = "no results"


def console_for(stream: IO[str]) -> Console:
    """A console that prints text as given: no markup, no emoji codes, no syntax highlighting."""
    return Console(file=stream, markup=False, emoji=False, highlight=False)


def _table(title: str | None, columns: Sequence[str], *, lines: bool = False) -> Table:
    table = Table(title=title, show_lines=lines, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _row(table: Table, *values: Any) -> None:
    table.add_row(*(Text("" if value is None else str(value)) for value in values))


def show_analysis(record: Analysis, stream: IO[str]) -> None:
    """Print the record's header, entities, quotes and events as tables."""
    console = console_for(stream)
    console.rule(Text(record.title or record.id, style="bold"))
    console.print(Text(f"id: {record.id}  date: {record.date or '?'}  language: {record.language or '?'}  "
                       f"url: {record.url or '-'}"))
    for warning in record.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    for title, table in (("Entities", _entities_table(record)), ("Quotes", _quotes_table(record)),
                         ("Events", _events_table(record))):
        console.print(table if table.row_count else Text(f"{title}: {NO_RESULTS}"))


def _entities_table(record: Analysis) -> Table:
    table = _table(f"Entities ({len(record.entities)})", ("name", "type", "country", "mentions"))
    for entity in sorted(record.entities, key=lambda e: -len(e.mentions)):
        forms = sorted({m.text for m in entity.mentions})
        _row(table, entity.name, entity.type, entity.country, f"{len(entity.mentions)}: " + ", ".join(forms))
    return table


def _quotes_table(record: Analysis) -> Table:
    table = _table(f"Quotes ({len(record.quotes)})", ("speaker", "type", "cue", "quote"), lines=True)
    for quote in record.quotes:
        speaker = quote.speaker.name if quote.speaker and quote.speaker.name else "?"
        _row(table, speaker, quote.type, quote.cue, quote.text)
    return table


def _events_table(record: Analysis) -> Table:
    # one row per event, named by its trigger: the sentence is in the JSON record (`text`)
    table = _table(f"Events ({len(record.events)})", ("type", "mode", "source", "target", "trigger", "reported_by"))
    for event in record.events:
        source = event.source.name if event.source else None
        target = event.target.name if event.target else None
        _row(table, event.type, event.mode, source, target, event.trigger, event.reported_by)
    return table


# short headers, so that narrow columns are not cut in the middle of their name
HEADERS = {"event_date": "date", "source_name": "source", "target_name": "target", "speaker_name": "speaker",
           "article_count": "articles", "mention_count": "mentions", "outlet_count": "outlets", "published": "date",
           "first_day": "first day", "reported_by": "reported by"}
# single words that read badly when cut: their column is at least this wide
MIN_WIDTH = {"trigger": 10, "cue": 8, "mode": 8}
# short values that read badly when wrapped
NO_WRAP = {"event_date", "published", "type"}


def show_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], stream: IO[str], *,
              footnotes: Sequence[str] = ()) -> None:
    """Print query rows as one table of these columns, or "no results".

    Columns in `footnotes` (long ids such as article URLs) show a number in the table and are
    listed in full under it, one per line, so that they can be copied.
    """
    console = console_for(stream)
    if not rows:
        console.print(NO_RESULTS)
        return
    notes: dict[str, int] = {}
    # footnote numbers come first: a narrow terminal squeezes the last columns
    ordered = [column for column in columns if column in footnotes] + [c for c in columns if c not in footnotes]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1, 0, 0))  # no side borders: room for text
    for column in ordered:
        label = "#" if column in footnotes else HEADERS.get(column, column)
        table.add_column(label, overflow="fold", no_wrap=column in NO_WRAP or column in footnotes,
                         min_width=MIN_WIDTH.get(column))
    for row in rows:
        values = []
        for column in ordered:
            value = row.get(column)
            if column in footnotes and value is not None:
                value = notes.setdefault(str(value), len(notes) + 1)
            values.append(value)
        _row(table, *values)
    console.print(table)
    for value, number in notes.items():
        console.print(Text(f"{number:>3}  {value}"), soft_wrap=True)  # on one line, to be copied whole
