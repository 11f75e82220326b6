"""In-process benchmark of the serve fast path (prints figures, asserts nothing).

    .venv/bin/python tests/bench/bench_fast_update.py [--updates 7] [--profile FILE] [--source CHECKOUT]

What ``mkdocs serve --dirty`` does after a saved tracker CSV, without the server, the file watch
or the browser: on a copy of ``data/`` (``HANDBOOK_DATA``, fixed day 2026-12-03, not strict), one
dirty build into a temporary site folder, then ``--updates`` times: append one application
(stage 已投递) to the copy's ``applications.csv`` and call the hooks' fast update
(:meth:`tools.site.serve_session.ServeSession.data_update`). Each update is timed with
``time.process_time`` (CPU seconds of this process) and ``time.perf_counter`` (wall); the median
of the CPU seconds is the figure to quote, since the wall time on a shared machine follows the
other jobs. ``--profile FILE`` runs the updates after the first under cProfile and writes the
merged stats (read them with ``python -m pstats FILE``). ``--source`` runs another checkout's
code and data instead, e.g. ``git worktree add /tmp/base 9ebd352`` for a paired run under the
same load (before ``ServeSession``, the hooks' ``_data_update`` is called). Since the search
entries of the updated pages are made after the page reload (``tools/site/search_defer.py``), the
queue is indexed after each timed update, outside its figure, and its CPU seconds are printed
beside it (in a checkout before that change they are part of the update).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ENV = {"HANDBOOK_STRICT": "false", "HANDBOOK_TODAY": "2026-12-03", "NO_MKDOCS_2_WARNING": "1"}


def row(n: int) -> str:
    return f"fast-{n},快路基准公司{n},算法工程师,,LLM,北京,秋招,正式批,官网,2026-12-02,已投递,,,,,,\n"


def drain_search_queue(hooks: object) -> float:
    """CPU seconds to index the pages an update queued (``tools/site/search_defer.py``; the server
    does it after the page reload); 0 for a checkout without the queue, which indexed them inside
    the update."""
    queue = getattr(getattr(hooks, "_session", None), "search_queue", None)
    if queue is None:
        return 0.0
    started = time.process_time()
    queue.finish()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=7)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--source", type=Path, default=ROOT, help="the checkout whose code and data to run")
    args = parser.parse_args()
    root = args.source.resolve()
    os.chdir(root)  # the configuration's relative paths (snippets) are read from the working directory
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory(prefix="hb-fast-") as temporary:
        data = Path(shutil.copytree(root / "data", Path(temporary) / "data"))
        os.environ.update(ENV, HANDBOOK_DATA=str(data))
        for name in ("HANDBOOK_PUBLIC", "HANDBOOK_ANONYMISE", "HANDBOOK_PUBLIC_TRACKER"):
            os.environ.pop(name, None)
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(Path(temporary) / "site"))
        config.site_url = "http://127.0.0.1:8000/"
        config.plugins.on_startup(command="serve", dirty=True)
        hooks = sys.modules["tools/site/hooks.py"]
        update = hooks._session.data_update if hasattr(hooks, "_session") else hooks._data_update
        profiler = cProfile.Profile() if args.profile else None
        cpu: list[float] = []
        try:
            started = time.perf_counter()
            build(config, serve_url=config.site_url, dirty=True)
            print(f"first build: {time.perf_counter() - started:.1f} s", flush=True)
            for n in range(1, args.updates + 1):
                with open(data / "applications.csv", "a", encoding="utf-8") as handle:
                    handle.write(row(n))
                if profiler is not None and n > 1:
                    profiler.enable()
                wall, process = time.perf_counter(), time.process_time()
                outcome = update(config)
                process, wall = time.process_time() - process, time.perf_counter() - wall
                if profiler is not None:
                    profiler.disable()
                if outcome is None:
                    sys.exit(f"update {n}: the fast path refused (a build would run)")
                cpu.append(process)
                deferred = drain_search_queue(hooks)
                print(f"  update {n}: {process:.3f} CPU s, {wall:.3f} s wall; Markdown {outcome.generate_seconds:.3f} s, "
                      f"pages {outcome.render_seconds:.3f} s; {len(outcome.pages)} pages; "
                      f"search entries after it {deferred:.3f} CPU s", flush=True)
        finally:
            config.plugins.on_shutdown()
    later = cpu[1:] or cpu
    print(f"fast update: median {statistics.median(later):.3f} CPU s over updates 2-{len(cpu)} "
          f"(min {min(later):.3f}, max {max(later):.3f}); first {cpu[0]:.3f}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if profiler is not None:
        profiler.dump_stats(args.profile)


if __name__ == "__main__":
    main()
