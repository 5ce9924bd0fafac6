"""`jgsw site --serve`: show the built site on this computer (stdlib http.server).

Browsers refuse to run the search from files opened directly (file://), so
the site is served over http on 127.0.0.1 only: nobody else on the network
sees it. For the intranet, copy the folder to any web server (nginx, IIS,
GitLab Pages); nothing in it needs a server program.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
from pathlib import Path

#: Types fixed here, not read from the system: Windows' registry may call .js text/plain,
#: and a browser then refuses to run the search module.
TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".html": "text/html; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path: str | os.PathLike[str]) -> str:
        found = TYPES.get(os.path.splitext(str(path))[1].lower())
        return found or super().guess_type(path)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a request log would bury the one line that matters (the address)."""


def make_server(out: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A server of ``out`` on 127.0.0.1 (``port`` 0: any free port)."""
    handler = functools.partial(_Handler, directory=str(out))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve(out: Path, port: int, lang: str) -> None:
    """Serve until Ctrl-C."""
    try:
        server = make_server(out, port)
    except OSError as exc:  # the port is taken, or not ours to use
        from jgsw_std.errors import UsageError

        raise UsageError(
            "serve_port",
            zh=f"无法在 127.0.0.1:{port} 上提供预览：{exc.strerror or exc}",
            en=f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}",
            hint_zh="换一个端口，如 --port 8080；--port 0 让系统挑一个空闲端口。",
            hint_en="Choose another port, e.g. --port 8080; --port 0 lets the system pick one.",
        ) from exc
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    if lang == "en":
        sys.stdout.write(f"Serving {out} at {url} (this computer only); Ctrl-C stops.\n")
    else:
        sys.stdout.write(f"本机预览：{url}（仅本机可访问；按 Ctrl-C 结束）。网站目录：{out}\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
