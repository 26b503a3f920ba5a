"""The web server: a FastAPI app with the JSON API, the widget loader and the two mounted chats.

    /            the chat (Gradio)          /embed       the compact chat, for iframes and <gradio-app>
    /doc/{slug}  a resolution as indexed    /embed/doc/{slug}  the same, compact (ui.document_routes)
    /api/ask     GET ?q=&k=&doc=&body=&years= / POST {"q","k","doc","body","years"} -> Answer.to_dict()
                 (doc repeatable / a list; an unknown doc, body or years is a 400 saying what exists),
                 each citation with its `url` in the document view
    /healthz     status, documents, passage count, and the index build served (ui.live_engine)
    /widget.js   loads Gradio's web component from this server's own bundled assets (no CDN)

One allow-list of origins (`allow_origins`) opens both CORS and `frame-ancestors`; empty means
same origin only.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from qa.errors import BadQuestion
from ui.app import CHAT_JS, COMPACT_CSS, CSS, build_chat, make_theme, page_head
from ui.batching import DEFAULT_GATHER_MS, DEFAULT_WORKERS, MicroBatcher
from ui.document_routes import add_document_routes
from ui.links import with_urls

MAX_BODY_BYTES = 64 * 1024
DEFAULT_CONCURRENCY = 16


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    q: StrictStr
    k: StrictInt = 5
    doc: StrictStr | list[StrictStr] | None = None  # one symbol or several
    body: StrictStr | None = None  # GA, SC, HRC (or the full name)
    years: StrictStr | StrictInt | list[StrictInt] | None = None  # "1990-1999", 1994 or [1990, 1999]


class AskQuery(BaseModel):
    """GET /api/ask's query string (every value arrives as text: k is parsed as a number)."""

    q: str = Field(description="the question")
    k: int = Field(5, description="how many clauses")
    doc: list[str] | None = Field(None, description="a document symbol, e.g. A/RES/64/12; repeat for several")
    body: str | None = Field(None, description="GA, SC or HRC")
    years: str | None = Field(None, description="adoption years, e.g. 1990-1999 or 1994")


_GET_FIELDS = frozenset(AskQuery.model_fields)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class BodySizeLimit:
    """Refuses request bodies over `max_bytes` with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_big(self) -> JSONResponse:
        # built only when needed: a JSONResponse per request cost more than the size check itself
        return _error(413, f"request body too large (limit {self.max_bytes // 1024} KB)")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await _error(400, "invalid Content-Length header")(scope, receive, send)
                return
            if declared > self.max_bytes:
                await self._too_big()(scope, receive, send)
                return
        received = 0
        refused = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Answer now; the app then sees a disconnect and whatever it sends is dropped.
                    refused = True
                    await self._too_big()(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not refused:
                raise


class SecurityHeaders:
    """`Content-Security-Policy: frame-ancestors` from the allow-list, and `nosniff`, on every response
    (a route's own policy, as the document view's, keeps its directives and gets frame-ancestors added)."""

    def __init__(self, app: ASGIApp, frame_ancestors: Sequence[str]) -> None:
        self.app = app
        self.csp = ("frame-ancestors " + " ".join(["'self'", *frame_ancestors])).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = [v for k, v in message.get("headers", []) if k.lower() == b"content-security-policy"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                kept = [d.strip() for v in own for d in v.split(b";")
                        if d.strip() and not d.strip().lower().startswith(b"frame-ancestors")]
                headers.append((b"content-security-policy", b"; ".join([*kept, self.csp])))
                headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+$")


def normalize_origins(origins: Sequence[str] | None) -> list[str]:
    """`https://example.org/` -> `https://example.org`; anything that is not scheme://host[:port] is refused."""
    result: list[str] = []
    for origin in origins or ():
        cleaned = origin.strip().rstrip("/")
        if not _ORIGIN.match(cleaned):
            raise ValueError(
                f"--allow-origin {origin!r} is not an origin: give scheme://host[:port], e.g. https://www.example.org"
            )
        if cleaned not in result:
            result.append(cleaned)
    return result


@lru_cache(maxsize=1)
def widget_js() -> str:
    """A loader for Gradio's `<gradio-app>` web component from this server's `/assets/` (Gradio's bundled build)."""
    index_html = (Path(gr.__file__).parent / "templates" / "frontend" / "index.html").read_text(encoding="utf-8")
    script = re.search(r'<script type="module"[^>]*src="\./(assets/index-[^"]+\.js)"', index_html)
    style = re.search(r'<link rel="stylesheet"[^>]*href="\./(assets/index-[^"]+\.css)"', index_html)
    if script is None or style is None:
        raise RuntimeError("cannot find Gradio's frontend entry point in its index.html")
    return (
        "// resolution-qa: Gradio's <gradio-app> web component, served by this server (no CDN).\n"
        "// Usage: <script type=\"module\" src=\"https://HOST/widget.js\"></script>\n"
        "//        <gradio-app src=\"https://HOST/embed\"></gradio-app>\n"
        "const base = new URL(\".\", import.meta.url);\n"
        f"const css = new URL({json.dumps(style.group(1))}, base).href;\n"
        "if (!document.querySelector(`link[href=\"${css}\"]`)) {\n"
        "  const link = document.createElement(\"link\");\n"
        "  link.rel = \"stylesheet\";\n"
        "  link.href = css;\n"
        "  document.head.appendChild(link);\n"
        "}\n"
        f"await import(new URL({json.dumps(script.group(1))}, base).href);\n"
    )


