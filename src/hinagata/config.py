"""The server's configuration file (YAML, validated; errors name file, line and field).

One file configures the whole server (``hinagata serve``): the database and the audit key,
the policies (one, or one per municipality on a shared platform), the model routes of the
API, its limits, where kept transcripts go, the web application (``web``) and the mail
server of its notices (``notices``). The
:class:`hinagata.runtime.Runtime` is built from it; the gateway and the web pages read
their sections through the runtime.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hinagata._yaml import DataFileError, load_yaml, validate

__all__ = [
    "DEMO_CONFIG",
    "DataFileError",
    "GatewayConfig",
    "Limits",
    "ModelRoute",
    "Municipality",
    "Notices",
    "Oidc",
    "OidcClaims",
    "OidcMunicipality",
    "ServerConfig",
    "Smtp",
    "Transcripts",
    "Upstream",
    "Web",
    "load_config",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Upstream(_Strict):
    """An OpenAI-compatible endpoint (Azure OpenAI, vLLM, Ollama, LiteLLM …) or the demo."""

    #: The built-in demo upstream: answers with what it received (not a real AI).
    demo: bool = False
    base_url: str = ""
    model: str = ""
    #: Environment variable holding the upstream's API key (never the key itself).
    api_key_env: str = ""
    #: How the key is sent: ``authorization`` (``Bearer <key>``, OpenAI, vLLM, LiteLLM) or
    #: another header name that carries the bare key (Azure OpenAI: ``api-key``).
    api_key_header: str = Field(default="authorization", pattern=r"^[A-Za-z0-9-]{1,64}$")
    timeout_s: float = Field(default=120.0, gt=0, le=3600)
    #: Extra headers for the upstream (no secrets here: use api_key_env).
    headers: dict[str, str] = Field(default_factory=dict)
    #: Query parameters on every call (Azure OpenAI deployments: ``api-version``).
    query: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _target(self) -> Upstream:
        if not self.demo and not self.base_url:
            raise ValueError(
                "base_url か demo: true を指定してください / give base_url or demo: true"
            )
        return self


class ModelRoute(_Strict):
    """What clients ask for (``model``) → a catalog service and an upstream."""

    name: str = Field(min_length=1, max_length=200)
    service: str = Field(min_length=1)
    upstream: Upstream
    #: Municipalities that may use it (empty: all).
    municipalities: tuple[str, ...] = ()
    #: Request fields outside the OpenAI schema that this upstream understands (vLLM's
    #: ``top_k``, ``guided_json`` …): forwarded as free JSON, every key and string judged.
    #: Any other undeclared field is refused (400).
    extra_fields: tuple[str, ...] = Field(default=(), max_length=64)


class Municipality(_Strict):
    name: str = Field(min_length=1)
    policy: str


class Limits(_Strict):
    max_body_bytes: int = Field(default=2 * 1024 * 1024, gt=0)
    #: The largest document ``POST /v1/hinagata/documents`` checks (before base64).
    max_document_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    max_messages: int = Field(default=512, gt=0)
    max_parts: int = Field(default=2048, gt=0)
    #: Requests one API key may have in flight at once (429 beyond); 0: no limit.
    max_concurrent_per_key: int = Field(default=16, ge=0)
    #: Requests of at least this many characters are judged in a separate worker process,
    #: so that one large request cannot stall the others.
    large_request_chars: int = Field(default=10_000, gt=0)
    rate_per_minute_user: int = Field(default=120, ge=0)
    rate_per_minute_department: int = Field(default=1200, ge=0)


class Transcripts(_Strict):
    """Where kept prompts and answers go. *Whether* they are kept, and for how long, is the
    policy's decision (``transcripts`` in policy.yaml); this only says where."""

    #: A separate database for administrators only ("": a separate table in the main one).
    database_url: str = ""


#: The roles a directory group can be given (the web application's roles).
Role = Literal["staff", "usage_admin", "reviewer", "admin"]

