"""Find and clean URLs in abstract text, and type them (code / project page / other).

Pure functions: abstracts carry URLs wrapped in LaTeX residue (``\\url{...}``, braces),
angle brackets, trailing sentence punctuation, or broken by a space after ``https:``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.records import LinkKind

_CODE_HOSTS = ("github.com", "gitlab.com", "huggingface.co", "hf.co", "bitbucket.org", "gitee.com")
# A URL start: a scheme (possibly broken by a space around the colon, "https: //x", or glued to the
# word before it, "athttps://x"), "www.", or a code host written without a scheme ("github.com/x/y").
_URL = re.compile(
    r"(?:(?:https?|\bftp) ?: ?//|\bwww\.|(?<![\w.@/-])(?:"
    + "|".join(re.escape(h) for h in _CODE_HOSTS)
    + r")/(?=\w))[^\s<>\"'`{}|\\^]+",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:\\url\{|\\href\{|<|\{|\()+")
_TRAILING = ".,;:!?'\"*>"
_CLOSERS = {")": "(", "]": "[", "}": "{"}
_VALID = re.compile(
    r"^(?:(?:https?|ftp)://[^/\s]+\.[^/\s]+|www\.[^/\s]+\.[^/\s]+|(?:"
    + "|".join(re.escape(h) for h in _CODE_HOSTS)
    + r")/\w)",
    re.IGNORECASE,
)
_PROJECT_HOSTS = ("github.io", "gitlab.io", "sites.google.com", "notion.site", "netlify.app", "pages.dev")
_PROJECT_PATH = re.compile(r"/(?:projects?|proj|pages?|demos?|homepage|website)(?:/|$|[-_.])", re.I)


def _trim(raw: str) -> tuple[int, int]:
    """(start, end) of the address inside ``raw``: wrappers and trailing punctuation removed."""
    lead = _LEADING.match(raw)
    start, end = (lead.end() if lead else 0), len(raw)
    while end > start:
        last = raw[end - 1]
        body = raw[start:end]
        if last in _TRAILING or (last in _CLOSERS and body.count(_CLOSERS[last]) < body.count(last)):
            end -= 1
        else:
            break
    return start, end


def clean_url(raw: str) -> str | None:
    """The address a raw URL-ish string points to, or None when nothing URL-like is left."""
    raw = raw.strip()
    start, end = _trim(raw)
    url = re.sub(r"^(https?|ftp) ?: ?//", lambda m: m.group(1).lower() + "://", raw[start:end], flags=re.I)
    if not _VALID.match(url):
        return None
    return url if "://" in url else "https://" + url  # "www.x.org", "github.com/x/y"


def link_kind(url: str) -> LinkKind:
    """code (repository hosts), project (project pages) or other."""
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/", 1)[0].split(":", 1)[0].removeprefix("www.")
    if any(host == h or host.endswith("." + h) for h in _CODE_HOSTS):
        return "code"
    if any(host == h or host.endswith("." + h) for h in _PROJECT_HOSTS) or _PROJECT_PATH.search(url):
        return "project"
    return "other"


def find_urls(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, cleaned url) per distinct address in ``text``; offsets cover the address as written."""
    if "//" not in text and "www." not in text.lower() and not any(h in text for h in _CODE_HOSTS):
        return  # most abstracts have no URL: skip the regex scan
    seen: set[str] = set()
    for match in _URL.finditer(text):
        url = clean_url(match.group(0))
        if not url or url.rstrip("/") in seen:
            continue
        seen.add(url.rstrip("/"))
        start, end = _trim(match.group(0))
        yield match.start() + start, match.start() + end, url
