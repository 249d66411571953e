"""The store's errors: each says what to do about it."""
from __future__ import annotations


class StoreError(Exception):
    """A database that cannot be opened or used, with what to do about it."""


class StoreBusy(StoreError):
    """The database is locked by another process for longer than we were allowed to wait."""