#: The one path the identity provider sends the browser back to (``redirect_uri``).
OIDC_CALLBACK_PATH = "/login/oidc/callback"


def _https_or_loopback(url: str, field: str) -> str:
    """``url`` if it is https (or http on this machine, for tests and a local provider)."""
    parts = urlsplit(url)
    loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise ValueError(
            f"{field} は https:// で始まるURLにしてください / {field} must be an https URL"
        )
    if parts.query or parts.fragment or not parts.hostname:
        raise ValueError(f"{field} のURLが正しくありません / {field} is not a plain URL")
    return url


class OidcClaims(_Strict):
    """Which ID-token claims carry what (Entra ID: ``preferred_username``, ``name``,
    ``groups`` — object ids — and an optional extension attribute for the department;
    Keycloak: the same names with a group-membership mapper)."""

    login: str = Field(default="preferred_username", min_length=1)
    name: str = "name"
    groups: str = Field(default="groups", min_length=1)
    #: A claim naming the department ("": none; then only ``departments`` by group).
    department: str = ""
    #: A claim naming the municipality (a shared platform); "": the one municipality.
    municipality: str = ""


class OidcMunicipality(_Strict):
    """One municipality's staff in the directory: the groups that give each role."""

    #: The municipality as the installation names it (its policy's municipality).
    name: str = Field(min_length=1)
    #: The value of the municipality claim that means this municipality (shared platform).
    claim_value: str = ""
    #: Directory group → roles. Someone in none of these groups is refused (no default role).
    roles: dict[str, tuple[Role, ...]] = Field(min_length=1)
    #: Directory group → department (所属); the first group listed that a person is in wins,
    #: before the department claim.
    departments: dict[str, str] = Field(default_factory=dict)
    #: Groups whose members have completed the training (研修受講済み); empty: the flag is
    #: kept as an administrator set it.
    trained_groups: tuple[str, ...] = ()


class Oidc(_Strict):
    """Sign-in with the organisation's directory (OpenID Connect, authorization code flow
    with PKCE S256): Entra ID, Keycloak, or any standard OpenID provider."""

    #: The provider's issuer; its metadata is read from ``/.well-known/openid-configuration``
    #: and must name this issuer.
    issuer: str = Field(min_length=1)
    client_id: str = Field(min_length=1)
    #: Environment variable holding the client secret ("": a public client, PKCE only).
    client_secret_env: str = ""
    #: This server's callback URL as registered at the provider; always this one (never
    #: taken from the request). Its path is ``/login/oidc/callback``.
    redirect_uri: str = Field(min_length=1)
    scopes: tuple[str, ...] = ("openid", "profile", "email")
    claims: OidcClaims = OidcClaims()
    municipalities: tuple[OidcMunicipality, ...] = Field(min_length=1)
    #: ID-token signature algorithms accepted (never "none", never a shared-secret HMAC).
    algorithms: tuple[Literal["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"], ...] = ("RS256", "PS256", "ES256")  # fmt: skip
    timeout_s: float = Field(default=10.0, gt=0, le=120)

    @model_validator(mode="after")
    def _consistent(self) -> Oidc:
        _https_or_loopback(self.issuer, "issuer")
        _https_or_loopback(self.redirect_uri, "redirect_uri")
        if urlsplit(self.redirect_uri).path != OIDC_CALLBACK_PATH:
            raise ValueError(
                f"redirect_uri のパスは {OIDC_CALLBACK_PATH} にしてください / "
                f"the redirect_uri path must be {OIDC_CALLBACK_PATH}"
            )
        if "openid" not in self.scopes:
            raise ValueError("scopes に openid が必要です / scopes must include openid")
        names = [m.name for m in self.municipalities]
        if len(names) != len(set(names)):
            raise ValueError("oidc の municipalities の name が重複しています / duplicate names")
        if not self.claims.municipality and len(self.municipalities) != 1:
            raise ValueError(
                "団体が複数のときは claims.municipality（団体を表すクレーム）を指定してください / "
                "several municipalities need claims.municipality"
            )
        if self.claims.municipality:
            values = [m.claim_value for m in self.municipalities]
            if not all(values) or len(values) != len(set(values)):
                raise ValueError(
                    "各団体に重複しない claim_value を指定してください / "
                    "each municipality needs its own claim_value"
                )
        return self


