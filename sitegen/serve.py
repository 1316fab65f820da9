"""`sitegen serve`: a local preview that rebuilds on every change and reloads the open page.

- One HTTP server on 127.0.0.1 only (stdlib ``ThreadingHTTPServer`` in a thread), serving the
  site folder as a build wrote it. The files on disk stay exactly those of ``sitegen build``:
  the reload script, and the error overlay after a failed build, are added to each HTML
  response as it is sent (as eleventy-dev-server does), and so is the one change the page's
  Content-Security-Policy needs, ``connect-src 'self'``, for the reload events.
- The main thread builds, then polls the inputs (content, vocabularies, templates, static
  files, the settings file: :mod:`sitegen.watch`) and rebuilds through the build API when one
  changes. A build that fails leaves the previous site in place (the build guarantees it), so
  the last good site stays served, with the diagnostics over it and in the terminal.
- Reload: each page's script listens to Server-Sent Events at ``/__sitegen/events``; every
  build, good or failed, publishes a new generation and the page reloads when the one it was
  served with is no longer current.
"""

from __future__ import annotations

import errno
import html
import os
import re
import signal
import threading
import time
import uuid
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from sitegen.config import SiteConfig
from sitegen.errors import BuildFailed, ConfigError, SitegenError, sort_key
from sitegen.watch import Snapshot, compare, snapshot

if TYPE_CHECKING:
    from sitegen.build import BuildResult

HOST = "127.0.0.1"  # a preview, never published to the network
PREFIX = "/__sitegen/"
EVENTS = PREFIX + "events"
RELOAD_JS = PREFIX + "reload.js"
OVERLAY_CSS = PREFIX + "overlay.css"
KEEPALIVE_S = 15.0
OVERLAY_SHOWN = 100  # diagnostics listed in the page; all of them are in the terminal

RELOAD_SCRIPT = """\
// Added by `sitegen serve` to the page it sends; not in the built files.
(function () {
  var served = document.currentScript.getAttribute("data-generation");
  var events = new EventSource("/__sitegen/events");
  events.onmessage = function (event) {
    if (event.data !== served) {
      events.close();
      location.reload();
    }
  };
})();
"""

OVERLAY_STYLE = """\
#sitegen-serve-errors { position: fixed; inset: 0 0 auto 0; max-height: 70vh; overflow: auto; z-index: 2147483647;
  margin: 0; padding: 1em 1.5em; background: #fff4f4; color: #5c0000; border-bottom: 4px solid #b00020;
  font: 14px/1.5 monospace; direction: ltr; text-align: left; box-shadow: 0 4px 16px rgba(0, 0, 0, .25); }
#sitegen-serve-errors h2 { font: bold 16px/1.4 sans-serif; margin: 0 0 .5em; }
#sitegen-serve-errors li { white-space: pre-wrap; overflow-wrap: anywhere; margin: .25em 0; }
"""

Say = Callable[[str, bool], None]  # (message, is_problem): prints to the terminal


class PortBusy(SitegenError):
    """The port cannot be bound."""


@dataclass
class Status:
    """The build generation and the last build's problems, shared by the builder and the server threads."""

    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    count: int = 0
    errors: tuple[str, ...] = ()
    stopping: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    @property
    def generation(self) -> str:
        return f"{self.run}-{self.count}"

    def publish(self, errors: tuple[str, ...]) -> None:
        with self.changed:
            self.count += 1
            self.errors = errors
            self.changed.notify_all()

    def wait(self, seen: str, timeout: float) -> str:
        """The generation once it differs from ``seen`` (or the same after ``timeout``, or when stopping)."""
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen or self.stopping, timeout)
            return self.generation

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()


