"""Events: who said what, to whom, according to whom."""
from .component import EventExtractor, make_event_extractor

__all__ = ["EventExtractor", "make_event_extractor"]
