"""Text normalisation shared by scoring and resolution: one definition of "the same name"."""

from __future__ import annotations

import re
import unicodedata

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_FOLD_DROP = re.compile(r"[\s\-_]+")
_PUNCT_TABLE = {ord(c): "-" for c in _DASHES} | {
    0x2018: "'",
    0x2019: "'",
    0x201C: '"',
    0x201D: '"',
    0xA0: " ",
}
_SPACES = re.compile(r"[ \t]+")


def normalize_text(text: str) -> str:
    """NFKC, LaTeX markup removed, unify dashes and quotes, collapse runs of spaces: what readers
    hand to the extractor (so evidence offsets index the text the extractor saw)."""
    return _SPACES.sub(" ", _unified(text)).strip()


def _unified(text: str) -> str:
    """``normalize_text`` but for spacing: LaTeX and markup stripped, NFKC, dashes and quotes unified."""
    if "\\" in text or "$" in text:
        text = strip_latex(text)
    if "<" in text or "](" in text:
        text = strip_markup(text)
    if not text.isascii():  # ASCII is NFKC-stable and holds no dash or quote to unify
        text = unicodedata.normalize("NFKC", text).translate(_PUNCT_TABLE)
    return text


# Commands whose argument is the text itself: "\textbf{D}irect" -> "Direct", "\url{x}" -> "x".
_WRAPPERS = (
    "textbf|textit|emph|texttt|textsc|textrm|textsf|textup|textnormal|text|underline|mbox|url"
    "|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|mathfrak|boldsymbol|bm|operatorname"
)
_WRAPPED = re.compile(r"\\(?:" + _WRAPPERS + r")\s*\{([^{}]*)\}")
# Old-style font switches inside a group: "{\em X}", "{\bf X}".
_SWITCHED = re.compile(r"\{\\(?:em|bf|it|tt|sc|rm|sf|sl|small|large)\s+([^{}]*)\}")
_ESCAPED = re.compile(r"\\([%&_#$])")
# References are not text: "\\cite{finn2017model}", "~\\ref{fig:1}" go; a footnote's words stay, apart.
_REFERENCE = re.compile(r"~?\\(?:cite[tp]?|citeauthor|citeyear|ref|eqref|autoref|label)\*?\{[^{}]*\}")
_FOOTNOTE = re.compile(r"\\footnote\s*\{([^{}]*)\}")
# Inline math, not two prices: "$\\chi^2$" but not "$20 and $30".
_MATH = re.compile(r"\$(?!\s)([^$]{1,120}?)(?<!\s)\$")
_SYMBOLS = {
    "times": "×",
    "leq": "≤",
    "geq": "≥",
    "le": "≤",
    "ge": "≥",
    "approx": "≈",
    "sim": "~",
    "pm": "±",
    "cdot": "·",
    "infty": "∞",
    "to": "→",
    "rightarrow": "→",
    "ell": "l",
}
_COMMAND = re.compile(r"\\([A-Za-z]{2,})")  # not one-letter accents ("\\c{c}"), left to author readers


# "$\\sim$7\\%" after a converter dropped "$\\": "sim7\\%" (approximately 7%).
_SIM_RESIDUE = re.compile(r"(?<![A-Za-z])sim(?=\d+(?:\.\d+)?(?![A-Za-z\d.]))")


# HTML tags of formatted abstracts ("BERT<sup>2</sup>", "<i>in vivo</i>"), by name, so that "p < 0.05"
# and "<5%" stay; a Markdown link "[code](https://...)" keeps its text and its address.
_TAG = re.compile(
    r"</?(?:sup|sub|b|i|u|em|strong|small|big|br|p|span|div|a|code|tt|font|mark|s|strike|del|ins)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_FOOTNOTE_MARK = re.compile(r"<sup>\s*[\d*†‡§¶,\s]{1,8}</sup>", re.IGNORECASE)  # "Model<sup>1,2</sup>"
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]{1,200})\]\((\S{1,500}?)\)")


def strip_markup(text: str) -> str:
    """HTML tags removed (a break or paragraph becomes a space, a footnote mark goes with its tag),
    Markdown links as "text (url)"."""
    text = _MARKDOWN_LINK.sub(lambda m: m[1] if m[1] == m[2] else f"{m[1]} ({m[2]})", text)
    text = _FOOTNOTE_MARK.sub("", text)
    return _TAG.sub(lambda m: " " if m[0][1:3].lower() in ("br", "p>", "p ", "di") else "", text)


def strip_latex(text: str) -> str:
    """Remove LaTeX markup left in abstracts, keeping the words it wraps: "\\textbf{D}irect" ->
    "Direct", "{\\em Fast}" -> "Fast", "$\\chi^2$" -> "chi^2", "MI-$\\alpha$" -> "MI-alpha",
    "10\\%" -> "10%". Greek letters are spelled out, as plain-text abstracts write them."""
    text = _ESCAPED.sub(lambda m: "\x00" if m[1] == "$" else m[1], text)
    text = _REFERENCE.sub("", text)
    for _ in range(3):  # nested wrappers: "\\textbf{\\emph{X}}"
        stripped = _SWITCHED.sub(r"\1", _WRAPPED.sub(r"\1", text))
        stripped = _FOOTNOTE.sub(r" (\1)", stripped)
        if stripped == text:
            break
        text = stripped
    text = _MATH.sub(lambda m: m[1].replace("{", "").replace("}", ""), text)
    text = _COMMAND.sub(lambda m: _SYMBOLS.get(m[1], m[1]), text)
    text = _SIM_RESIDUE.sub("~", text)
    return text.replace("\x00", "$")


def fold(name: str) -> str:
    """Fold case, hyphens, spaces and a trailing plural "s" (the guidelines' matching rule).

    "UCF-101" == "UCF101", "Transformers" == "transformer".
    """
    # = _FOLD_DROP.sub("", normalize_text(name).casefold()): every space is dropped, so
    # normalize_text's spacing is skipped (fold runs once per distinct name, millions of times)
    key = _FOLD_DROP.sub("", _unified(name).casefold())
    if len(key) > 3 and key.endswith("s") and not key.endswith("ss") and key[-2].isalpha():
        key = key[:-1]
    return key
