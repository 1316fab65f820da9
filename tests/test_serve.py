"""`sitegen serve` as a user runs it: the CLI in a project folder, fetched over HTTP."""

from __future__ import annotations

import http.client
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sitegen.serve import inject, relax_csp

SEED = Path("content/articles/2022-01-08-deir-ez-zor-exchange-of-fire.md")
SEED_PAGE = "articles/2022-01-08-deir-ez-zor-exchange-of-fire.html"
SEED_TITLE = "قصف متبادل بين الميليشيات الإيرانية والقوات الأمريكية شرقي دير الزور"
WAIT_S = 60  # a rebuild of the seed project takes about 2 s; the machine is shared


def _ctrl_c_as_in_a_terminal() -> None:
    """The child takes SIGINT as a terminal's Ctrl-C, even when these tests run where it is
    ignored (a background job of a script: its children inherit SIG_IGN, and Python then
    never raises KeyboardInterrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Served:
    """A running `sitegen serve --port 0`, its terminal lines, and its address."""

    def __init__(self, root: Path, *args: str):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "sitegen.cli", "serve", "--port", "0", *args],
                                        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, env=env, preexec_fn=_ctrl_c_as_in_a_terminal)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        first = self.expect("Serving ")
        self.url = first.split()[1]
        self.port = int(self.url.rstrip("/").rsplit(":", 1)[1])

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, start: str, timeout: float = WAIT_S) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                assert self.process.poll() is None, f"serve ended: {self.seen}"
                continue
            self.seen.append(line)
            if line.startswith(start):
                return line
        raise AssertionError(f"no line starting {start!r} in {timeout} s; saw {self.seen}")

    def get(self, path: str = "") -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()


@pytest.fixture
def served(project: Path):
    running = Served(project)
    running.expect("Built ")
    yield running
    running.stop()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_article_is_served_after_the_rebuild(served: Served, project: Path):
    code, page = served.get(SEED_PAGE)
    assert code == 200 and SEED_TITLE in page
    _edit(project / SEED, f"title: {SEED_TITLE}", "title: عنوان جديد للمقال")
    served.expect("Rebuilding: content/articles/")
    served.expect("Built ")
    code, page = served.get(SEED_PAGE)
    assert code == 200 and "عنوان جديد للمقال" in page and SEED_TITLE not in page
    on_disk = (project / "site" / SEED_PAGE).read_text(encoding="utf-8")
    assert "عنوان جديد للمقال" in on_disk
    assert "__sitegen" not in on_disk, "the reload script is added to responses, never to the files"
    assert "/__sitegen/reload.js" in page


def test_a_broken_article_shows_the_overlay_over_the_last_good_site(served: Served, project: Path):
    _edit(project / SEED, "published: 2022-01-08", "published: 2022-02-30 <b>x</b>")
    served.expect("Build failed")
    terminal = "\n".join(served.seen)
    assert "2022-02-30" in terminal and SEED.name in terminal
    code, page = served.get(SEED_PAGE)
    assert code == 200
    assert SEED_TITLE in page, "the last good page stays served"
    assert 'id="sitegen-serve-errors"' in page and SEED.name in page
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page, "diagnostics are escaped"
    # fixed: the overlay goes
    _edit(project / SEED, "published: 2022-02-30 <b>x</b>", "published: 2022-01-08")
    served.expect("Built ")
    code, page = served.get(SEED_PAGE)
    assert code == 200 and "sitegen-serve-errors" not in page


def test_the_reload_event_fires_on_a_rebuild(served: Served, project: Path):
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=WAIT_S)
    connection.request("GET", "/__sitegen/events")
    response = connection.getresponse()
    assert response.status == 200 and response.getheader("Content-Type") == "text/event-stream"

    def next_event() -> str:
        while True:
            line = response.fp.readline().decode()
            assert line, "the event stream closed"
            if line.startswith("data: "):
                return line[len("data: "):].strip()

    first = next_event()
    _, page = served.get("index.html")
    assert f'data-generation="{first}"' in page, "pages carry the generation the events announce"
    _edit(project / SEED, "تصاعد ملحوظ", "تصاعد كبير")
    assert next_event() != first
    connection.close()


def test_only_the_loopback_address_is_bound(served: Served):
    assert served.url.startswith("http://127.0.0.1:")
    with socket.socket() as probe:  # another loopback address: refused when only 127.0.0.1 is bound
        probe.settimeout(5)
        assert probe.connect_ex(("127.0.0.2", served.port)) != 0
    with socket.create_connection(("127.0.0.1", served.port), timeout=5):
        pass


def test_missing_pages_are_the_sites_404_and_folders_redirect(served: Served):
    code, page = served.get("no/such/page.html")
    assert code == 404 and "/__sitegen/reload.js" in page
    code, page = served.get("timeline")
    assert code == 200 and "/__sitegen/reload.js" in page  # followed to timeline/ and its index.html


def test_ctrl_c_ends_cleanly(served: Served):
    assert served.stop() == 0
    rest = served.process.stdout.read() if served.process.stdout else ""
    terminal = "\n".join(served.seen) + rest
    assert "Traceback" not in terminal
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", served.port)) != 0, "the port is released"


def test_a_port_in_use_is_a_clear_error(project: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "sitegen.cli", "serve", "--port", str(port)],
                                cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"port {port}" in result.stderr and "--port" in result.stderr and "Traceback" not in result.stderr


def test_a_first_build_that_fails_still_serves_the_problems(project: Path):
    _edit(project / SEED, "published: 2022-01-08", "published: 2022-13-01")
    running = Served(project)
    try:
        running.expect("Build failed")
        code, page = running.get("")
        assert code == 404 and "sitegen-serve-errors" in page and "2022-13-01" in page
    finally:
        assert running.stop() == 0


def test_injection_relaxes_only_connect_src_and_escapes():
    page = ('<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
            'script-src \'self\'; connect-src \'none\'; base-uri \'none\'"></head><body class="x"><p>t</p></body></html>')
    served = inject(page, "run-3", ("a.md:1: error: <script>alert(1)</script>",))
    assert "connect-src 'self'" in served and "connect-src 'none'" not in served
    assert "script-src 'self'" in served and "base-uri 'none'" in served
    assert "<script>alert(1)</script>" not in served and "&lt;script&gt;alert(1)&lt;/script&gt;" in served
    assert served.index("sitegen-serve-errors") > served.index('<body class="x">')
    assert served.index("/__sitegen/reload.js") < served.index("</head>")
    assert relax_csp("<p>no policy</p>") == "<p>no policy</p>"


@pytest.mark.browser
def test_the_open_page_reloads_by_itself_and_shows_the_errors(browser, served: Served, project: Path):
    context = browser.new_context()
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(served.url + SEED_PAGE)
        assert page.locator("h1").inner_text() == SEED_TITLE
        page.evaluate("window.notReloaded = true")

        _edit(project / SEED, f"title: {SEED_TITLE}", "title: عنوان بعد التعديل")
        page.locator("h1", has_text="عنوان بعد التعديل").wait_for(timeout=WAIT_S * 1000)
        assert page.evaluate("window.notReloaded") is None, "the page was reloaded, not patched"

        _edit(project / SEED, "published: 2022-01-08", "published: 2022-02-30")
        page.wait_for_selector("#sitegen-serve-errors", timeout=WAIT_S * 1000)
        overlay = page.locator("#sitegen-serve-errors")
        assert "2022-02-30" in overlay.inner_text()
        assert overlay.evaluate("el => getComputedStyle(el).position") == "fixed", "its style is allowed by the CSP"
        assert page.locator("h1").inner_text() == "عنوان بعد التعديل", "the last good page underneath"
        assert not [p for p in problems if "Content Security Policy" in p], problems
        assert all(url.startswith(served.url) for url in requests), "nothing from another origin"
    finally:
        context.close()


@pytest.mark.browser
def test_the_browser_search_works_in_the_preview_and_follows_edits(browser, served: Served, project: Path):
    context = browser.new_context()
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("response", lambda response: response.status >= 400 and problems.append(
            f"{response.status} {response.url}"))
        page.goto(served.url + "index.html")
        page.fill(".site-search input[name=q]", "الميليشيات الإيرانية")
        page.press(".site-search input[name=q]", "Enter")
        page.wait_for_selector("#search[data-state=done], #search[data-state=error]", timeout=WAIT_S * 1000)
        first = page.locator("#search-results li h2 a").first.get_attribute("href")
        assert first == SEED_PAGE

        with page.expect_navigation(timeout=WAIT_S * 1000):  # the open search page reloads by itself
            _edit(project / SEED, f"title: {SEED_TITLE}", f"title: {SEED_TITLE} زعفرانية")
        page.goto(served.url + "search.html?q=زعفرانية")
        page.wait_for_selector("#search[data-state=done], #search[data-state=error]", timeout=WAIT_S * 1000)
        assert page.locator("#search-results li h2 a").first.get_attribute("href") == SEED_PAGE, \
            "the rebuilt browser index is served"
        assert not problems, problems
    finally:
        context.close()
