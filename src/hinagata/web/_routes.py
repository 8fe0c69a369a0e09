"""The web application's route table: every page, in one list, built on a :class:`WebApp`."""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from hinagata.web._admin import AdminPages
from hinagata.web._app import WebApp, _route
from hinagata.web._catalog import CatalogPages
from hinagata.web._usecases import UseCasePages

__all__ = ["web_routes"]


def web_routes(app: WebApp) -> list[BaseRoute]:
    """Every page of the web application (and its static files), each guarded by its
    access rule (:func:`hinagata.web._app._route`)."""
    uc = UseCasePages(app)
    cat = CatalogPages(app)
    adm = AdminPages(app)
    pages = [
        ("GET", "/admin", adm.dashboard),
        ("GET", "/admin/audit", adm.audit),
        ("GET", "/admin/audit/export", adm.audit_export),
        ("GET", "/admin/policy", adm.policy),
        ("GET", "/admin/guideline/{fmt:str}", adm.guideline),
        ("GET", "/admin/users", adm.users),
        ("POST", "/admin/users", adm.users_add),
        ("POST", "/admin/users/{login}/disable", adm.users_disable),
        ("POST", "/admin/keys/{key_id:int}/revoke", adm.keys_revoke),
        ("GET", "/services", adm.services),
        ("GET", "/catalog", cat.index),
        ("GET", "/catalog/new", cat.new_page),
        ("POST", "/catalog/new", cat.create),
        ("POST", "/catalog/import", cat.import_),
        ("GET", "/catalog/export/{fmt:str}", cat.export),
        ("GET", "/catalog/{case_id:int}", cat.detail),
        ("GET", "/usecases", uc.index),
        ("GET", "/usecases/new", uc.new_page),
        ("POST", "/usecases/new", uc.create),
        ("GET", "/usecases/{case_id:int}", uc.detail),
        ("POST", "/usecases/{case_id:int}/review", uc.review),
        ("GET", "/usecases/{case_id:int}/edit", uc.edit_page),
        ("POST", "/usecases/{case_id:int}/edit", uc.edit),
        ("GET", "/review", uc.queue),
        ("GET", "/grants", uc.grants),
        ("POST", "/grants/{grant_id}/revoke", uc.revoke_grant),
        ("GET", "/", app.home),
        ("GET", "/login", app.login_page),
        ("POST", "/login", app.login),
        ("POST", "/logout", app.logout),
        ("GET", "/check", app.check_page),
        ("POST", "/check", app.check_submit),
        ("GET", "/chat", app.chat_page),
        ("POST", "/chat/send", app.chat_send),
        ("GET", "/password", app.password_page),
        ("POST", "/password", app.password_change),
        ("GET", "/keys", app.keys_page),
        ("POST", "/keys", app.keys_create),
        ("POST", "/keys/{key_id:int}/revoke", app.keys_revoke),
    ]
    routes: list[BaseRoute] = [_route(app, method, path, page) for method, path, page in pages]
    routes.append(
        Mount("/static", StaticFiles(packages=[("hinagata.web", "static")]), name="static")
    )
    return routes
