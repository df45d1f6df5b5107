"""Stable paper ids: the id a source gives, namespaced; derived from the text only when none is given.

A source's own id is kept, normalised so that one paper written in any spelling gets one id:
``arxiv:<id without version>``, ``doi:<lower-cased DOI>``, ``openalex:W…``, ``pwc:<paper slug>``,
an already namespaced ``scheme:value`` as given, else ``id:<value>`` (a source-local id such as
``pwc-test-0001``). Without one: ``title:`` + the first 16 hex digits of the SHA-1 of the
normalised title, or ``abstract:`` + that of the normalised abstract for a paper without a
title (or whose title another paper with a different abstract already holds). Every id in the
graph is minted here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

# New style (2007-): YYMM.NNNN (to 2014) or YYMM.NNNNN (2015-), month 01-12.
_NEW = r"\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}"
# Old style (-2007): archive[.SUBJECT-CLASS]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
_OLD = r"[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{2}(?:0[1-9]|1[0-2])\d{3}"
_ID = rf"(?P<id>{_NEW}|{_OLD})(?:v\d+)?"

_BARE = re.compile(rf"(?:arxiv:)?{_ID}", re.IGNORECASE)
# arxiv.org/abs|pdf|html/<id>, export.arxiv.org, and huggingface.co/papers/<id> (HF keys papers by arXiv id).
_URL = re.compile(
    rf"(?:^|//)(?:[\w-]+\.)*(?:arxiv\.org/(?:abs|pdf|html)|huggingface\.co/papers)/{_ID}(?:\.pdf)?(?=$|[/?#])",
    re.IGNORECASE,
)
_DOI = re.compile(r"(?:doi:\s*|(?:https?://)?(?:dx\.)?doi\.org/)?(?P<doi>10\.\d{4,9}/\S+)", re.IGNORECASE)
_OPENALEX = re.compile(r"(?:openalex:|(?:https?://)?(?:api\.)?openalex\.org/(?:works/)?)(?P<w>W\d+)", re.I)
_PWC = re.compile(r"(?:https?://)?(?:www\.)?paperswithcode\.com/paper/(?P<slug>[^/?#\s]+)/?", re.I)
_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9_.+-]{0,15}):(?P<value>(?!//)\S.*)")
_URLISH = re.compile(r"^(?:[a-z]+://|www\.)", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[\W_]+")

# Which id wins when a record gives several: the most widely shared scheme first.
_RANK = {"arxiv": 0, "doi": 1, "openalex": 2, "pwc": 3}
_OTHER, _LOCAL = 4, 5
DERIVED = ("title", "abstract")  # schemes of ids made from the text, not given by a source


def arxiv_id(value: str | None) -> str | None:
    """The arXiv id (version stripped) in an id field or URL, else None.

    Accepts ``2401.01234v2``, ``arXiv:2401.01234``, ``hep-th/9901001``,
    ``http://arxiv.org/abs/2401.01234v2``, ``https://arxiv.org/pdf/2401.01234.pdf``.
    Any other string (a DOI, a random number) is not an arXiv id.
    """
    if not value:
        return None
    value = value.strip()
    match = _BARE.fullmatch(value) or _URL.search(value)
    if match is None:
        return None
    found = match.group("id")
    if "/" in found:  # old style: archive is lower case, subject class upper case
        archive, number = found.split("/")
        name, _, subject = archive.partition(".")
        return f"{name.lower()}{'.' + subject.upper() if subject else ''}/{number}"
    return found


def known_id(value: str | None) -> str | None:
    """A value in a scheme recognised by its spelling (arXiv, DOI, OpenAlex, Papers with Code),
    namespaced, else None. URLs are read this way too: a URL names a paper only like this."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if found := arxiv_id(value):
        return f"arxiv:{found}"
    if match := _DOI.fullmatch(value):
        return "doi:" + match.group("doi").lower()
    if match := _OPENALEX.fullmatch(value):
        return "openalex:" + match.group("w").upper()
    if match := _PWC.fullmatch(value):
        return "pwc:" + match.group("slug")
    return None


def source_id(value: object, scheme: str | None = None) -> str | None:
    """The namespaced id of a value found in an id field (``scheme`` when the field names one,
    e.g. ``doi``), or None for an empty value or a URL that names no paper."""
    if value is None or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    if found := known_id(text):
        return found
    if _URLISH.match(text):
        return None  # a web page, not an id
    if scheme:
        return f"{scheme}:{text}"
    if match := _SCHEME.fullmatch(text):
        return f"{match.group('scheme').lower()}:{match.group('value')}"
    return f"id:{text}"


def rank(paper_id: str) -> int:
    """Sort key of an id: arXiv, DOI, OpenAlex, Papers with Code, other schemes, source-local ids."""
    scheme = paper_id.partition(":")[0]
    return _RANK.get(scheme, _LOCAL if scheme == "id" else _OTHER)


def ordered_ids(ids: Iterable[str | None]) -> tuple[str, ...]:
    """Distinct ids, best first (ties keep their order)."""
    distinct = dict.fromkeys(i for i in ids if i)
    return tuple(sorted(distinct, key=rank))


def scheme_of(paper_id: str) -> str:
    return paper_id.partition(":")[0]


def is_derived(paper_id: str) -> bool:
    """An id made from the text (``title:`` / ``abstract:``) rather than given by a source."""
    return scheme_of(paper_id) in DERIVED


def text_key(text: str) -> str:
    """Casefold, collapse every run of non-alphanumerics to one space, strip."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NON_ALNUM.sub(" ", folded).strip()


title_key = text_key  # the key two titles are the same title by


def _digest(text: str) -> str:
    return hashlib.sha1(text_key(text).encode("utf-8")).hexdigest()[:16]


def title_id(title: str) -> str:
    """``title:<16 hex>``: the same for titles that differ only in case, spacing or punctuation."""
    return "title:" + _digest(title)


def abstract_id(abstract: str) -> str:
    """``abstract:<16 hex>``, for a paper with neither a source id nor a title to name it by."""
    return "abstract:" + _digest(abstract)


def derived_id(title: str | None, abstract: str) -> str:
    return title_id(title) if title else abstract_id(abstract)


def paper_id(title: str | None, *candidates: str | None, abstract: str = "") -> str:
    """The id of a paper given its title and candidate ids/URLs: the best recognised id among
    ``candidates``, else one derived from the title (or the abstract when there is no title)."""
    ids = ordered_ids(known_id(c) for c in candidates)
    return ids[0] if ids else derived_id(title, abstract)
