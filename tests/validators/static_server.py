"""A static host on 127.0.0.1, as GitHub Pages, Netlify or nginx serve a built site.

What a reader's browser gets from such a host, and what Lighthouse measures, differs from
``http.server`` in ways that change the scores: text is sent gzip-compressed when the browser
asks for it (HTML, CSS, JavaScript, JSON, XML, SVG), ``/players/`` is answered with
``players/index.html``, a folder without its slash is redirected to it, and a path with no file
gets the site's ``404.html`` with status 404. Nothing is cached between runs; responses are
compressed once per file and kept in memory for the server's life.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import posixpath
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "image/svg+xml",
)
"""Content types a static host gzips (images and fonts are compressed already)."""

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".csv": "text/csv; charset=utf-8",
    ".png": "image/png",
    ".ico": "image/x-icon",
}


class StaticHostHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD for the files under ``root``; gzip when the request accepts it."""

    protocol_version = "HTTP/1.1"

    def __init__(self, *args: Any, root: Path, cache: dict[Path, bytes], **kwargs: Any) -> None:
        self.root = root
        self.cache = cache
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # one line per request: too many
        pass

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def do_GET(self) -> None:
        self._respond(body=True)

    def _resolve(self, url_path: str) -> tuple[int, Path | None, str | None]:
        """(status, file, redirect location) for a request path."""
        path = posixpath.normpath(unquote(url_path))
        parts = [p for p in path.split("/") if p and p not in (".", "..")]
        target = self.root.joinpath(*parts)
        if target.is_dir():
            if not url_path.endswith("/"):
                return 301, None, url_path + "/"
            target = target / "index.html"
        if target.is_file():
            return 200, target, None
        missing = self.root / "404.html"
        return 404, missing if missing.is_file() else None, None

    def _respond(self, *, body: bool) -> None:
        status, file, location = self._resolve(urlsplit(self.path).path)
        self.send_response(status)
        if location is not None:
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if file is None:
            data, content_type = b"Not found", "text/plain; charset=utf-8"
        else:
            data = file.read_bytes()
            content_type = TYPES.get(file.suffix) or (
                mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            )
        accepts = self.headers.get("Accept-Encoding", "")
        if "gzip" in accepts and content_type.startswith(COMPRESSED_TYPES) and file is not None:
            compressed = self.cache.get(file)
            if compressed is None:
                compressed = self.cache[file] = gzip.compress(data, compresslevel=6, mtime=0)
            data = compressed
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        if body:
            self.wfile.write(data)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free port of 127.0.0.1 while the block runs; yields the base URL."""
    handler = partial(StaticHostHandler, root=root, cache={})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="static-host", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