class Web(_Strict):
    """The web application served beside the API (same port)."""

    enabled: bool = True
    #: Mark the session cookie Secure: "auto" (when the request came over HTTPS, or
    #: through a proxy that says so), or always/never.
    secure_cookies: Literal["auto", "always", "never"] = "auto"
    session_idle_minutes: int = Field(default=30, gt=0, le=24 * 60)
    session_hours: int = Field(default=10, gt=0, le=24 * 7)
    upload_max_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    #: Longest text the check page judges (characters).
    max_check_chars: int = Field(default=100_000, gt=0)
    #: Sign-in with the organisation's directory (OpenID Connect); None: local accounts only.
    oidc: Oidc | None = None
    #: Whether local accounts (login and password) may sign in; turn off once everyone
    #: signs in with the directory (needs ``oidc``).
    local_login: bool = True

    @model_validator(mode="after")
    def _someone_can_sign_in(self) -> Web:
        if not self.local_login and self.oidc is None:
            raise ValueError(
                "local_login: false には oidc の設定が必要です（誰もログインできなくなります）/ "
                "local_login: false needs oidc (nobody could sign in)"
            )
        return self


class Smtp(_Strict):
    """The mail server that sends notices (an application decided) to the applicant.

    ``security``: ``starttls`` (submission port 587, the default), ``ssl`` (implicit TLS,
    port 465) or ``none`` (a relay inside the closed network only). The certificate is
    verified against the system's store, or ``ca_file``. ``username`` with the password in
    the environment variable ``password_env`` (never in this file) signs in (AUTH).
    ``recipient``: the applicant's address made from the login (``{login}`` is replaced),
    e.g. ``"{login}@city.example.lg.jp"``.
    """

    host: str = Field(min_length=1, max_length=255)
    port: int = Field(default=587, gt=0, lt=65536)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    ca_file: str = ""
    username: str = ""
    password_env: str = ""
    sender: str = Field(min_length=3, max_length=320)
    recipient: str = Field(min_length=3, max_length=320, pattern=r"\{login\}")
    timeout_s: float = Field(default=10.0, gt=0, le=120)

    @model_validator(mode="after")
    def _auth(self) -> Smtp:
        if self.password_env and not self.username:
            raise ValueError(
                "password_env には username が必要です / password_env needs a username"
            )
        return self


class Notices(_Strict):
    """Notices of decided applications: always in the web application (the applicant's
    header and home page, until read); by e-mail too where ``smtp`` is configured."""

    smtp: Smtp | None = None
    #: The web application's address as staff reach it, for the link in the e-mail
    #: (e.g. ``https://ai.city.example.lg.jp``; empty: no link).
    base_url: str = Field(default="", pattern=r"^$|^https?://[^\s]+$")


