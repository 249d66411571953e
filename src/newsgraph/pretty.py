"""A readable summary of an analysis record for a person at a terminal (rich)."""
from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table

from .records import Analysis


def show_analysis(record: Analysis, stream: IO[str]) -> None:
    """Print the record's header, entities, quotes and events as tables."""
    console = Console(file=stream, soft_wrap=False)
    console.rule(f"[bold]{record.title or record.id}")
    console.print(f"id: {record.id}  date: {record.date or '?'}  language: {record.language or '?'}  url: {record.url or '-'}")
    for warning in record.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    console.print(_entities_table(record))
    console.print(_quotes_table(record))
    console.print(_events_table(record))


def _entities_table(record: Analysis) -> Table:
    table = Table(title=f"Entities ({len(record.entities)})", show_lines=False)
    for column in ("name", "type", "country", "mentions"):
        table.add_column(column)
    for entity in sorted(record.entities, key=lambda e: -len(e.mentions)):
        forms = sorted({m.text for m in entity.mentions})
        table.add_row(entity.name, entity.type, entity.country or "", f"{len(entity.mentions)}: " + ", ".join(forms))
    return table


def _quotes_table(record: Analysis) -> Table:
    table = Table(title=f"Quotes ({len(record.quotes)})", show_lines=True)
    for column in ("speaker", "type", "cue", "quote"):
        table.add_column(column)
    for quote in record.quotes:
        speaker = quote.speaker.name if quote.speaker and quote.speaker.name else "?"
        table.add_row(speaker, quote.type, quote.cue or "", quote.text)
    return table


def _events_table(record: Analysis) -> Table:
    table = Table(title=f"Events ({len(record.events)})", show_lines=True)
    for column in ("type", "mode", "source", "target", "text"):
        table.add_column(column)
    for event in record.events:
        source = event.source.name if event.source else ""
        target = event.target.name if event.target else ""
        table.add_row(event.type, event.mode, source or "", target or "", event.text)
    return table
