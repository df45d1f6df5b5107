"""Headless Debian chromium driven by Playwright, for the browser tests and scripts/bench_views.py.

Playwright (the "test" extra) cannot download its own browser here, so it is
pointed at the system binary. Every page opened records console errors, page
errors and every request whose URL is not file:// (a view must make none).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def chromium_path() -> str | None:
    """The chromium binary to drive: $KG_CHROMIUM, else the first system one that exists."""
    explicit = os.environ.get("KG_CHROMIUM")
    if explicit:
        return explicit
    found = next((path for path in CANDIDATES if Path(path).exists()), None)
    return found or shutil.which("chromium")


@dataclass
class PageLog:
    """What a page did besides drawing: console errors, uncaught errors, non-file requests."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL asked for, the page's own included
    external_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def browser_context(viewport: tuple[int, int] = (1280, 800)) -> Iterator:
    """A fresh-profile chromium context (own --user-data-dir), closed and deleted afterwards."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("no chromium binary found (apt-get install chromium, or set KG_CHROMIUM)")
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=executable,
                args=CHROMIUM_ARGS,
                headless=True,
                viewport={"width": viewport[0], "height": viewport[1]},
            )
            # nothing leaves the machine: requests are still seen (and logged), then refused
            context.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def open_logged(context, url: str, timeout_ms: int = 30_000):
    """Open ``url`` in a new page that records into a PageLog; returns (page, log)."""
    page = context.new_page()
    log = PageLog()
    page.on("console", lambda msg: log.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: log.errors.append(str(error)))
    page.on("dialog", lambda dialog: (log.dialogs.append(dialog.message), dialog.dismiss()))

    def on_request(request) -> None:
        log.requests.append(request.url)
        if not request.url.startswith("file://"):
            log.external_requests.append(request.url)

    page.on("request", on_request)
    page.goto(url, timeout=timeout_ms)
    return page, log


def wait_drawn(page, timeout_ms: int = 30_000) -> float:
    """Wait for the view's first draw; milliseconds from navigation start to it."""
    page.wait_for_function("window.kgView && window.kgView.drawn", timeout=timeout_ms)
    return float(page.evaluate("window.kgView.drawnAt"))


# Each visible node's shape box and, where vis-network draws it at the current zoom, its label box
# (a label is skipped when its on-screen font is under the drawThreshold, as in vis's Label.draw).
_BOXES_JS = """() => {
  const net = window.kgView.network, scale = net.getScale(), out = [];
  for (const id of net.body.nodeIndices) {
    const node = net.body.nodes[id];
    if (node.options.hidden) continue;
    const r = node.shape.radius || node.options.size, lab = node.labelModule;
    const drawn = node.options.label && lab.size.width > 0 &&
      lab.fontOptions.size * scale >= node.options.scaling.label.drawThreshold - 1;
    const s = lab.size;
    out.push([id, node.x - r, node.y - r, node.x + r, node.y + r,
      drawn ? [s.left, s.top, s.left + s.width, s.top + s.height] : null]);
  }
  return out;
}"""


def drawn_boxes(page) -> tuple[list[str], list, list]:
    """(node ids, shape Boxes, label Boxes or None) of the nodes the page shows, as it last drew them."""
    from kg.views.geometry import Box

    rows = page.evaluate(_BOXES_JS)
    ids = [row[0] for row in rows]
    shapes = [Box(*row[1:5]) for row in rows]
    labels = [Box(*row[5]) if row[5] else None for row in rows]
    return ids, shapes, labels


def page_overlaps(page):
    """OverlapCounts of the view as drawn now (call after the first draw, at the initial zoom)."""
    from kg.views.geometry import count_overlaps

    _, shapes, labels = drawn_boxes(page)
    return count_overlaps(shapes, labels)
