"""Stable paper ids: one paper read from any format gets the same id.

``arxiv:<id without version>`` when an arXiv id is known, else ``title:`` + the
first 16 hex digits of the SHA-1 of the normalised title (see ``title_key``).
Other stages import ``paper_id`` so that every id in the graph is minted here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

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
_NON_ALNUM = re.compile(r"[\W_]+")


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


def title_key(title: str) -> str:
    """Casefold, collapse every run of non-alphanumerics to one space, strip."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return _NON_ALNUM.sub(" ", text).strip()


def title_id(title: str) -> str:
    """``title:<16 hex>``: the same for titles that differ only in case, spacing or punctuation."""
    return "title:" + hashlib.sha1(title_key(title).encode("utf-8")).hexdigest()[:16]


def paper_id(title: str, *candidates: str | None) -> str:
    """The paper's id: the first arXiv id found among ``candidates`` (ids, URLs), else the title hash."""
    for candidate in candidates:
        found = arxiv_id(candidate)
        if found:
            return f"arxiv:{found}"
    return title_id(title)
