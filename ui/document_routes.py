"""The document view's routes: `/doc/{slug}` (a page of its own) and `/embed/doc/{slug}` (compact:
the chat's side panel and iframes), served from the index alone (ui.document_page has the HTML,
ui.links the URL scheme). The symbol as written (`/doc/S/RES/661%20(1990)`) redirects to its slug.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from qa.references import ReferenceResolver
from ui.document_page import document_html, not_found_html
from ui.links import DocumentPaths, share_query, slug

__all__ = ["add_document_routes", "DOCUMENT_CSP"]

# The view runs no script and fetches nothing: even markup that slipped through could do nothing.
DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


class _Lookup:
    """Slugs and the reference resolver of one engine, rebuilt when the app's engine is replaced."""

    def __init__(self) -> None:
        self._engine: Any = None
        self.paths = DocumentPaths(())
        self.resolver = ReferenceResolver(())

    def of(self, engine: Any) -> _Lookup:
        if engine is not self._engine:
            symbols = [str(d.get("symbol")) for d in engine.documents]
            self.paths = DocumentPaths(symbols)
            graph = getattr(engine, "citation_graph", None)
            self.resolver = getattr(graph, "resolver", None) or ReferenceResolver(symbols)
            self._engine = engine
        return self


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status,
                        headers={"Content-Security-Policy": DOCUMENT_CSP, "Cache-Control": "no-cache",
                                 "Referrer-Policy": "same-origin"})


def add_document_routes(app: FastAPI, engine: Any) -> None:
    """Register /doc/... and /embed/doc/... on app (before Gradio's mounts, which would take /embed/...)."""
    lookup = _Lookup()

    def view(path: str, request: Request, compact: bool) -> Response:
        current = getattr(request.app.state, "engine", None) or engine
        found = lookup.of(current)
        path = path.strip().strip("/")
        depth = path.count("/")  # how far below /doc/ the asked path sits, for relative links
        symbol = found.paths.by_slug(path)
        if symbol is None:
            symbol = found.paths.by_symbol(path)
            if symbol is not None:  # the symbol as written: to its one-segment slug (the fragment stays)
                query = f"?{request.url.query}" if request.url.query else ""
                return RedirectResponse("../" * depth + slug(symbol) + query, status_code=308)
        up = "../" * (depth + (2 if compact else 1))  # back to the server's root
        document = current.document(symbol) if symbol is not None else None
        if document is None:
            return _html(not_found_html(path, up), status=404)
        chat = up + share_query("", document.symbol)
        return _html(document_html(document, found.resolver, compact=compact, chat_href=chat,
                                   full_href=f"{up}doc/{slug(document.symbol)}" if compact else None))

    @app.get("/doc/{path:path}", include_in_schema=False)
    async def document_page(path: str, request: Request) -> Response:
        return view(path, request, compact=False)

    @app.get("/embed/doc/{path:path}", include_in_schema=False)
    async def document_panel(path: str, request: Request) -> Response:
        return view(path, request, compact=True)
