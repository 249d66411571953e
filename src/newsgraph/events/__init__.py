"""Events: who did what to whom, coded in PLOVER, read natively from French sentences."""
from .component import EventExtractor, make_event_extractor
from .rules import extract_events

__all__ = ["EventExtractor", "make_event_extractor", "extract_events"]