class ServerConfig(_Strict):
    """The whole server: storage, policies, the API's model routes and limits, the web app."""

    database_url: str = "sqlite:///var/hinagata.db"
    #: The audit chain's HMAC key: an environment variable or a file (never in the database).
    secret_env: str = ""
    secret_file: str = ""
    #: Create ``secret_file`` with a random key when it does not exist (embedded default).
    create_secret: bool = False
    #: The key that seals kept conversation turns (the Responses API's
    #: ``previous_response_id``): an environment variable or a file; neither: conversations
    #: are not kept and continuing one is refused. ``create_secret`` creates the file too.
    conversation_key_env: str = ""
    conversation_key_file: str = ""
    policy: str | None = None
    municipalities: tuple[Municipality, ...] = ()
    models: tuple[ModelRoute, ...] = Field(min_length=1)
    limits: Limits = Limits()
    transcripts: Transcripts = Transcripts()
    web: Web = Web()
    notices: Notices = Notices()
    #: Share the rate limits between workers and instances (``redis://host:6379/0``);
    #: empty: each worker process counts on its own.
    redis_url: str = Field(default="", pattern=r"^$|^(redis|rediss|unix)://")
    base_dir: str = Field(default=".", exclude=True)

    @model_validator(mode="after")
    def _consistent(self) -> ServerConfig:
        if self.policy and self.municipalities:
            raise ValueError(
                "policy と municipalities は同時に指定できません / give policy or municipalities, not both"
            )
        if not self.secret_env and not self.secret_file:
            raise ValueError(
                "監査ログの鍵（secret_env か secret_file）が必要です / an audit key (secret_env or secret_file) is required"
            )
        names = [m.name for m in self.models]
        if len(names) != len(set(names)):
            raise ValueError("models の name が重複しています / duplicate model names")
        return self

    def path(self, p: str) -> Path:
        path = Path(p)
        return path if path.is_absolute() else Path(self.base_dir) / path

    def database(self) -> str:
        """The database URL, a relative SQLite path resolved against the config's folder."""
        url = self.database_url
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
            return prefix + str(self.path(url[len(prefix) :]).resolve())
        return url

    def secret(self) -> bytes:
        """The audit chain's key."""
        return self._key(self.secret_env, self.secret_file)

    def conversation_key(self) -> bytes | None:
        """The key that seals kept conversations; None where none is configured."""
        if not self.conversation_key_env and not self.conversation_key_file:
            return None
        return self._key(self.conversation_key_env, self.conversation_key_file)

    def _key(self, env: str, file: str) -> bytes:
        if env:
            value = os.environ.get(env, "")
            if len(value) < 16:
                raise ValueError(
                    f"環境変数 {env} に16文字以上の鍵を設定してください / set {env} (16+ characters)"
                )
            return value.encode("utf-8")
        path = self.path(file)
        if not path.exists() and self.create_secret:
            _create_key_file(path)
        try:
            value = path.read_text(encoding="ascii").strip()
        except OSError as exc:
            raise ValueError(
                f"鍵ファイルを読めません / cannot read the key file {path}: {exc.strerror}"
            ) from exc
        if len(value) < 16:
            raise ValueError(f"鍵ファイルの鍵が短すぎます / the key in {path} is too short")
        return value.encode("ascii")


def _create_key_file(path: Path) -> None:
    """A new random key at ``path``, readable by its owner only, created atomically: of
    several workers starting at once exactly one writes it, and no one reads a half
    written file (it is written aside, then linked into place; a link fails if the name
    exists)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32))
        with contextlib.suppress(FileExistsError):  # another worker was first: its key
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


#: The name the configuration had when it configured the gateway alone (kept for callers).
GatewayConfig = ServerConfig

#: The embedded defaults: SQLite, the bundled national template, three demo models — one
#: on each example service (LGWAN, a foreign provider's Japan region where personal
#: information needs the review body's permission, a consumer chat).
DEMO_CONFIG = """\
# 組み込みの既定値（デモ）/ embedded defaults (demo)
database_url: sqlite:///var/hinagata.db
secret_file: var/audit.key
conversation_key_file: var/conversation.key
create_secret: true
models:
  - name: demo
    service: example-domestic-lgwan
    upstream: {demo: true}
  - name: demo-japan-region
    service: example-foreign-japan-region
    upstream: {demo: true}
  - name: demo-consumer-chat
    service: example-consumer-chat
    upstream: {demo: true}
"""


def load_config(path: Path | str | None = None) -> ServerConfig:
    """The config at ``path``, or the embedded demo defaults (relative to the current folder)."""
    if path is None:
        located = load_yaml("embedded defaults", text=DEMO_CONFIG)
        base = Path.cwd()
    else:
        located = load_yaml(path)
        base = Path(path).resolve().parent
    if isinstance(located.data, dict):
        located = type(located)(
            located.source, {**located.data, "base_dir": str(base)}, located.lines
        )
    return validate(ServerConfig, located)
