"""The application object: the JSON API and the explorer pages over one store file."""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store.database import Store
from . import api, pages

HERE = Path(__file__).resolve().parent


class LazyPipeline:
    """The NLP pipeline, loaded at the first ingest request (reading the store never needs it)."""

    def __init__(self) -> None:
        self._pipeline = None
        self._lock = threading.Lock()

    def __call__(self):
        with self._lock:
            if self._pipeline is None:
                from ..nlp.pipeline import Pipeline

                self._pipeline = Pipeline()
            return self._pipeline


def _error_message(exc: Exception) -> str:
    if isinstance(exc, RequestValidationError):
        return "; ".join(f"parameter {e['loc'][-1]!r}: {e['msg']}" for e in exc.errors())
    return str(exc.detail)


def _error(request: Request, exc: Exception, status: int):
    message = _error_message(exc)
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": message}, status_code=status)
    return pages.templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                            status_code=status)


def create_app(db_path: str | Path, token: str | None = None) -> FastAPI:
    """The app over the store at `db_path` (opened read-only); `token` turns the ingest endpoint on."""
    path = Path(db_path)
    Store(path, readonly=True).close()  # a missing or foreign file fails here, with a clear StoreError
    # Swagger UI at /docs with its scripts served by the app itself (FastAPI's default loads them from a CDN).
    app = FastAPIOffline(redoc_url=None, title="eventwire", version=__version__,
                         description="Events, actors, quotes and stories extracted from news articles.")
    app.state.db_path = path
    app.state.token = token or None
    app.state.pipeline = LazyPipeline()
    app.state.cache = {}
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(RequestValidationError, partial(_status_error, 422))
    app.add_exception_handler(StarletteHTTPException, _http_error)
    return app


async def _status_error(status: int, request: Request, exc: Exception):
    return _error(request, exc, status)


async def _http_error(request: Request, exc: HTTPException):
    return _error(request, exc, exc.status_code)
