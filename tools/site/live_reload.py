"""``mkdocs serve``'s live reload under the site's Content-Security-Policy, and a quicker file watch.

Every built page carries a CSP that runs an inline script only if its hash is listed
(:mod:`tools.site.csp`). ``mkdocs serve`` appends its live-reload script to each HTML response
as an inline ``<script>`` whose arguments change on every request, so no hash can cover it: the
browser blocked it, and a saved file never reached the open page. :func:`allow_live_reload`
wraps the server's injection so that the appended script carries a nonce made once per server
and the page's ``script-src`` lists that nonce. Only responses of the development server change;
the files in the site folder, and so every built or published page, keep the strict policy.

MkDocs watches files by polling every 0.5 s (watchdog's polling observer), which alone adds
0.25 s on average between a save and the rebuild; then its build loop waits until no event came
for ``build_delay`` (0.1 s) before it builds. ``mkdocs serve`` has no option for either (MkDocs
1.6 creates ``LiveReloadServer`` with the default ``polling_interval``), so :func:`poll_faster`
sets both on the server: a poll every 0.2 s (one scan of the watched trees, ~470 entries, takes
~6 ms of CPU) and a wait of 0.01 s. The wait can be that short because events only come with a
poll: all the events of one save arrive in one poll's batch, and a later poll is 0.2 s away, far
beyond any wait that would still be worth its delay.
Both reach into the server's internals (MkDocs 1.6, watchdog 6): when a name is missing they
change nothing and say so, and serving works as before.

A saved tracker file was then noticed 0.1 s after the save on average (0.2 s at worst), a tenth of
the second the whole reload may take. watchdog's ``PollingObserver`` runs one emitter thread per
watched path, and each sleeps its own ``_timeout`` between scans: ``BaseObserver.schedule`` gives a
new emitter the observer's timeout at that moment. ``mkdocs serve`` watches ``docs_dir``, the
configuration file and the theme folders before the ``on_serve`` event and the ``watch:`` list
(``data``, ``tools``) after it, so :func:`poll_data_faster` watches the data folder itself in
``on_serve`` (MkDocs' later ``watch`` of the same path only counts a second reference) and gives
that one emitter a 0.03 s interval; the large trees keep 0.2 s. CPU per scan (watchdog's
``DirectorySnapshot``, mean of 200, this machine): ``data/`` 14 entries 0.08 ms, ``docs/`` 341
entries 2.3 ms, ``tools/`` 117 entries 0.8 ms, ``overrides/`` 0.01 ms. So the data folder at 0.03 s
costs ~2.7 ms of CPU per second (0.3 % of a core), while ``docs/`` at that rate would cost 8 %.
A save is now seen 0.015 s after it on average. An editor that writes a file in several steps may
be caught half-way: the fast path then reads a partial file, fails or renders it, and the next
poll 0.03 s later sees the rest and updates again.

The quick poll costs more than its scans while the server updates the pages: each scan is a
burst of ``stat`` calls, and each call hands the interpreter lock back and forth with the build
thread. Measured on the served demo (``tests/bench/bench_live_reload.py``, 7 CSV saves, one run
after the other): the update took 0.47-0.70 s (its CPU the same) with data/ polled every 0.2 s,
0.69-0.78 s (0.62-0.78 s of CPU) with 0.03 s. So :func:`poll_less_while_building` wraps the
server's builder: while a build or a fast update runs, no emitter polls more often than every
:data:`BUSY_POLL_INTERVAL_S`; each gets its own interval back when the builder returns. A save
made during an update is still seen (by the next scan), at most that interval later. With it, the
same benchmark gave updates of 0.38-0.67 s after the first save and save -> page 0.80 s median
(0.83 s when every emitter waited 0.5 s during builds instead: no better, so 0.2 s).
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path

POLL_INTERVAL_S = 0.2  # a scan of docs/, data/ and tools/ takes a few ms
DATA_POLL_INTERVAL_S = 0.03  # a scan of data/ takes ~0.08 ms
BUSY_POLL_INTERVAL_S = 0.2  # while the builder runs, for every emitter
SETTLE_S = 0.01  # MkDocs' build_delay: 0.1 s
_SCRIPT_SRC = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src)( )')


def with_reload_nonce(page: bytes, nonce: str) -> bytes:
    """The page with ``nonce`` on its last bare ``<script>`` (the live-reload script the server
    appended) and in the policy's ``script-src``; unchanged if either is missing.

    >>> page = b'<head><meta http-equiv="Content-Security-Policy" content="default-src \\'self\\'; script-src \\'self\\' \\'sha256-x\\'"></head><body><script>a()</script><script>livereload(1, 2);</script></body>'
    >>> print(with_reload_nonce(page, "n0").decode())
    <head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'nonce-n0' 'self' 'sha256-x'"></head><body><script>a()</script><script nonce="n0">livereload(1, 2);</script></body>
    >>> with_reload_nonce(b"<body><script>x()</script></body>", "n0")
    b'<body><script>x()</script></body>'
    """
    last = page.rfind(b"<script>")
    if last == -1 or not _SCRIPT_SRC.search(page, 0, last):
        return page
    token = nonce.encode("ascii")
    page = page[:last] + b'<script nonce="' + token + b'">' + page[last + len(b"<script>") :]
    return _SCRIPT_SRC.sub(lambda m: m.group(1) + b" 'nonce-" + token + b"'" + m.group(2), page, count=1)


def allow_live_reload(server: object, nonce: str | None = None) -> bool:
    """Make the server's live-reload script pass the page's CSP; False if the server has no
    ``_inject_js_into_html`` to wrap (another MkDocs release: live reload may then be blocked)."""
    inject: Callable[[bytes, object], bytes] | None = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        return False
    if getattr(inject, "handbook_nonce", None):
        return True  # already wrapped
    token = nonce or secrets.token_urlsafe(18)

    def inject_with_nonce(content: bytes, epoch: object) -> bytes:
        return with_reload_nonce(inject(content, epoch), token)

    inject_with_nonce.handbook_nonce = token  # type: ignore[attr-defined]
    setattr(server, "_inject_js_into_html", inject_with_nonce)
    return True


def poll_faster(server: object, interval_s: float = POLL_INTERVAL_S, settle_s: float = SETTLE_S) -> bool:
    """Poll the watched files every ``interval_s`` instead of 0.5 s, and start a build ``settle_s``
    after the last event instead of 0.1 s; False if the server's observer does not look like
    watchdog's polling observer (nothing is changed then)."""
    observer = getattr(server, "observer", None)
    emitters = getattr(observer, "emitters", None)
    if observer is None or emitters is None or not hasattr(observer, "_timeout"):
        return False
    observer._timeout = interval_s  # emitters scheduled later (the ``watch:`` list) take this
    for emitter in emitters:
        if hasattr(emitter, "_timeout"):
            emitter._timeout = interval_s
    if hasattr(server, "build_delay"):
        server.build_delay = settle_s
    return True


