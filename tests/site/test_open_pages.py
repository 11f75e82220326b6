"""Pages open in a browser, shown first after a data update (tools/site/open_pages.py), on MkDocs'
own live-reload server (created, never started: its request handler is called directly)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from tools.site.open_pages import OPEN_SECONDS, OpenPages


@contextmanager
def live_server(root: Path, mount_path: str = "/") -> Iterator[object]:
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root), mount_path=mount_path)
    try:
        yield server
    finally:
        server.server_close()


def request(server: object, path: str, referer: str | None = None) -> dict:
    """Calls the server's request handler for ``path`` in a thread; the dict gets "body" when it
    answers (None: not found, which MkDocs' outer handler turns into a 404)."""
    answer: dict = {}
    environ = {"PATH_INFO": path.encode("utf-8").decode("latin-1"), "REQUEST_METHOD": "GET"}
    if referer:
        environ["HTTP_REFERER"] = referer

    def run() -> None:
        body = server._serve_request(environ, lambda status, headers: None)
        answer["body"] = None if body is None else b"".join(body)
        if hasattr(body, "close"):
            body.close()

    answer["thread"] = threading.Thread(target=run, daemon=True)
    answer["thread"].start()
    return answer


def test_open_pages_learns_the_open_pages_from_their_waiting_polls(tmp_path: Path) -> None:
    now = [100.0]
    browsers = OpenPages(clock=lambda: now[0])
    with live_server(tmp_path, mount_path="/handbook/") as server:
        assert browsers.install(server) is True
        server._log_poll_request("http://127.0.0.1:8000/handbook/tracker/overview.html", request_id="/livereload/1/2")
        server._log_poll_request("http://127.0.0.1:8000/handbook/tracker/%E6%8A%95%E9%80%92.html?x=1#top", request_id="/livereload/1/3")
        server._log_poll_request("http://127.0.0.1:8000/handbook/", request_id="/livereload/1/4")
        server._log_poll_request("http://127.0.0.1:8000/elsewhere/page.html", request_id="/livereload/1/5")
        server._log_poll_request(None, request_id="/livereload/1/6")
        assert browsers.open_paths() == {"tracker/overview.html", "tracker/投递.html", "index.html"}
        now[0] += OPEN_SECONDS - 1
        server._log_poll_request("http://127.0.0.1:8000/handbook/index.html", request_id="/livereload/1/7")
        now[0] += 2  # the first two pages have not polled for longer than OPEN_SECONDS: closed
        assert browsers.open_paths() == {"index.html"}


def test_open_pages_install_needs_every_server_name_and_wraps_once(tmp_path: Path) -> None:
    browsers = OpenPages()
    assert browsers.install(SimpleNamespace(_log_poll_request=print, mount_path="/")) is False
    assert browsers.installed is False
    browsers.reveal()  # nothing to tell: no error
    with live_server(tmp_path) as server:
        assert browsers.install(server) is True
        wrapped = server._serve_request
        assert browsers.install(server) is True and server._serve_request is wrapped
        assert browsers.installed is True


def test_open_pages_holds_a_page_still_to_be_written_and_serves_the_others(tmp_path: Path) -> None:
    (tmp_path / "tracker").mkdir()
    (tmp_path / "tracker" / "board.html").write_text("old board", encoding="utf-8")
    (tmp_path / "tracker" / "overview.html").write_text("new overview", encoding="utf-8")
    browsers = OpenPages()
    with live_server(tmp_path) as server:
        browsers.install(server)
        with browsers.holding(["tracker/board.html", "tracker/schedule.html"]):
            board = request(server, "/tracker/board.html")
            overview = request(server, "/tracker/overview.html")
            overview["thread"].join(5)
            assert overview["body"] == b"new overview"
            board["thread"].join(0.3)
            assert board["thread"].is_alive() and "body" not in board  # held
            (tmp_path / "tracker" / "board.html").write_text("new board", encoding="utf-8")
            browsers.release("tracker/board.html")
            board["thread"].join(5)
            assert board["body"] == b"new board"
            schedule = request(server, "/tracker/schedule.html")
        schedule["thread"].join(5)  # the end of the block releases what is left
        assert "body" in schedule and schedule["body"] is None


def test_open_pages_reveal_answers_the_waiting_polls_with_the_new_epoch(tmp_path: Path) -> None:
    browsers = OpenPages()
    with live_server(tmp_path) as server:
        browsers.install(server)
        shown = server._visible_epoch
        server._wanted_epoch = shown + 7  # what the server sets when an update starts
        poll = request(server, f"/livereload/{shown}/123", referer="http://127.0.0.1:8000/tracker/overview.html")
        poll["thread"].join(0.3)
        assert poll["thread"].is_alive() and browsers.open_paths() == {"tracker/overview.html"}
        browsers.reveal()
        poll["thread"].join(5)
        assert poll["body"] == str(shown + 7).encode()
        assert server._visible_epoch == server._wanted_epoch
