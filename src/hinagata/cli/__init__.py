"""The ``hinagata`` command line (コマンドライン).

Exit statuses shared by the commands:

====  =====================================================================
0     done (for ``check``: a judgment was made, whatever the verdict)
1     internal error: the command did not complete (a judgment is ``deny``)
2     usage error (unknown option, bad argument, unknown service id)
3     an input could not be read: missing, unreadable, unsupported format,
      undecodable text, a broken policy or catalog file; in a directory scan,
      at least one file failed
4     the input is empty
5     the input is larger than ``--max-bytes``
====  =====================================================================
"""

from __future__ import annotations

import sys

import typer

from hinagata.cli import (
    _audit,
    _check,
    _demo,
    _docs,
    _firstrun,
    _grants,
    _guard,
    _guideline,
    _keys,
    _policy,
    _scan,
    _serve,
    _training,
    _transcripts,
    _users,
)

__all__ = ["app", "main"]

app = typer.Typer(
    name="hinagata",
    help="Hinagata（ひな型）: 自治体の生成AI利用を安全にするツール / safe generative-AI use for Japanese municipalities.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Hinagata（ひな型）: 自治体の生成AI利用を安全にするツール."""


_scan.register(app)
_check.register(app)
_guard.register(app)
app.command()(_demo.demo)
app.add_typer(_policy.app, name="policy")
app.add_typer(_docs.app, name="docs")
app.add_typer(_guideline.app, name="guideline")
app.command()(_serve.serve)
app.command("first-run")(_firstrun.first_run)
app.add_typer(_keys.keys_app, name="keys")
app.add_typer(_grants.grants_app, name="grants")
app.add_typer(_audit.audit_app, name="audit")
app.add_typer(_transcripts.transcripts_app, name="transcripts")
app.add_typer(_users.app, name="users")
app.add_typer(_training.app, name="training")


def main() -> None:
    """Console-script entry point. A damaged installation (the gazetteer the detector
    needs is missing or corrupt) is one clear message, not a traceback."""
    from hinagata.detect.gazetteer import GazetteerError

    try:
        app()
    except GazetteerError as exc:
        print(
            f"地名辞書を読み込めないため、検査できません。パッケージを入れ直してください / "
            f"the gazetteer cannot be loaded; reinstall the package: {exc}",
            file=sys.stderr,
        )
        sys.exit(3)
