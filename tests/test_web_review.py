"""審査 with the risk sheet, the notice of a decision, and the demo model on the review
body's service: the reviewer's sheet is recorded beside the policy's pre-assessment (and
a high-risk use is approved only with conditions); the applicant sees the decision in the
header until read, and by e-mail through a real SMTP server the tests start (aiosmtpd,
STARTTLS and AUTH), a mail server that fails losing nothing; and in Debian's Chromium,
the demo's Japan-region model refuses a text, the applicant applies, the reviewer fills
in the sheet and grants, and the same text is then sent. Data invented."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import ipaddress
import re
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from _browser import browser
from _db import BACKENDS, database_url
from _gateway import Running, free_port, running_gateway
from _web import PASSWORD, csrf_at, csrf_in, sign_in, sign_in_page, version_in
from hinagata.config import DEMO_CONFIG, load_config
from hinagata.gateway import DEMO_LABEL
from hinagata.governance import RISK_QUESTIONS, check_review, risk_level
from hinagata.server import create_app
from hinagata.store import Accounts, Notices, UseCases

SMTP_USER, SMTP_PASSWORD = "hinagata-mail", "smtp-secret-2026"
DOMAIN = "city.example.lg.jp"
#: Refused on the Japan-region service without the review body's permission (3C).
TEXT = "相談者 高橋 健一さん（電話 090-1234-5678）の相談記録を要約してください。"
CASE = {
    "title": "福祉相談記録の要約",
    "field": "welfare",
    "ai_kind": "generative",
    "classes": ["2", "3C"],
    "service": "example-foreign-japan-region",
    "description": "相談記録（氏名・連絡先を含む）を要約し、引継ぎに使う。出力は職員が確認する。",
    "risk_users": "staff",
    "risk_nature": "internal",
    "risk_personal": "masked",
    "risk_learning": "no",
    "risk_human": "yes",
}
SHEET = {f"sheet_{k[5:]}": v for k, v in CASE.items() if k.startswith("risk_")}


# ---------------------------------------------------------------- a real SMTP server


@dataclass
class Mailbox:
    """What the SMTP server accepted, and how (TLS, the login)."""

    messages: list[EmailMessage] = field(default_factory=list)
    rcpt: list[list[str]] = field(default_factory=list)
    tls: list[bool] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        self.messages.append(msg)  # type: ignore[arg-type]
        self.rcpt.append(list(envelope.rcpt_tos))
        self.tls.append(session.ssl is not None)
        return "250 OK"


def _authenticator(box: Mailbox) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == SMTP_USER
            and data.password.decode() == SMTP_PASSWORD
        )
        if ok:
            box.logins.append(data.login.decode())
        return AuthResult(success=ok, handled=False)

    return check


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the test's CA file is the certificate)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class MailServer:
    port: int
    box: Mailbox
    ca_file: Path


@contextmanager
def _smtp(tmp_path: Path, *, tls: bool = True) -> Iterator[MailServer]:
    """aiosmtpd on a free port: STARTTLS required and AUTH required (``tls``), or a
    plain server that offers neither."""
    box = Mailbox()
    cert, key = _certificate(tmp_path)
    kwargs: dict[str, Any] = {}
    if tls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert, key)
        kwargs = {
            "tls_context": ctx,
            "require_starttls": True,
            "authenticator": _authenticator(box),
            "auth_required": True,
        }
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield MailServer(port, box, cert)
    finally:
        controller.stop()


def _notices_config(port: int, ca_file: Path, *, password_env: str = "HINAGATA_TEST_SMTP") -> str:
    return f"""
notices:
  base_url: https://ai.{DOMAIN}
  smtp:
    host: 127.0.0.1
    port: {port}
    security: starttls
    ca_file: {ca_file}
    username: {SMTP_USER}
    password_env: {password_env}
    sender: "生成AI利用支援 <ai-support@{DOMAIN}>"
    recipient: "{{login}}@{DOMAIN}"
