"""Records of the arXiv metadata snapshot (Kaggle ``arxiv-metadata-oai-snapshot.json``).

One JSON object per line with ``id``, ``title``, ``abstract``, ``categories`` (space
separated), ``authors`` (one LaTeX string), ``authors_parsed`` ([last, first, suffix]),
``versions`` ([{"version": "v1", "created": RFC 2822 date}]) and ``update_date``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from email.utils import parsedate_to_datetime

from kg.records import Paper
from kg.sources.fields import clean, iso_date, split_categories, split_names
from kg.sources.ids import ordered_ids, source_id

# Keys only the snapshot has; generic JSONL with title/abstract/id does not.
SNAPSHOT_KEYS = frozenset({"update_date", "versions", "authors_parsed", "submitter"})

# TeX accent commands -> Unicode combining marks: \'e, \'{e}, {\'e}, \"o, \c{c}, \v{s} ...
_ACCENTS = dict(
    zip("'`^\"~=.cvuH", "\u0301\u0300\u0302\u0308\u0303\u0304\u0307\u0327\u030c\u0306\u030b", strict=True)
)
_TEX_ACCENT = re.compile(r"\{?\\([`'^\"~=.]|[cvuH](?=[{ ]))\s*\{?([A-Za-z])\}?\}?")


def is_snapshot_record(record: Mapping[str, object]) -> bool:
    return "abstract" in record and "id" in record and not SNAPSHOT_KEYS.isdisjoint(record)


def detex_name(name: str) -> str:
    """``Bal\\'azs`` -> ``Balázs``: author names in the snapshot are written in TeX."""
    if "\\" not in name:
        return name
    name = _TEX_ACCENT.sub(lambda m: unicodedata.normalize("NFC", m[2] + _ACCENTS[m[1]]), name)
    return name.replace("{", "").replace("}", "")


def snapshot_paper(record: Mapping[str, object], source: str, line: int) -> Paper | str:
    """A Paper from one snapshot record, or why not."""
    title, abstract, raw_id = record.get("title"), record.get("abstract"), record.get("id")
    for name, value in (("abstract", abstract), ("id", raw_id)):
        if not isinstance(value, str) or not value.strip():
            return f"arXiv snapshot record without {name}"
    assert isinstance(abstract, str) and isinstance(raw_id, str)
    title = clean(title) if isinstance(title, str) else ""
    ids = ordered_ids([source_id(raw_id, "arxiv"), source_id(record.get("doi"), "doi")])
    categories = record.get("categories")
    return Paper(
        id=ids[0],
        title=title or None,
        abstract=clean(abstract),
        source=source,
        line=line,
        date=_first_version_date(record),
        url=f"https://arxiv.org/abs/{raw_id.strip()}",
        authors=_authors(record),
        categories=split_categories(categories) if isinstance(categories, str) else (),
        ids=ids,
    )


def _authors(record: Mapping[str, object]) -> tuple[str, ...]:
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        names = (
            " ".join(p for p in (first, last, suffix) if p)
            for last, first, suffix, *_ in ([*a, "", ""] for a in parsed if isinstance(a, list))
        )
        return tuple(clean(detex_name(n)) for n in names if n.strip())
    authors = record.get("authors")
    return tuple(detex_name(n) for n in split_names(authors)) if isinstance(authors, str) else ()


def _first_version_date(record: Mapping[str, object]) -> str | None:
    """Submission date of v1 (what "published" means on arXiv), else ``update_date``."""
    versions = record.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], Mapping):
        created = versions[0].get("created")
        if isinstance(created, str):
            try:
                return parsedate_to_datetime(created).date().isoformat()
            except (TypeError, ValueError):
                pass
    updated = record.get("update_date")
    return iso_date(updated) if isinstance(updated, str) and updated.strip() else None
