"""The one exception readers raise: the whole file cannot be read."""

from __future__ import annotations


class SourceError(Exception):
    """A file that cannot be read at all (missing, unreadable, not UTF-8, unsupported format).

    Malformed *records* are not errors: readers skip them into the report and go on.
    """