_CSP = re.compile(r'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def relax_csp(page: str) -> str:
    """The page's CSP with ``connect-src 'self'`` (the reload events); every other directive as built."""
    def relaxed(match: re.Match) -> str:
        directives = [d.strip() for d in match.group(2).split(";") if d.strip()]
        kept = [d for d in directives if d.split()[0].lower() != "connect-src"]
        return match.group(1) + "; ".join(kept + ["connect-src 'self'"]) + match.group(3)
    return _CSP.sub(relaxed, page, count=1)


def inject(page: str, generation: str, errors: tuple[str, ...]) -> str:
    """The HTML page as served: CSP relaxed for the events, the reload script, and the overlay on errors."""
    page = relax_csp(page)
    head = f'<script src="{RELOAD_JS}" data-generation="{html.escape(generation)}"></script>'
    if errors:
        head += f'<link rel="stylesheet" href="{OVERLAY_CSS}">'
    match = _HEAD_END.search(page)
    page = page[:match.start()] + head + page[match.start():] if match else head + page
    if errors:
        panel = overlay(errors)
        match = _BODY_START.search(page)
        page = page[:match.end()] + panel + page[match.end():] if match else page + panel
    return page


def overlay(errors: tuple[str, ...]) -> str:
    """The failed build's diagnostics, escaped, as a panel over the last good page."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in errors[:OVERLAY_SHOWN])
    more = (f"<p>and {len(errors) - OVERLAY_SHOWN:,} more: see the terminal.</p>"
            if len(errors) > OVERLAY_SHOWN else "")
    return ('<div id="sitegen-serve-errors" role="alert" dir="ltr" lang="en">'
            f"<h2>sitegen: the build failed ({_plural(len(errors), 'problem')}); "
            "this is the last good site. Fix the files and save: the page reloads.</h2>"
            f"<ul>{items}</ul>{more}</div>")


NO_SITE_YET = ('<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
               "<title>sitegen serve: no site yet</title></head><body>"
               "<p>No site has been built yet.</p></body></html>")


class _Handler(SimpleHTTPRequestHandler):
    server: "_Server"

    def __init__(self, request, client_address, server: "_Server"):
        # the folder is asked for on each request: a build swaps a new one in under the same name
        super().__init__(request, client_address, server, directory=str(server.site_dir()))

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == EVENTS:
            return self._events() if send_body else self._send(200, "text/event-stream", b"", False)
        if path == RELOAD_JS:
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT.encode(), send_body)
        if path == OVERLAY_CSS:
            return self._send(200, "text/css; charset=utf-8", OVERLAY_STYLE.encode(), send_body)
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", "/" + path.lstrip("/") + "/")  # never //host: another origin
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            local = local / "index.html"
        if local.suffix == ".html" and local.is_file():
            return self._page(200, local, send_body)
        if local.is_file():
            return super().do_GET() if send_body else super().do_HEAD()
        not_found = Path(self.directory) / "404.html"
        return self._page(404, not_found if not_found.is_file() else None, send_body)

    def _page(self, code: int, file: Path | None, send_body: bool) -> None:
        try:
            text = file.read_text(encoding="utf-8", errors="replace") if file else NO_SITE_YET
        except OSError:  # swapped away by a build between the check and the read
            text = NO_SITE_YET
        status = self.server.status
        body = inject(text, status.generation, status.errors).encode("utf-8")
        self._send(code, "text/html; charset=utf-8", body, send_body)

    def _send(self, code: int, kind: str, body: bytes, send_body: bool) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-Sent Events: the current generation now, then each new one, until the page goes."""
        status = self.server.status
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = None
        try:
            while not status.stopping:
                current = status.generation if seen is None else status.wait(seen, KEEPALIVE_S)
                if current != seen:
                    self.wfile.write(f"data: {current}\n\n".encode())
                    seen = current
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except OSError:  # the page was closed or reloaded
            pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload always shows the new build
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass  # the terminal is for builds and their problems


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # open event streams never hold the process at Ctrl-C

    def __init__(self, port: int, status: Status, site_dir: Callable[[], Path]):
        self.status = status
        self.site_dir = site_dir
        super().__init__((HOST, port), _Handler)


@dataclass
class Preview:
    """The running server: its address, and how to stop it."""

    server: _Server
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def stop(self) -> None:
        self.server.status.stop()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def start(port: int, status: Status, site_dir: Callable[[], Path]) -> Preview:
    try:
        server = _Server(port, status, site_dir)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortBusy(f"port {port} on {HOST} is already in use (another `sitegen serve`?): "
                           "choose another with --port N, or --port 0 for any free port") from None
        if exc.errno == errno.EACCES:
            raise PortBusy(f"port {port} needs privileges on this system: choose one above 1023 with --port N") from None
        raise
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="sitegen-serve", daemon=True)
    thread.start()
    return Preview(server, thread)


def watched(config: SiteConfig, config_file: Path) -> list[Path]:
    """What a change of rebuilds: content and vocabularies, templates, static files, the settings."""
    return [config.content_dir, config.templates_dir, config.static_dir, config_file]


