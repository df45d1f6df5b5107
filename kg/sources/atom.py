"""arXiv API responses: Atom XML ``feed/entry`` elements.

Parsed with expat through ElementTree's TreeBuilder, fed line by line so each
entry's start line is known exactly (``Paper.line`` is the line of ``<entry>``).
DTD entity declarations are refused (no entity-expansion attacks), so defusedxml
is not needed. A well-formedness error keeps the entries before it and reports
the rest of the file as skipped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from xml.parsers import expat

from kg.records import Paper
from kg.sources.fields import Skip, clean, iso_date, kept
from kg.sources.ids import derived_id, known_id, ordered_ids, source_id
from kg.sources.textio import Lines

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


class _Refused(Exception):
    pass


def read_atom(lines: Lines, source: str, skip: Skip) -> Iterator[Paper]:
    """Papers from the ``entry`` elements of an Atom feed, in document order."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    finished: list[tuple[int, ET.Element]] = []
    open_entries: list[int] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        tag = _clark(tag)
        if tag == f"{ATOM}entry":
            open_entries.append(parser.CurrentLineNumber)
        builder.start(tag, {_clark(k): v for k, v in attrs.items()})

    def end(tag: str) -> None:
        element = builder.end(_clark(tag))
        if element.tag == f"{ATOM}entry":
            finished.append((open_entries.pop(), element))

    def refuse(*_: object) -> None:
        raise _Refused("DTD entity declarations are not accepted")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = refuse
    number = 0
    try:
        for number, text in lines:  # noqa: B007 - number reported after the loop
            parser.Parse(text + "\n", False)
            yield from _drain(finished, source, skip)
        if number == 0:
            return  # an empty file: no feed, no entries
        parser.Parse("", True)
        yield from _drain(finished, source, skip)
    except (expat.ExpatError, _Refused) as exc:
        yield from _drain(finished, source, skip)
        where = getattr(exc, "lineno", number)
        skip(where, f"XML error: {exc}; rest of the file not read")


def _clark(name: str) -> str:
    """expat's ``uri}local`` -> ElementTree's ``{uri}local``."""
    return "{" + name if "}" in name else name


def _drain(finished: list[tuple[int, ET.Element]], source: str, skip: Skip) -> Iterator[Paper]:
    for line, entry in finished:
        paper = kept(_entry_paper(entry, source, line), line, skip)
        entry.clear()  # entries are done with: keep memory flat on large feeds
        if paper is not None:
            yield paper
    finished.clear()


def _entry_paper(entry: ET.Element, source: str, line: int) -> Paper | str:
    raw_id = entry.findtext(f"{ATOM}id", "").strip()
    title = clean(entry.findtext(f"{ATOM}title", ""))
    summary = clean(entry.findtext(f"{ATOM}summary", ""))
    if "/api/errors" in raw_id:
        return f"arXiv API error entry: {summary or title}"
    if not summary:
        return "Atom entry without summary"
    links = entry.findall(f"{ATOM}link")
    url = next((a.get("href") for a in links if a.get("rel", "alternate") == "alternate"), None)
    ids = ordered_ids([known_id(raw_id), known_id(url), source_id(entry.findtext(f"{ARXIV}doi"), "doi")])
    categories = [c.get("term") for c in entry.findall(f"{ARXIV}primary_category")]
    categories += [c.get("term") for c in entry.findall(f"{ATOM}category")]
    published = entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated")
    return Paper(
        id=ids[0] if ids else derived_id(title, summary),
        title=title or None,
        abstract=summary,
        source=source,
        line=line,
        date=iso_date(published) if published and published.strip() else None,
        url=url or (raw_id or None),
        authors=tuple(
            n for n in (clean(a.findtext(f"{ATOM}name", "")) for a in entry.iter(f"{ATOM}author")) if n
        ),
        categories=tuple(dict.fromkeys(c for c in categories if c)),
        ids=ids,
    )
