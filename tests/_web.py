"""What the web tests share: the test accounts' password, the two-municipality platform,
signing in, and the hidden fields of a form."""

from __future__ import annotations

import re
from pathlib import Path

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


def sign_in(
    base_url: str, login: str, password: str = PASSWORD, *, timeout: float = 60
) -> httpx.Client:
    """A client signed in as ``login`` through the sign-in form (its CSRF token included)."""
    c = httpx.Client(base_url=base_url, follow_redirects=False, timeout=timeout)
    page = c.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = c.post("/login", data={"login": login, "password": password, "login_csrf": token})
    assert r.status_code == 303, (login, r.status_code)
    return c


def csrf_in(html: str) -> str:
    """The session's CSRF token of a page's form."""
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def version_in(html: str) -> str:
    """The record version a form carries (optimistic locking)."""
    return re.search(r'name="version" value="(\d+)"', html).group(1)  # type: ignore[union-attr]