class Builder:
    """Builds on demand, remembers the last good configuration, and tells the server and the terminal."""

    def __init__(self, load: Callable[[], SiteConfig], config_file: Path, status: Status, say: Say,
                 build: Callable[[SiteConfig], BuildResult]):
        self.load, self.config_file, self.status, self.say, self._build = load, config_file, status, say, build
        self.config: SiteConfig | None = None
        self.busy = False
        self.after_result: Callable[[BuildResult], None] = lambda _result: None

    def site_dir(self) -> Path:
        return (self.config.output_dir if self.config else Path("site")).absolute()

    def roots(self) -> tuple[list[Path], list[Path]]:
        config = self.config or SiteConfig()
        return watched(config, self.config_file), [config.output_dir, config.index_dir]

    def build(self) -> bool:
        started = time.perf_counter()
        self.busy = True
        try:
            config = self.load()
            result = self._build(config)
        except (ConfigError, BuildFailed) as exc:
            return self._failed([str(d) for d in sorted(exc.diagnostics, key=sort_key) if d.is_error]
                                or [str(exc)])
        except SitegenError as exc:
            return self._failed([str(exc)])
        except Exception as exc:  # a bug of sitegen's: the preview goes on with the last good site
            return self._failed([f"unexpected error (a bug of sitegen's; `sitegen --debug build` shows the "
                                 f"traceback): {type(exc).__name__}: {exc}"])
        finally:
            self.busy = False
        self.config = config
        self.status.publish(())
        warnings = sum(1 for d in result.diagnostics if not d.is_error)
        self.say(f"Built {_plural(result.articles, 'article')}, {_plural(result.pages, 'page')} "
                 f"in {time.perf_counter() - started:.1f} s"
                 + (f" ({_plural(warnings, 'warning')}: `sitegen build` lists them)" if warnings else "") + ".", False)
        self.after_result(result)  # (the default build's: delete the files it replaced, now the page has reloaded)
        return True

    def _failed(self, lines: list[str]) -> bool:
        self.status.publish(tuple(lines))  # the pages show them before the terminal says so
        for line in lines:
            self.say(line, True)
        self.say(f"Build failed ({_plural(len(lines), 'problem')}); "
                 "still serving the last good site, with the problems over each page.", True)
        return False


def serve(load: Callable[[], SiteConfig], *, port: int, say: Say, config_file: Path,
          build: Callable[[SiteConfig], BuildResult] | None = None, interval: float = 0.4,
          stop: threading.Event | None = None, on_ready: Callable[[Preview], None] | None = None) -> None:
    """Serve, build, and rebuild on every change until Ctrl-C (or ``stop`` is set)."""
    after_result = None
    if build is None:
        from sitegen.build import build as build_site, discard_previous

        def build(config: SiteConfig) -> BuildResult:
            return build_site(config, discard_later=True)
        after_result = discard_previous
    stop = stop or threading.Event()
    status = Status()
    builder = Builder(load, config_file, status, say, build)
    if after_result:
        builder.after_result = after_result
    try:
        builder.config = load()  # to watch and serve the right folders from the start
    except ConfigError:
        pass  # the first build reports it
    preview = start(port, status, builder.site_dir)
    terminate = None
    if threading.current_thread() is threading.main_thread():  # `kill` stops it as Ctrl-C does
        terminate = signal.signal(signal.SIGTERM, _interrupt)
    try:
        say(f"Serving {preview.url} (127.0.0.1 only; Ctrl-C stops). Building...", False)
        roots, skip = builder.roots()
        before = snapshot(roots, skip)
        builder.build()
        if on_ready:
            on_ready(preview)
        while not stop.wait(interval):
            roots, skip = builder.roots()
            after = snapshot(roots, skip)
            if not compare(before, after):
                continue
            after = _settled(roots, skip, after)
            say(f"Rebuilding: {compare(before, after).describe(Path.cwd())}", False)
            builder.build()
            before = after  # what this build read: a file saved during the build is seen at the next poll
    except KeyboardInterrupt:
        if builder.busy:
            say("Interrupted during a build: it was abandoned, the previous site is untouched.", False)
    finally:
        preview.stop()
        if terminate is not None:
            signal.signal(signal.SIGTERM, terminate)
        say("Stopped.", False)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _settled(roots: list[Path], skip: list[Path], current: Snapshot, tries: int = 5) -> Snapshot:
    """A snapshot taken once files stop moving (an editor saves in several writes)."""
    for _ in range(tries):
        time.sleep(0.05)
        again = snapshot(roots, skip)
        if again == current:
            return again
        current = again
    return current


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