def data_watch_paths(watched: Iterable[str], data: Path) -> list[str]:
    """The entries of the ``watch:`` list that are the tracker's data folder or its parent folder
    (``data`` holds the user's own ``data/mine``); large trees further up are left alone.

    >>> data_watch_paths(["/r/data", "/r/tools"], Path("/r/data/mine"))
    ['/r/data']
    >>> data_watch_paths(["/r", "/r/tools"], Path("/r/data/mine"))
    []
    """
    folders = {os.path.abspath(data), os.path.abspath(data.parent)}
    return [path for path in watched if os.path.abspath(path) in folders]


def poll_data_faster(server: object, watched: Iterable[str], data: Path | None = None, interval_s: float = DATA_POLL_INTERVAL_S) -> bool:
    """Watch the data folder among ``watched`` now and poll it every ``interval_s`` (see the module
    docstring); the other paths keep the observer's interval. ``data``: the tracker's folder
    (default ``tools.tracker.paths.data_dir()``). False when the server or its observer lacks the
    names used here (the data folder is then polled like the rest); True also when no watched path
    is the data folder."""
    watch: Callable[[str], None] | None = getattr(server, "watch", None)
    emitters = getattr(getattr(server, "observer", None), "emitters", None)
    if watch is None or emitters is None:
        return False
    if data is None:
        from tools.tracker.paths import data_dir

        data = data_dir()
    for path in data_watch_paths(watched, data):
        watch(path)
        wanted = os.path.abspath(path)
        found = [e for e in emitters if getattr(getattr(e, "watch", None), "path", None) == wanted and hasattr(e, "_timeout")]
        if not found:
            return False
        for emitter in found:
            emitter._timeout = interval_s
    return True


def poll_less_while_building(server: object, busy_s: float = BUSY_POLL_INTERVAL_S) -> bool:
    """Wrap ``server.builder`` so that no emitter polls more often than every ``busy_s`` while it
    runs (see the module docstring). Wrap it last: the wrapper must be outside the data fast path's
    (``tools/site/data_reload.py``), which runs inside the builder. False when the server has no
    builder or observer emitters (nothing is changed then)."""
    builder: Callable[..., object] | None = getattr(server, "builder", None)
    emitters = getattr(getattr(server, "observer", None), "emitters", None)
    if not callable(builder) or emitters is None:
        return False
    if getattr(builder, "handbook_quiet", False):
        return True

    def quiet_builder(*args: object, **kwargs: object) -> object:
        own = [(emitter, emitter._timeout) for emitter in list(emitters) if hasattr(emitter, "_timeout")]
        for emitter, interval in own:
            emitter._timeout = max(interval, busy_s)
        try:
            return builder(*args, **kwargs)
        finally:
            for emitter, interval in own:
                emitter._timeout = interval

    quiet_builder.handbook_quiet = True  # type: ignore[attr-defined]
    setattr(server, "builder", quiet_builder)
    return True
