"""Accessibility (WCAG 2.1 AA, what JIS X 8341-3 AA asks of public bodies) and layout of
every page, for every role, in Debian's headless Chromium.

The pages are found by walking the links of the menu and of the pages it opens (a page
another change adds to the menu is checked too), plus pages that only a form reaches (a
check's result, a chat with a refused message). axe-core comes from the
``axe-playwright-python`` package (its bundled ``axe.min.js``, installed by
``scripts/setup.sh`` with the dev tools; nothing is fetched at run time). At 1366, 768
and 390 px: nothing overflows the page sideways, no menu item breaks inside a word, the
current page is marked, the dashboard's form stays on one line per word and chart text
is at least 12 px.

``HINAGATA_SCREENSHOTS=DIR`` also saves full-page screenshots of the main pages at
1366 and 390 px into DIR (docs/screenshots/ holds the ones looked at).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from _browser import browser
from _gateway import Running, running_gateway
from _web import PASSWORD, csrf_at, sign_in, sign_in_page
from hinagata.store import Accounts

PROMPT = "転入届の相談：高橋 健一さん（電話 090-1234-5678）。要点をまとめて。"
ROLES = {"tanaka": ["staff"], "kanri": ["usage_admin"], "shinsa": ["reviewer"], "caio": ["admin"]}
NAMES = {"tanaka": "田中 一郎", "kanri": "佐々木 花子", "shinsa": "山口 二郎", "caio": "小林 三郎"}
#: Links that are not pages to check: downloads, and the sign-out.
SKIP = re.compile(r"^/(static/|logout|admin/guideline/|admin/audit/export|catalog/export/)")
WIDTHS = (1366, 768, 390)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHOTS = os.environ.get("HINAGATA_SCREENSHOTS", "")


@pytest.fixture(scope="module")
def gw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    tmp = tmp_path_factory.mktemp("a11y")
    with running_gateway(tmp, f"sqlite:///{tmp / 'h.db'}") as running:
        acc = Accounts(running.gateway.db)
        for login, roles in ROLES.items():
            acc.create(login=login, password=PASSWORD, display_name=NAMES[login],
                       department="市民課", roles=roles, trained=True)  # fmt: skip
        _activity(running)
        yield running


def _activity(gw: Running) -> None:
    """Something in the audit log, the charts and the lists (data invented)."""
    with contextlib.closing(sign_in(gw.base_url, "tanaka")) as c:
        csrf = csrf_at(c, "/keys")
        c.post("/keys", data={"csrf": csrf, "note": "庁内チャット"})
        for model, text in (("wg", PROMPT), ("consumer", PROMPT), ("wg", "窓口の案内文を作って")):
            body = {"model": model, "messages": [{"role": "user", "content": text}]}
            c.post("/chat/send", json=body, headers={"x-csrf-token": csrf})


def _sign_in(b: Any, gw: Running, login: str, width: int = 1366) -> Any:
    page = b.new_page(viewport={"width": width, "height": 900})
    sign_in_page(page, gw.base_url, login)
    return page


def _key(path: str) -> str:
    """Pages of one kind once (/usecases/12 and /usecases/13 are one page)."""
    return re.sub(r"/\d+", "/N", path)


def _walk(page: Any, gw: Running) -> list[str]:
    """The pages reached from the menu, and from the pages it opens (two steps)."""
    seen: dict[str, str] = {}
    skipped: set[str] = set()
    frontier = ["/"]
    for depth in range(3):
        nxt: list[str] = []
        for path in frontier:
            if _key(path) in seen or path in skipped:
                continue
            # A download (a file, or a page sent as an attachment) is not a page to check.
            head = page.request.get(gw.base_url + path)
            kind = head.headers.get("content-type", "")
            if "text/html" not in kind or "attachment" in head.headers.get(
                "content-disposition", ""
            ):
                skipped.add(path)
                continue
            page.goto(gw.base_url + path)
            seen[_key(path)] = path
            if depth == 2:
                continue
            links = page.eval_on_selector_all(
                "header nav a[href], main a[href]", "els => els.map(e => e.getAttribute('href'))"
            )
            for href in links:
                parts = urlsplit(href)
                if parts.netloc or not parts.path.startswith("/") or SKIP.match(parts.path):
                    continue
                nxt.append(parts.path)
        frontier = nxt
    return list(seen.values())


def _axe(page: Any) -> list[str]:
    """The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    found = Axe().run(page, options=options).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def _check_result(page: Any, gw: Running, service: str) -> None:
    page.goto(gw.base_url + "/check")
    page.get_by_label("判定する文章").fill(PROMPT)
    page.get_by_label("送信先のAIサービス").select_option(service)
    page.get_by_role("button", name="判定する").click()
    page.wait_for_selector(".result")


