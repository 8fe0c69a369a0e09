"""The web application's route table: every page, in one list, built on a :class:`WebApp`."""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from hinagata.web._admin import AdminPages
from hinagata.web._app import WebApp, _route
from hinagata.web._catalog import CatalogPages
from hinagata.web._chat import ChatPages
from hinagata.web._check import CheckPages
from hinagata.web._guideline import GuidelinePages
from hinagata.web._help import HelpPages
from hinagata.web._history import HistoryPages
from hinagata.web._keys import KeyPages
from hinagata.web._notices import NoticePages
from hinagata.web._oidc import OidcPages
from hinagata.web._signin import SignInPages
from hinagata.web._training import TrainingPages
from hinagata.web._usecases import UseCasePages

__all__ = ["web_routes"]


def web_routes(app: WebApp) -> list[BaseRoute]:
    """Every page of the web application (and its static files), each guarded by its
    access rule (:func:`hinagata.web._app._route`)."""
    uc = UseCasePages(app)
    cat = CatalogPages(app)
    adm = AdminPages(app)
    sign = SignInPages(app)
    chk = CheckPages(app)
    chat = ChatPages(app)
    keys = KeyPages(app)
    hist = HistoryPages(app)
    hlp = HelpPages(app)
    training = TrainingPages(app)
    oidc = OidcPages(app)
    guide = GuidelinePages(app)
    notices = NoticePages(app)
    pages = [
        ("GET", "/admin", adm.dashboard),
        ("GET", "/admin/audit", adm.audit),
        ("GET", "/admin/audit/export", adm.audit_export),
        ("GET", "/admin/policy", adm.policy),
        ("GET", "/admin/guideline/{fmt:str}", adm.guideline),
        ("GET", "/admin/users", adm.users),
        ("POST", "/admin/users", adm.users_add),
        ("GET", "/admin/users/{user_id:int}", adm.user_page),
        ("POST", "/admin/users/{user_id:int}", adm.user_edit),
        ("POST", "/admin/users/{user_id:int}/reset", adm.user_reset),
        ("POST", "/admin/users/{user_id:int}/disable", adm.users_disable),
        ("POST", "/admin/users/{user_id:int}/enable", adm.users_enable),
        ("POST", "/admin/keys/{key_id:int}/revoke", adm.keys_revoke),
        ("GET", "/services", adm.services),
        ("GET", "/guideline", guide.page),
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
        ("GET", "/notices", notices.index),
        ("POST", "/notices/read", notices.read_all),
        ("GET", "/admin/notices", notices.mail_failures),
        ("POST", "/grants/{grant_id}/revoke", uc.revoke_grant),
        ("GET", "/", app.home),
        ("GET", "/login", sign.login_page),
        ("POST", "/login", sign.login),
        ("POST", "/logout", sign.logout),
        ("GET", "/login/oidc", oidc.start),
        ("GET", "/login/oidc/callback", oidc.callback),
        ("GET", "/check", chk.check_page),
        ("POST", "/check", chk.check_submit),
        ("GET", "/history", hist.history),
        ("GET", "/help", hlp.help),
        ("GET", "/chat", chat.chat_page),
        ("POST", "/chat/send", chat.chat_send),
        ("GET", "/password", sign.password_page),
        ("POST", "/password", sign.password_change),
        ("GET", "/keys", keys.keys_page),
        ("POST", "/keys", keys.keys_create),
        ("POST", "/keys/{key_id:int}/revoke", keys.keys_revoke),
        # 研修 (web/_training.py)
        ("GET", "/training", training.course),
        ("GET", "/training/handout/{fmt:str}", training.handout),
        ("POST", "/training/quiz", training.quiz_start),
        ("GET", "/training/quiz/{attempt_id:int}", training.quiz_page),
        ("POST", "/training/quiz/{attempt_id:int}", training.quiz_submit),
        ("GET", "/admin/training", training.records_page),
        ("GET", "/admin/training/export", training.export),
        ("POST", "/keys/requests/{req_id:int}/collect", keys.collect),
        ("POST", "/keys/requests/{req_id:int}/withdraw", keys.withdraw),
        ("GET", "/keys/approvals", keys.approvals),
        ("POST", "/keys/approvals/{req_id:int}", keys.decide),
    ]
    routes: list[BaseRoute] = [_route(app, method, path, page) for method, path, page in pages]
    routes.append(
        Mount("/static", StaticFiles(packages=[("hinagata.web", "static")]), name="static")
    )
    return routes
