"""What the web tests share: the test accounts' password, the two-municipality platform,
signing in (over HTTP and in the browser), and the hidden fields of a form."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx

#: The password every test account is created with.
PASSWORD = "correct-horse-battery-staple"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "policies"
#: A platform of two municipalities (the example policies): the tenancy tests' world.
PLATFORM = f"""\
municipalities:
  - {{name: 例示市, policy: {EXAMPLES / "example-city"}}}
  - {{name: 例示町, policy: {EXAMPLES / "example-town"}}}
"""
CITY, TOWN = "例示市", "例示町"


def post_sign_in(
    c: httpx.Client, login: str, password: str = PASSWORD, **fields: str
) -> httpx.Response:
    """The sign-in form sent on ``c`` with its CSRF token (and ``fields``, e.g. ``next``):
    the answer as it comes, a refusal included."""
    page = c.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    data = {"login": login, "password": password, "login_csrf": token, **fields}
    return c.post("/login", data=data)


def sign_in(
    base_url: str, login: str, password: str = PASSWORD, *, timeout: float = 60
) -> httpx.Client:
    """A client signed in as ``login`` through the sign-in form (its CSRF token included)."""
    c = httpx.Client(base_url=base_url, follow_redirects=False, timeout=timeout)
    r = post_sign_in(c, login, password)
    assert r.status_code == 303, (login, r.status_code)
    return c


def sign_in_page(
    page: Any, base_url: str, login: str, start: str = "/login", lands: str = "/"
) -> None:
    """Sign a browser tab (Playwright) in as ``login``: open ``start`` (the sign-in form, or a
    page that shows it), fill the form in, and wait until the tab is at ``lands``."""
    page.goto(base_url + start)
    page.get_by_label("ログイン名").fill(login)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(base_url + lands)


def csrf_in(html: str) -> str:
    """The session's CSRF token of a page's form."""
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def csrf_at(c: httpx.Client, path: str = "/keys") -> str:
    """The session's CSRF token, from the form of the page at ``path``."""
    return csrf_in(c.get(path).text)


def version_in(html: str) -> str:
    """The record version a form carries (optimistic locking)."""
    return re.search(r'name="version" value="(\d+)"', html).group(1)  # type: ignore[union-attr]
