"""``tools/dev.py serve``: after a saved tracker file, the pages open in a browser are shown first.

The serve fast path (:mod:`tools.site.data_reload`) renders every generated page whose Markdown
changed: four pages after a usual CSV save, but nineteen after the first save of the bundled demo
(that save ends the demo's fixed ``today``, so every dashboard that counts days changes once).
MkDocs' server tells the browsers to reload only when its builder returns, and until then it holds
every request, so the open page waited for pages nobody was looking at.

:class:`OpenPages` learns which pages are open from the live-reload long polls: each open page
keeps one poll waiting, sent with the page's address as ``Referer``. The fast path then renders
those pages first, writes their Content-Security-Policy (and the math font when a formula brought
new characters; ``ServeSession.data_update``), calls :meth:`OpenPages.reveal`, which does what the
server does after a build (the browsers reload now), and renders the rest. A request for a page
still to be rendered waits until it is written (:meth:`OpenPages.holding`): a browser that opened
it in between would otherwise get the page from before the save and, the reload signal being
spent, keep it.

This reaches into MkDocs 1.6's server (``_log_poll_request``, ``_serve_request``, ``_epoch_cond``,
``_visible_epoch``, ``_wanted_epoch``, ``mount_path``). When a name is missing, :meth:`install`
changes nothing and returns False; the fast path then renders in its usual order and the browsers
reload when it is done, as before.
"""

from __future__ import annotations

import posixpath
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote, urlsplit

# A page's poll is answered after MkDocs' poll_response_timeout (60 s) at the latest, and the page
# sends the next one at once: a page not heard from for longer than this is taken as closed.
OPEN_SECONDS = 90.0
HOLD_TIMEOUT_S = 30.0  # a held request is served anyway after this (the update failed, say)
_SERVER_NAMES = ("_log_poll_request", "_serve_request", "_epoch_cond", "_visible_epoch", "_wanted_epoch", "mount_path")


def site_path(path: str, mount_path: str) -> str | None:
    """The file of the site folder that a request path (already URL-decoded) asks for, as MkDocs'
    server finds it; None outside the mount path.

    >>> site_path("/tracker/overview.html", "/")
    'tracker/overview.html'
    >>> site_path("/handbook/tracker/", "/handbook/"), site_path("/handbook", "/handbook/")
    ('tracker/index.html', 'index.html')
    >>> site_path("/a/../tracker/board.html", "/"), site_path("/other/x.html", "/handbook/")
    ('tracker/board.html', None)
    """
    if not (path + "/").startswith(mount_path):
        return None
    relative = path[len(mount_path) :]
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return posixpath.normpath("/" + relative).lstrip("/")


class OpenPages:
    """Which pages browsers have open, and the server's reload signal (see the module docstring)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._server: Any = None
        self._seen: dict[str, float] = {}  # site path -> when its last poll arrived
        self._held: set[str] = set()
        self._changed = threading.Condition()  # guards _seen and _held

    @property
    def installed(self) -> bool:
        return self._server is not None

    def install(self, server: Any) -> bool:
        """Watch the server's polls and hold its requests for pages still to be rendered; False
        (nothing changed) when the server lacks a name this needs."""
        if any(not hasattr(server, name) for name in _SERVER_NAMES):
            return False
        if getattr(server._serve_request, "handbook_open_pages", None) is self:
            return True
        log_poll, serve = server._log_poll_request, server._serve_request

        def log_poll_request(url: str | None, request_id: str) -> object:
            self.saw(url, server.mount_path)
            return log_poll(url, request_id=request_id)

        def serve_request(environ: dict, start_response: Callable) -> object:
            path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")  # as MkDocs reads it
            self.wait_until_written(site_path(path, server.mount_path))
            return serve(environ, start_response)

        serve_request.handbook_open_pages = self  # type: ignore[attr-defined]
        server._log_poll_request, server._serve_request = log_poll_request, serve_request
        self._server = server
        return True

    def saw(self, url: str | None, mount_path: str) -> None:
        """A live-reload poll came from the page at ``url`` (its ``Referer``)."""
        path = site_path(unquote(urlsplit(url).path), mount_path) if url else None
        if path is not None:
            with self._changed:
                self._seen[path] = self._clock()

    def open_paths(self) -> set[str]:
        """Site paths (``tracker/overview.html``) of the pages open now."""
        now = self._clock()
        with self._changed:
            return {path for path, when in self._seen.items() if now - when <= OPEN_SECONDS}

    @contextmanager
    def holding(self, paths: Iterable[str]) -> Iterator[None]:
        """Requests for ``paths`` wait until :meth:`release` (or the end of the block)."""
        held = set(paths)
        with self._changed:
            self._held |= held
        try:
            yield
        finally:
            with self._changed:
                self._held -= held
                self._changed.notify_all()

    def release(self, path: str) -> None:
        """``path`` is written: its requests go ahead."""
        with self._changed:
            self._held.discard(path)
            self._changed.notify_all()

    def wait_until_written(self, path: str | None) -> None:
        """Return once ``path`` is not held (at once for any other path, or None)."""
        with self._changed:
            self._changed.wait_for(lambda: path not in self._held, timeout=HOLD_TIMEOUT_S)

    def reveal(self) -> None:
        """Tell the browsers to reload now, as the server does when a build is done."""
        server = self._server
        if server is None:
            return
        with server._epoch_cond:
            server._visible_epoch = server._wanted_epoch
            server._epoch_cond.notify_all()