def create_app(
    engine: Any,
    *,
    allow_origins: Sequence[str] | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    max_batch: int = 16,
    max_wait_ms: float = 0.0,
    gather_ms: float = DEFAULT_GATHER_MS,
    workers: int = DEFAULT_WORKERS,
    host: str = "127.0.0.1",
    port: int = 7860,
) -> FastAPI:
    """The whole server as one ASGI app around `engine` (an `qa.engine.Engine` or anything with its API)."""
    origins = normalize_origins(allow_origins)
    batcher = MicroBatcher(engine, max_batch=max_batch, max_wait_ms=max_wait_ms, gather_ms=gather_ms,
                           workers=workers)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        following = hasattr(engine, "start_following")  # a LiveEngine: reload a new index build
        if following:
            engine.start_following()
        try:
            yield
        finally:
            if following:
                engine.stop_following()

    app = FastAPI(title="resolution-qa", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.engine = engine
    app.state.batcher = batcher
    app.state.allow_origins = origins

    @app.exception_handler(BadQuestion)
    async def bad_question(request: Request, error: BadQuestion) -> JSONResponse:
        return _error(400, str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = error.errors()
        if any(p.get("type") == "json_invalid" for p in problems):
            return _error(400, "the request body is not valid JSON; send {\"q\": \"your question\"}")
        parts = []
        for problem in problems[:5]:
            where = ".".join(str(x) for x in problem.get("loc", ()) if x not in ("body", "query"))
            parts.append(f"{where or 'body'}: {problem.get('msg', 'invalid')}")
        return _error(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(error.detail)}, status_code=error.status_code, headers=error.headers)

    async def answer(q: str, k: int, doc: str | list[str] | None, body: str | None = None,
                     years: str | int | list[int] | None = None, *, request: Request) -> dict:
        if isinstance(doc, list):
            doc = [d for d in doc if d] or None
        filters = {name: value for name, value in (("body", body or None), ("years", years or None)) if value}
        result = await batcher.ask(q, k=k, doc=doc or None, **filters)
        return with_urls(result.to_dict(), str(request.base_url))

    @app.get("/api/ask")
    async def ask_get(request: Request) -> dict:
        # The query string is validated by AskQuery, not by FastAPI's Query parameters: its per-request
        # resolution of five declared parameters cost ~0.3 ms of the event loop's CPU, half of what a
        # request costs it outside the model (cProfile, 2026-12-01); pydantic checks the same in µs.
        given: dict[str, Any] = {n: v for n, v in request.query_params.items() if n in _GET_FIELDS and n != "doc"}
        if "doc" in request.query_params:
            given["doc"] = request.query_params.getlist("doc")
        try:
            query = AskQuery.model_validate(given)
        except ValidationError as error:
            raise RequestValidationError([{**e, "loc": ("query", *e["loc"])} for e in error.errors()]) from None
        doc = query.doc
        return await answer(query.q, query.k, doc[0] if doc and len(doc) == 1 else doc, query.body, query.years,
                            request=request)

    @app.post("/api/ask")
    async def ask_post(body: AskRequest, request: Request) -> dict:
        return await answer(body.q, body.k, body.doc, body.body, body.years, request=request)

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    async def api_fallback(rest: str, request: Request) -> JSONResponse:
        if rest == "ask":
            return JSONResponse({"error": f"{request.method} is not allowed on /api/ask: use GET or POST"},
                                status_code=405, headers={"Allow": "GET, POST"})
        return _error(404, f"no API route /api/{rest}: the API is GET or POST /api/ask")

    @app.get("/healthz")
    async def healthz() -> dict:
        documents = [
            {"symbol": d.get("symbol"), "title": d.get("title"), "passages": d.get("passages")}
            for d in engine.documents
        ]
        build = engine.status() if hasattr(engine, "status") else {}
        return {"status": "ok", "documents": documents, "passages": int(engine.passage_count),
                "document_count": len(documents), "build_id": build.get("build_id"),
                "built_at": build.get("built_at"), "loaded_at": build.get("loaded_at"),
                "reloads": build.get("reloads", 0), "refused": build.get("refused")}

    @app.get("/widget.js", include_in_schema=False)
    async def widget() -> Response:
        return Response(
            widget_js(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    @app.get("/embed", include_in_schema=False)
    async def embed_without_slash(request: Request) -> RedirectResponse:
        # Gradio's mount answers /embed/ only; a link or an iframe written /embed got a 404.
        # Relative, so it holds behind a reverse proxy's root path too.
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"embed/{query}", status_code=307)

    common: dict[str, Any] = dict(
        server_name=host,
        server_port=port,
        show_error=False,
        enable_monitoring=False,
        ssr_mode=False,
        pwa=False,
        mcp_server=False,
        run_history=False,
        theme=make_theme(),
    )
    # Order matters: the routes above, the document view (/embed/doc before /embed), then /embed,
    # then the catch-all "/".
    add_document_routes(app, engine)
    embed = build_chat(engine, batcher, compact=True, concurrency=concurrency)
    gr.mount_gradio_app(app, embed, path="/embed", footer_links=[], css=CSS + COMPACT_CSS, js=CHAT_JS,
                        head=page_head(compact=True), **common)
    chat = build_chat(engine, batcher, compact=False, concurrency=concurrency)
    gr.mount_gradio_app(app, chat, path="/", footer_links=["api"], css=CSS, js=CHAT_JS,
                        head=page_head(compact=False), **common)

    # Outermost first to see the request: CORS (also on refusals), then the security headers, then the size cap.
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders, frame_ancestors=origins)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        allow_credentials=False,
        max_age=600,
    )
    return app