def _refused_chat(page: Any, gw: Running) -> None:
    page.goto(gw.base_url + "/chat")
    page.locator("#prompt").fill(PROMPT)
    page.locator("#model").select_option("consumer")
    page.locator("#send").click()
    page.wait_for_selector(".verdict-note.bad")


def test_every_page_for_every_role_has_no_serious_accessibility_violation(gw: Running) -> None:
    problems: list[str] = []
    visited: set[str] = set()
    with browser() as b:
        for login in ROLES:
            page = _sign_in(b, gw, login)
            pages = _walk(page, gw)
            assert "/guideline" in pages and "/check" in pages, pages
            for path in pages:
                page.goto(gw.base_url + path)
                visited.add(_key(path))
                problems += [f"{login} {path}: {p}" for p in _axe(page)]
            # Pages only a form reaches: a check's result (refused, and masked), a chat
            # with a refused message.
            for service in ("example-consumer-chat", "example-domestic-lgwan"):
                _check_result(page, gw, service)
                problems += [f"{login} /check ({service}): {p}" for p in _axe(page)]
            _refused_chat(page, gw)
            problems += [f"{login} /chat (refused): {p}" for p in _axe(page)]
            page.close()
        # The sign-in page.
        anon = b.new_page()
        anon.goto(gw.base_url + "/login")
        problems += [f"/login: {p}" for p in _axe(anon)]
    assert {"/", "/check", "/chat", "/guideline", "/services", "/admin", "/admin/audit"} <= visited
    assert not problems, "\n".join(problems)


def _layout(page: Any) -> list[str]:
    """What is broken in the layout of the page at its current width."""
    return list(
        page.evaluate(
            """() => {
      const out = [];
      const de = document.documentElement;
      if (de.scrollWidth > window.innerWidth + 1) out.push(`page is ${de.scrollWidth}px wide`);
      const items = [...document.querySelectorAll("header nav a")];
      for (const a of items) {
        const lh = parseFloat(getComputedStyle(a).lineHeight) || 24;
        if (a.getClientRects().length !== 1 || a.getBoundingClientRect().height > lh * 1.6 + 8)
          out.push(`menu item 「${a.textContent}」 breaks inside`);
      }
      const current = document.querySelectorAll('header nav a[aria-current="page"]');
      if (items.length && location.pathname !== "/" && current.length !== 1)
        out.push(`${current.length} menu items marked current`);
      for (const el of document.querySelectorAll("form.search label, form.search button")) {
        const lh = parseFloat(getComputedStyle(el).lineHeight) || 24;
        if (el.getBoundingClientRect().height > lh * 1.6 + 20)
          out.push(`「${el.textContent.trim()}」 wraps`);
      }
      for (const el of document.querySelectorAll(".chart .lbl, .chart .num")) {
        const px = parseFloat(getComputedStyle(el).fontSize);
        if (px < 12) out.push(`chart text 「${el.textContent}」 is ${px}px`);
      }
      return out;
    }"""
        )
    )


MAIN_PAGES = ("/", "/check", "/chat", "/guideline", "/services", "/usecases/new", "/catalog",
              "/admin", "/admin/audit")  # fmt: skip


def test_pages_are_laid_out_at_desktop_tablet_and_phone_widths(gw: Running) -> None:
    problems: list[str] = []
    with browser() as b:
        page = _sign_in(b, gw, "caio")
        pages = _walk(page, gw)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for path in pages:
                page.goto(gw.base_url + path)
                problems += [f"{width}px {path}: {p}" for p in _layout(page)]
                if width == 390:  # what only a narrow screen shows (scrolling tables)
                    problems += [f"{width}px {path}: {p}" for p in _axe(page)]
            _check_result(page, gw, "example-consumer-chat")
            problems += [f"{width}px /check (result): {p}" for p in _layout(page)]
            if SHOTS and width in (1366, 390):
                out = Path(SHOTS)
                out.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out / f"check-result-{width}.png"), full_page=True)
                for path in MAIN_PAGES:
                    page.goto(gw.base_url + path)
                    name = path.strip("/").replace("/", "-") or "home"
                    # The guideline is long: its first screen only.
                    whole = path != "/guideline"
                    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=whole)
        # The dashboard at 390 px: 期間, the period and 表示 on one line.
        page.set_viewport_size({"width": 390, "height": 900})
        page.goto(gw.base_url + "/admin")
        label = page.locator("form.search label").bounding_box()
        button = page.locator("form.search button").bounding_box()
        assert label is not None and button is not None
        assert abs(label["y"] + label["height"] / 2 - (button["y"] + button["height"] / 2)) < 8
    assert not problems, "\n".join(problems)
