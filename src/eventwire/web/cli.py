"""`eventwire serve`: the web explorer and JSON API over a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def serve(
    db: Annotated[Path, typer.Option(help="SQLite store to explore.")] = Path("eventwire.db"),
    host: Annotated[str, typer.Option(help="Address to listen on (the default is reachable from this machine "
                                           "only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8050,
    token: Annotated[str | None, typer.Option(envvar="EVENTWIRE_TOKEN",
                                              help="Turn on POST /api/articles (analyse and store articles) for "
                                                   "requests that send 'Authorization: Bearer TOKEN'.")] = None,
) -> None:
    """Open the web explorer and JSON API on a store (read-only unless --token is given)."""
    import uvicorn

    from ..store.database import StoreError
    from .app import create_app

    try:
        application = create_app(db, token=token)
    except StoreError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: other machines that reach it can read the whole store", err=True)
    typer.echo(f"eventwire explorer on http://{host}:{port}/ (API docs at /docs); "
               f"{'ingest on, token required' if token else 'read-only'}; Ctrl-C stops it", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")
