"""A second process that takes a build's side work while the main process renders the pages.

A cold build (empty caches) spent about 7 of its 18 s on one core making things that are read
only at the end: the search entries of every page (HTML parsing and jieba, ``search_ahead.py``)
and the math font subset (fontTools, ``math_font.py``). MkDocs renders pages one after another
in one process, so a second core stayed idle. :class:`BuildWorker` forks one worker process at
the start of the build and the hooks hand it those jobs; their results are waited for where
they are needed.

Forked, so the worker holds the build's own state (Material's search plugin, jieba, the
glossary) and its output is exactly what the main process would make, and only where forking is
safe: a platform with ``fork``, at least two cores, and no other thread in the process at that
moment (``mkdocs serve`` has its server's threads, so its builds do the work inline, as every
build did before). ``HANDBOOK_BUILD_WORKER=0`` turns it off. A job that cannot be handed over
returns ``None`` from :meth:`BuildWorker.submit`, and the caller does the work itself.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

SWITCH = "HANDBOOK_BUILD_WORKER"


def can_fork_worker(environ: dict[str, str] | None = None) -> bool:
    """Whether a worker may be forked now (see the module docstring).

    >>> can_fork_worker({SWITCH: "0"})
    False
    """
    environ = os.environ if environ is None else environ
    if environ.get(SWITCH, "1") == "0":
        return False
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return False
    return threading.active_count() == 1


def _ready() -> bool:
    return True


class BuildWorker:
    """One forked worker process for one build; ``submit`` hands it a job if it is running."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> bool:
        """Fork the worker now, if that is safe; True if one is running. The state it works with
        is the process's at this moment, so call it once everything the jobs need is set up."""
        if self._pool is not None:
            return True
        if not can_fork_worker():
            return False
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        try:
            pool.submit(_ready).result()  # forks here, before any other thread starts
        except (BrokenProcessPool, OSError):
            pool.shutdown(wait=False, cancel_futures=True)
            return False
        self._pool = pool
        return True

    def submit(self, job: Callable[..., Any], *args: Any) -> Future | None:
        """The job's future, or None when there is no worker (the caller then does the work)."""
        if self._pool is None:
            return None
        try:
            return self._pool.submit(job, *args)
        except (BrokenProcessPool, RuntimeError):
            self.stop()
            return None

    def stop(self) -> None:
        """Let the worker finish its jobs and exit; later jobs are done inline."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)


def result_or_none(future: Future | None) -> Any:
    """A job's result, or None if there was no job or it failed (the caller then does the work;
    a real error shows again there, with its usual message)."""
    if future is None:
        return None
    try:
        return future.result()
    except Exception:  # noqa: BLE001  (any failure in the worker means: do it here)
        return None
