"""E-mail for notices (お知らせのメール): the message that tells an applicant their
application was decided, and sending it through the configured SMTP server
(:class:`hinagata.config.Smtp`) with the standard library's :mod:`smtplib`.

Sending is the last step: the decision and its in-app notice are already stored when a
mail is tried, so a server that is down, refuses the sign-in or the address changes
nothing of them; :func:`send` raises :class:`MailError` with a reason an administrator
can act on, and the caller records it on the notice (shown on 管理 → お知らせのメール).
The password is read from the environment at each sending, never stored.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path

from hinagata.config import Smtp

__all__ = ["MailError", "decision_mail", "recipient_of", "send"]


class MailError(RuntimeError):
    """A notice's e-mail could not be sent: the message says why (Japanese)."""


def recipient_of(smtp: Smtp, login: str) -> str:
    """The applicant's address from the configured pattern; MailError if it is not one."""
    address = smtp.recipient.replace("{login}", login)
    _, parsed = parseaddr(address)
    local, at, domain = parsed.partition("@")
    if not parsed or not at or not local or not domain or any(c in parsed for c in " \r\n"):
        raise MailError(f"宛先のメールアドレスを作れません（{address}）")
    # The address is the pattern with the login, as it is: a login such as
    # ``x<someone@elsewhere.example>`` or ``someone@elsewhere.example,`` must not make
    # parseaddr pick another person's (or another domain's) address out of it.
    if parsed != address or "@" in domain or any(c in login for c in '<>(),;:"[]\\'):
        raise MailError(f"宛先のメールアドレスを作れません（{address}）")
    return parsed


def decision_mail(
    smtp: Smtp,
    *,
    to: str,
    code: str,
    title: str,
    decision_label: str,
    conditions: str,
    link: str,
) -> EmailMessage:
    """The notice as an e-mail (UTF-8, Japanese): which application, what was decided,
    the conditions, and where to read the rest. It names no personal information beyond
    what the applicant wrote in the application's title."""
    msg = EmailMessage()
    msg["Subject"] = f"【生成AI利用申請】{code}「{title}」の審査結果：{decision_label}"
    msg["From"] = smtp.sender
    msg["To"] = str(Address(addr_spec=to))
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=to.rpartition("@")[2] or None)
    lines = [
        "利用申請の審査結果をお知らせします。",
        "",
        f"申請番号：{code}",
        f"件名：{title}",
        f"審査の結果：{decision_label}",
    ]
    if conditions:
        lines += ["", "条件：", conditions]
    lines += [""]
    lines += (
        [f"詳しくは次の画面で確認してください。\n{link}"]
        if link
        else ["詳しくは生成AI利用支援（Hinagata）の「利用申請」画面で確認してください。"]
    )
    lines += ["", "（このメールは送信専用です。返信はできません。）"]
    msg.set_content("\n".join(lines), charset="utf-8")
    return msg


def _context(smtp: Smtp, base_dir: Path) -> ssl.SSLContext:
    if not smtp.ca_file:
        return ssl.create_default_context()
    path = Path(smtp.ca_file)
    return ssl.create_default_context(cafile=str(path if path.is_absolute() else base_dir / path))


def send(smtp: Smtp, msg: EmailMessage, *, base_dir: Path = Path(".")) -> None:
    """Send ``msg``; MailError (with the reason) when it cannot be. STARTTLS that the
    server does not offer is a failure, never a fallback to plain text."""
    password = ""
    if smtp.password_env:
        password = os.environ.get(smtp.password_env, "")
        if not password:
            raise MailError(f"環境変数 {smtp.password_env} にSMTPのパスワードが設定されていません")
    try:
        context = _context(smtp, base_dir)
        client: smtplib.SMTP
        if smtp.security == "ssl":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_s, context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_s)
        with client:
            client.ehlo()
            if smtp.security == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if smtp.username:
                client.login(smtp.username, password)
            client.send_message(msg)
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(f"SMTPサーバーが対応していない機能です（{exc}）") from exc
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"SMTPサーバーへのログインに失敗しました（{exc.smtp_code}）") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"宛先が受け付けられませんでした（{', '.join(exc.recipients)}）") from exc
    except smtplib.SMTPException as exc:
        raise MailError(f"SMTPサーバーがメールを受け付けませんでした（{exc}）") from exc
    except ssl.SSLError as exc:
        raise MailError(f"SMTPサーバーとの暗号化通信に失敗しました（{exc.reason}）") from exc
    except OSError as exc:
        raise MailError(
            f"SMTPサーバー {smtp.host}:{smtp.port} に接続できませんでした（{exc.strerror or exc}）"
        ) from exc
