"""``mkdocs serve`` with every build profiled: the benchmark's ``--profile DIR`` runs this instead of ``-m mkdocs``.

    python tests/bench/profiled_serve.py DIR serve --livereload --dirty ...

Each call of MkDocs' build function inside the server, and of the data fast path
(``tools/site/data_reload.py``), runs under :mod:`cProfile`; its stats go to ``DIR/build-<n>.prof``
or ``DIR/data-<n>.prof`` and one line per call is printed (wall s, CPU s, peak RSS MB), so growth
from save to save shows in the log. Read a file with ``python -m pstats DIR/build-3.prof`` (``sort cumtime``,
``stats 40``). Nothing in the site changes.
"""

from __future__ import annotations

import cProfile
import resource
import sys
import time
from pathlib import Path


def profiled(build, folder: Path, label: str = "build"):
    count = 0

    def run(*args, **kwargs):
        nonlocal count
        count += 1
        profile = cProfile.Profile()
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return profile.runcall(build, *args, **kwargs)
        finally:
            profile.dump_stats(str(folder / f"{label}-{count}.prof"))
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"PROFILE {label} {count}: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU, "
                f"peak RSS {peak_mb:.0f} MB",
                flush=True,
            )

    return run


def main() -> None:
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    import mkdocs.commands.serve
    from mkdocs.__main__ import cli

    mkdocs.commands.serve.build = profiled(mkdocs.commands.serve.build, folder)
    sys.path.insert(0, str(Path.cwd()))  # the repository served: its hooks import tools.site from here
    from tools.site import data_reload

    data_reload.DataReload.update = profiled(data_reload.DataReload.update, folder, "data")
    sys.argv = ["mkdocs", *sys.argv[2:]]
    cli()


if __name__ == "__main__":
    main()
