"""The web application for staff, reviewers and administrators (Japanese UI).

Served by ``hinagata serve`` on the same port as the gateway's API: server-rendered pages
(Jinja2, a little plain JavaScript), local accounts with argon2 hashes, sessions in the
database, CSRF tokens on every form. The pages are built on the
:class:`hinagata.runtime.Runtime` (never on the gateway); :mod:`hinagata.server` mounts
them. See :mod:`hinagata.web._app`.
"""

from hinagata.web._app import ChatHandler, WebApp
from hinagata.web._routes import web_routes

__all__ = ["ChatHandler", "WebApp", "web_routes"]