"""


def _people(running: Running) -> None:
    acc = Accounts(running.gateway.db)
    for login, dept, roles in (
        ("sato", "福祉課", ["staff"]),
        ("kato", "福祉課", ["staff"]),
        ("judge1", "総務課", ["reviewer"]),
        ("boss", "情報政策課", ["admin"]),
    ):
        acc.create(login=login, password=PASSWORD, department=dept, roles=roles, trained=True)


@pytest.fixture
def mail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Running, MailServer]]:
    monkeypatch.setenv("HINAGATA_TEST_SMTP", SMTP_PASSWORD)
    with _smtp(tmp_path) as server:
        extra = _notices_config(server.port, server.ca_file)
        with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", extra=extra) as gw:
            _people(gw)
            yield gw, server


@pytest.fixture(params=BACKENDS)
def gw(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    """SQLite and PostgreSQL (the sheet and the notices are new columns and a new table)."""
    for url in database_url(request.param, tmp_path):
        with running_gateway(tmp_path, url) as running:
            _people(running)
            yield running


# ---------------------------------------------------------------- helpers


def _session(gw: Running, login: str) -> httpx.Client:
    return sign_in(gw.base_url, login, timeout=30)


def _apply(c: httpx.Client, **over: object) -> str:
    token = csrf_at(c, "/usecases/new")
    r = c.post("/usecases/new", data={**CASE, **over, "csrf": token})
    assert r.status_code == 303, r.text
    return r.headers["location"].split("?")[0]


def _review(judge: httpx.Client, case_url: str, **fields: str) -> httpx.Response:
    detail = judge.get(case_url).text
    data = {**SHEET, "csrf": csrf_in(detail), "version": version_in(detail), **fields}
    return judge.post(case_url + "/review", data=data)


def _header(html: str) -> str:
    return html.split("<main", 1)[0]


# ---------------------------------------------------------------- the risk sheet


def test_the_sheet_has_the_structure_of_the_digital_agency_assessment() -> None:
    """Who uses it, the nature of the work, personal and confidential information (and
    its learning), staff judgment of the output — in that order, lower-risk first."""
    assert list(RISK_QUESTIONS) == ["users", "nature", "personal", "learning", "human"]
    assert "職員だけが使う" in RISK_QUESTIONS["users"][1].values()
    assert any("住民" in v for v in RISK_QUESTIONS["users"][1].values())
    lowest = {k: next(iter(choices)) for k, (_label, choices) in RISK_QUESTIONS.items()}
    assert risk_level(lowest) == "low"
    for key, (_label, choices) in RISK_QUESTIONS.items():
        assert len(choices) >= 2
        riskier = [c for c in choices if risk_level({**lowest, key: c}) != "low"]
        assert riskier, f"{key}: no answer raises the risk"


def test_check_review_needs_notes_for_a_changed_answer_and_conditions_for_high_risk() -> None:
    given = {k[5:]: v for k, v in CASE.items() if k.startswith("risk_")}
    plain = {"class_names": ["1", "2", "3C"], "applicant_answers": given}
    review, errors = check_review("approved", "", "有効", sheet=given, **plain)  # type: ignore[arg-type]
    assert errors == {} and review is not None and review.sheet is not None
    assert review.sheet.level == "low" and review.sheet.answers == given
    # The reviewer judges residents see the output: a changed answer needs notes.
    changed = {**given, "users": "residents"}
    _, errors = check_review("approved", "", "有効", sheet=changed, **plain)  # type: ignore[arg-type]
    assert set(errors) == {"sheet_notes"}
    # High risk (two riskier answers): never a plain approval, only with conditions.
    high = {**changed, "human": "no"}
    _, errors = check_review("approved", "", "有効", sheet=high, sheet_notes="要対策", **plain)  # type: ignore[arg-type]
    assert "条件付き承認" in errors["decision"]
    review, errors = check_review(
        "conditional",
        "出力は職員が確認する",
        "有効",
        sheet=high,
        sheet_notes="要対策",
        **plain,  # type: ignore[arg-type]
    )
    assert errors == {} and review is not None and review.sheet is not None
    assert review.sheet.level == "high"
    # An unanswered perspective is named.
    _, errors = check_review("rejected", "", "不可", sheet={**given, "learning": ""}, **plain)  # type: ignore[arg-type]
    assert "sheet_learning" in errors


def test_the_reviewers_sheet_is_recorded_beside_the_pre_assessment(gw: Running) -> None:
    sato, judge = _session(gw, "sato"), _session(gw, "judge1")
    case_url = _apply(sato)
    page = judge.get(case_url).text
    # The review form preselects the applicant's answers.
    assert re.search(r'name="sheet_personal" value="masked" checked', page)
    # A changed answer without notes is refused, naming the field, and nothing typed is lost.
    r = _review(
        judge, case_url, sheet_users="residents", decision="approved", rationale="有効性が高い"
    )
    assert r.status_code == 400 and "所見" in r.text and 'id="sheet_notes-error"' in r.text
    assert "有効性が高い" in r.text and re.search(
        r'name="sheet_users" value="residents" checked', r.text
    )
    # High risk by the reviewer's sheet: a plain approval is refused …
    high = {
        "sheet_users": "residents",
        "sheet_human": "no",
        "sheet_notes": "住民に示す前の確認が必要",
    }
    r = _review(judge, case_url, **high, decision="approved", rationale="有効")
    assert r.status_code == 400 and "「条件付き承認」としてください" in r.text
    assert UseCases(gw.gateway.db).get(int(case_url.rsplit("/", 1)[1])).status == "submitted"  # type: ignore[union-attr]
    # … and approved with the mitigations as conditions.
    r = _review(judge, case_url, **high, decision="conditional",
                conditions="住民に示す前に職員が必ず確認する", rationale="対策があれば有効")  # fmt: skip
    assert r.status_code == 200 and "として記録しました" in r.text
    page = sato.get(case_url).text
    pre = page.index("規定に基づく事前の判定")
    sheet = page.index("リスク判定シートの結果")
    assert pre < sheet < page.index("経過")
    assert "機密性3Cの情報：審査機関の許可が必要" in page  # the policy's pre-assessment
    assert "申請時：" in page and re.search(r'id="sheet-level">リスク：高<', page)
    assert "住民に示す前の確認が必要" in page and "申請者の回答と異なる" in page
    assert "デジタル庁" in page  # the sheet cites its source
    history = UseCases(gw.gateway.db).history(int(case_url.rsplit("/", 1)[1]))
    assert history[-1].sheet["level"] == "high"
    assert history[-1].sheet["answers"]["users"] == "residents"


# ---------------------------------------------------------------- notices


def test_the_applicant_sees_the_decision_until_read_and_nobody_else_does(gw: Running) -> None:
    sato, kato, judge = _session(gw, "sato"), _session(gw, "kato"), _session(gw, "judge1")
    first, second = _apply(sato), _apply(sato, title="議会答弁の想定問答")
    assert "お知らせ <span" not in _header(sato.get("/").text)
    r = _review(judge, first, decision="approved", rationale="有効")
    assert (
        "お知らせを表示しました" in r.text
        and "メール" not in r.text.split("お知らせを表示しました")[1][:30]
    )
    _review(judge, second, decision="returned", rationale="入力する情報を具体的に")
    home = sato.get("/").text
    assert "2件" in _header(home)
    assert "「福祉相談記録の要約」が「承認」となりました" in home
    assert "「議会答弁の想定問答」が「差戻し」となりました" in home
    # A colleague of the same department, and the reviewer, have no notice of it.
    for other in (kato, judge):
        page = other.get("/").text
        assert "お知らせ <span" not in _header(page) and "となりました" not in page
        assert "福祉相談記録の要約" not in other.get("/notices").text
    # Opening the application marks its notice read; the other stays.
    sato.get(first)
    home = sato.get("/").text
    assert "1件" in _header(home) and "福祉相談記録の要約" not in home
    # 「すべて既読にする」 needs the page's token.
    assert sato.post("/notices/read", data={"csrf": "wrong"}).status_code == 400
    assert "1件" in _header(sato.get("/").text)
    token = csrf_at(sato, "/notices")
    r = sato.post("/notices/read", data={"csrf": token})
    assert r.status_code == 303
    assert "お知らせ <span" not in _header(sato.get("/").text)
    listing = sato.get("/notices").text
    assert listing.count("既読") >= 2 and "未読</strong>" not in listing


def test_a_decision_is_mailed_over_starttls_with_auth(mail: tuple[Running, MailServer]) -> None:
    gw, server = mail
    sato, judge = _session(gw, "sato"), _session(gw, "judge1")
    case_url = _apply(sato)
    r = _review(judge, case_url, decision="conditional", conditions="氏名は伏字にしてから入力する",
                rationale="有効", grant="1", max_class="3C")  # fmt: skip
    assert r.status_code == 200 and "メールでも知らせました" in r.text
    assert len(server.box.messages) == 1
    msg = server.box.messages[0]
    assert server.box.tls == [True] and server.box.logins == [SMTP_USER]
    assert server.box.rcpt == [[f"sato@{DOMAIN}"]]
    code = "UC-" + case_url.rsplit("/", 1)[1]
    assert (
        msg["Subject"] == f"【生成AI利用申請】{code}「福祉相談記録の要約」の審査結果：条件付き承認"
    )
    body = msg.get_body().get_content()  # type: ignore[union-attr]
    assert "氏名は伏字にしてから入力する" in body
    assert f"https://ai.{DOMAIN}/usecases/{case_url.rsplit('/', 1)[1]}" in body
    assert "高橋" not in body  # nothing but the application's own words
    found = Notices(gw.gateway.db).for_case(int(case_url.rsplit("/", 1)[1]))
    assert [n.mail for n in found] == ["sent"]


@pytest.mark.parametrize("fault", ["down", "password", "no_starttls"])
def test_a_mail_server_that_fails_loses_no_decision_and_the_admin_sees_why(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HINAGATA_TEST_SMTP", "wrong" if fault == "password" else SMTP_PASSWORD)
    with _smtp(tmp_path, tls=fault != "no_starttls") as server:
        port = free_port() if fault == "down" else server.port
        extra = _notices_config(port, server.ca_file)
        with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", extra=extra) as gw:
            _people(gw)
            sato, judge = _session(gw, "sato"), _session(gw, "judge1")
            case_url = _apply(sato)
            r = _review(judge, case_url, decision="approved", rationale="有効",
                        grant="1", max_class="3C")  # fmt: skip
            assert r.status_code == 200 and "として記録しました" in r.text
            assert "メールは送れませんでした" in r.text and "直ちに有効です" in r.text
            case_id = int(case_url.rsplit("/", 1)[1])
            assert UseCases(gw.gateway.db).get(case_id).status == "approved"  # type: ignore[union-attr]
            assert "「福祉相談記録の要約」が「承認」となりました" in sato.get("/").text
            # Nothing went out in plain text or unauthenticated.
            assert server.box.messages == []
            reason = {"down": "接続できませんでした", "password": "ログインに失敗しました",
                      "no_starttls": "対応していない機能です"}[fault]  # fmt: skip
            (notice,) = Notices(gw.gateway.db).for_case(case_id)
            assert notice.mail == "failed" and reason in notice.mail_error
            page = _session(gw, "boss").get("/admin/notices")
            assert page.status_code == 200
            assert "福祉相談記録の要約" in page.text and reason in page.text
            assert _session(gw, "judge1").get("/admin/notices").status_code == 403


# ---------------------------------------------------------------- the demo, end to end


def test_the_demo_has_a_model_on_the_japan_region_service() -> None:
    cfg = load_config()  # the embedded defaults (bash scripts/run.sh)
    demo = [m for m in cfg.models if m.service == "example-foreign-japan-region"]
    assert demo and all(m.upstream.demo for m in demo)
    for name in ("gateway.yaml", "city.yaml"):
        example = load_config(Path(__file__).parents[1] / "examples" / name)
        assert any(
            m.service == "example-foreign-japan-region" and m.upstream.demo for m in example.models
        ), name


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Running]:
    """The embedded demo configuration as ``bash scripts/run.sh`` runs it (its own
    files under ``tmp_path``), with its demo upstreams: nothing replaced."""
    text = DEMO_CONFIG.replace("sqlite:///var/", f"sqlite:///{tmp_path}/").replace(
        "var/", f"{tmp_path}/"
    )
    cfg_path = tmp_path / "demo.yaml"
    cfg_path.write_text(text, encoding="utf-8")
    app = create_app(load_config(cfg_path))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.02)
    running = Running(f"http://127.0.0.1:{port}", app, None)  # type: ignore[arg-type]
    try:
        _people(running)
        yield running
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def apply_in_browser(page: Any, base_url: str) -> tuple[str, str]:
    """The 利用申請 form filled in as an applicant would, the risk sheet answered (staff only,
    internal work, personal information masked, not learned, output checked by staff);
    returns the application's page and its code (UC-n)."""
    page.goto(base_url + "/usecases/new")
    page.get_by_label("件名").fill("福祉相談記録の要約")
    page.get_by_label("分野").select_option("welfare")
    page.get_by_label("生成AI", exact=True).check()
    page.get_by_label("機密性3C").check()
    page.get_by_label("利用するAIサービス").select_option("example-foreign-japan-region")
    page.get_by_label("利用の内容").fill("相談記録を要約して引継ぎに使う。出力は職員が確認する。")
    for label in ("職員だけが使う", "内部事務の補助", "個人情報は伏字にしてから入力する",
                  "機密情報を学習させない", "職員が出力を確認"):  # fmt: skip
        page.get_by_label(label).first.check()
    page.get_by_role("button", name="申請する").click()
    page.wait_for_selector("text=申請しました")
    case_url = page.url.split("?")[0]
    return case_url, "UC-" + case_url.rsplit("/", 1)[1]


