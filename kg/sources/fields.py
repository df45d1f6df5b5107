"""Turn one loosely-typed record (a JSON object, a CSV row) into a Paper.

JSONL and CSV readers share this so both accept the same column names and
clean text the same way. A record that cannot make a Paper yields a reason string
instead, which the reader puts in the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from kg.records import Paper
from kg.sources.ids import derived_id, known_id, ordered_ids, source_id
from kg.text import normalize_text

Skip = Callable[[int, str], None]  # (line, reason): a reader's way to report a skipped record

_ISO_PREFIX = re.compile(r"(\d{4}-\d{2}-\d{2})(?:$|[T ])")

# Accepted spellings of each field, first match wins (keys are compared lower-cased).
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "abstract": ("abstract", "summary"),
    "url": ("url", "link", "abs_url", "pdf_url"),
    "date": ("date", "published", "update_date"),
    "authors": ("authors", "author"),
    "categories": ("categories", "category"),
}


# Fields holding an id of the paper, with the scheme the field's name implies (None: read it off
# the value). Every one found is kept: the best names the paper, the others are its other ids.
ID_FIELDS: dict[str, str | None] = {
    "id": None,
    "paper_id": None,
    "arxiv_id": "arxiv",
    "arxiv": "arxiv",
    "doi": "doi",
    "openalex": "openalex",
    "openalex_id": "openalex",
    "pwc_id": "pwc",
    "paper_url": None,  # Papers with Code: https://paperswithcode.com/paper/<slug>
}


def record_ids(record: Mapping[str, object]) -> tuple[str, ...]:
    """Every id a (lower-cased key) record gives, namespaced, best first; URLs count where they
    name a paper (arxiv.org/abs/..., doi.org/..., paperswithcode.com/paper/...)."""
    found = [source_id(record.get(name), scheme) for name, scheme in ID_FIELDS.items()]
    found += [known_id(_text(record.get(name))) for name in ALIASES["url"]]
    return ordered_ids(found)


def clean(text: str) -> str:
    """One line of normalised text: line breaks and runs of whitespace become one space.

    ASCII text without LaTeX or HTML markup skips ``normalize_text`` (it would not change it): most of
    the snapshot's 2.7M records are such, and this halves the time to read them.
    """
    text = " ".join(text.split())
    plain = text.isascii() and not any(c in text for c in "\\$<]")
    return text if plain else normalize_text(text)


def iso_date(value: str) -> str:
    """``2024-08-14T17:59:01Z`` -> ``2024-08-14``; anything not starting with a valid ISO date is kept."""
    value = value.strip()
    match = _ISO_PREFIX.match(value)
    if match:
        try:
            return date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            pass
    return value


def split_names(value: str) -> tuple[str, ...]:
    """Authors from one string: split on ``;`` if there is one, else on ``,`` and `` and ``.

    ``;`` first because "Last, First; Last, First" lists need their commas.
    """
    parts = value.split(";") if ";" in value else re.split(r",|\band\b", value)
    return tuple(name for name in (clean(p) for p in parts) if name)


def split_categories(value: str) -> tuple[str, ...]:
    """``"cs.CL cs.LG"`` (the arXiv form), ``"cs.CL, cs.LG"`` or ``"cs.CL;cs.LG"``."""
    return tuple(c for c in re.split(r"[\s,;]+", value) if c)


def as_names(value: object) -> tuple[str, ...]:
    """Authors or categories from a string or a list of strings / ``{"name": ...}`` objects."""
    if value is None:
        return ()
    if isinstance(value, str):
        return split_names(value)
    if isinstance(value, Iterable):
        names = (v.get("name") if isinstance(v, Mapping) else v for v in value)
        return tuple(clean(str(n)) for n in names if n is not None and str(n).strip())
    return (clean(str(value)),)


def pick(record: Mapping[str, object], name: str) -> object:
    """The first present, non-empty field among ``ALIASES[name]``."""
    for key in ALIASES[name]:
        value = record.get(key)
        if value not in (None, "", [], ()):
            return value
    return None


def paper_from_record(record: Mapping[str, object], source: str, line: int) -> Paper | str:
    """A Paper, or the reason this record cannot be one (no abstract). The title is optional."""
    record = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    abstract = pick(record, "abstract")
    if not isinstance(abstract, str) or not abstract.strip():
        return "no abstract"
    title = pick(record, "title")
    title = clean(title) if isinstance(title, str) else None
    abstract = clean(abstract)
    ids = record_ids(record)
    url, when = (pick(record, n) for n in ("url", "date"))
    categories = pick(record, "categories")
    return Paper(
        id=ids[0] if ids else derived_id(title, abstract),
        title=title or None,
        abstract=abstract,
        source=source,
        line=line,
        date=iso_date(str(when)) if when is not None else None,
        url=_text(url),
        authors=as_names(pick(record, "authors")),
        categories=split_categories(categories) if isinstance(categories, str) else as_names(categories),
        ids=ids,
    )


def kept(result: Paper | str, line: int, skip: Skip, prefix: str = "") -> Paper | None:
    """The Paper, or None after reporting why the record at ``line`` was skipped."""
    if isinstance(result, str):
        skip(line, prefix + result)
        return None
    return result


def _text(value: object) -> str | None:
    return str(value).strip() if value is not None else None