def test_in_the_browser_refused_apply_review_with_the_sheet_grant_then_sent(demo: Running) -> None:
    with browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})

        def chat(use_case: str = "") -> Any:
            page.goto(demo.base_url + "/chat")
            models = page.get_by_label("AIモデル")
            label = models.locator("option[value=demo-japan-region]").inner_text()
            assert label.startswith(f"［{DEMO_LABEL}］")  # labelled as a demo model
            models.select_option("demo-japan-region")
            if use_case:
                page.get_by_label("利用申請（許可を受けた利用として送る場合）").select_option(
                    use_case
                )
            page.get_by_label("メッセージ").fill(TEXT)
            page.get_by_role("button", name="送信").click()
            return page

        sign_in_page(page, demo.base_url, "sato")
        chat()
        page.wait_for_selector(".msg-user .bad")
        assert "審査機関の許可が必要です" in page.inner_text(".msg-user")
        assert page.locator(".msg-assistant").count() == 0  # nothing was sent
        # Apply, answering the risk sheet.
        case_url, code = apply_in_browser(page, demo.base_url)
        page.get_by_role("button", name="ログアウト").click()
        # The reviewer fills in the sheet (judging residents may see the output) and grants.
        sign_in_page(page, demo.base_url, "judge1")
        page.goto(demo.base_url + "/review")
        page.get_by_role("link", name="福祉相談記録の要約").click()
        form = page.locator("form[action$='/review']")
        users = form.locator("fieldset", has_text="利用者の範囲・種別")
        users.get_by_label("住民が直接使う、又は出力を住民に直接示す").check()
        form.get_by_label("判定シートの所見").fill("出力を引継ぎ先の窓口で住民に示すことがある")
        form.get_by_label("条件付き承認", exact=True).check()
        form.get_by_label("条件（条件付き承認の場合）").fill("住民に示す前に職員が確認する")
        form.get_by_label("判断の理由").fill("引継ぎの負担軽減に有効")
        form.locator("input[name=grant]").check()
        form.get_by_label("許可する情報の分類（この分類まで）").select_option("3C")
        page.get_by_role("button", name="記録する").click()
        page.wait_for_selector("text=として記録しました")
        assert "直ちに有効です" in page.inner_text("main")
        assert "出力を引継ぎ先の窓口で住民に示すことがある" in page.inner_text("main")
        page.get_by_role("button", name="ログアウト").click()
        # The applicant sees the notice in the header, opens it, and sends the same text.
        sign_in_page(page, demo.base_url, "sato")
        header = page.locator("header.site")
        assert "1件" in header.inner_text()
        page.get_by_role(
            "link", name=re.compile("「福祉相談記録の要約」が「条件付き承認」")
        ).click()
        page.wait_for_url(case_url)
        assert "条件付き承認" in page.inner_text(".status")
        assert "1件" not in page.locator("header.site").inner_text()  # read now
        chat(use_case=code)
        page.wait_for_selector(".msg-assistant .disclosure")
        answer = page.inner_text(".msg-assistant .body")
        assert DEMO_LABEL in answer  # the demo says it is no AI
        assert "〔氏名1〕" in answer or "高橋 健一" in answer
        assert "送信しました" in page.inner_text(".msg-user")
