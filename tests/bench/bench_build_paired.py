"""Paired build benchmark: this site against hello-algo's Chinese docs (prints figures, asserts nothing).

    .venv/bin/python tests/bench/bench_build_paired.py --peer /tmp/hello-algo [--runs 3]

Builds alternate, one round after another: ours with a warm cache, theirs, ours cold (an empty
``$HANDBOOK_CACHE``), so a busy machine slows both sides alike. Each build is a fresh
``mkdocs build`` process of the same venv (same mkdocs, Material, pymdown-extensions, jieba) into
an empty folder. Printed per build and as medians: pages, wall seconds, CPU seconds (user + system
of the build process; steadier than wall time when other jobs share the cores), ms per page, and
the ratio ours / theirs per page. Pages are the HTML files written, 404.html left out, counted the
same way on both sides (ours include the print page and the generated tracker pages).

Peer recipe (nothing of hello-algo is committed here, nothing is added to requirements*.txt):

1. Get the repository. In the project's sessions the ``fetch`` tool gives a bare git directory,
   ``/work/.mirror/krahets+hello-algo/repo``; elsewhere ``git clone --bare
   https://github.com/krahets/hello-algo``. ``--prepare GIT_DIR`` copies ``mkdocs.yml``,
   ``docs/`` and ``overrides/`` of its HEAD into ``--peer`` (blobs the mirror lacks, such as a
   course PDF, are skipped and listed; no page links need them to build).
2. What is built: its Chinese docs, ``docs/`` with ``mkdocs.yml`` as committed, except two
   lines in the copy ``mkdocs.bench.yml``: ``docs_dir: docs`` (not ``build/docs``) and
   ``custom_dir: overrides`` (not ``build/overrides``). Their ``build/`` folder is made by their
   own script that pastes the code listings of ``codes/`` into the pages; it is not run, so
   their code tabs keep the one-line placeholders (less Markdown for them, which favours them).
3. Switched off for them: ``--strict``. Their build logs two warnings (an unknown ``version``
   key in mkdocs.yml, and ``docs/index.html`` excluded because ``index.md`` exists) that strict
   mode turns into a failure; neither changes the work done. Nothing else: their search (jieba
   too, same /tmp/jieba.cache as ours), ``glightbox`` and every Markdown extension stay on.
4. Their plugin not in our venv: ``mkdocs-glightbox==0.5.3`` and its dependency
   ``selectolax==1.0.2``, installed apart, only on their build's ``PYTHONPATH``::

       pip install --no-deps --target /tmp/peer-pkgs mkdocs-glightbox==0.5.3 selectolax==1.0.2

Ours is ``mkdocs build --strict`` as CI runs it (checks, CSP, offline search, print page, math
font). "Warm" reuses the disk cache of formulas and font subsets (``tools/site/math_cache.py``),
the cache the issue asks for; "cold" starts from an empty one. Theirs has no such cache (their
formulas are left to MathJax in the browser), so they have one figure.

Jieba's own dictionary cache (``/tmp/jieba.cache``, "Loading model from cache" in the log) is
used by both sides; our glossary words are added after it loads, so they do not invalidate it.

Results, 2026-12-03, 3 rounds, 2 cores shared with other helpers' builds and mutation tests
(load average 10-16 during every run, so wall times are mostly waiting; CPU is the steadier
figure). mkdocs 1.6.1, Material 9.8.1, pymdown-extensions 13.1, jieba 0.42.1, hello-algo
28c1e74 (120 pages), ours 257 pages:

=====================  =========  ===========  ========  ==========
build                  wall s     wall ms/pg   CPU s     CPU ms/pg
=====================  =========  ===========  ========  ==========
before, ours warm      245 (2)    952          50.9 (2)  198
before, theirs         38 (2)     316          11.9 (2)   99
before, ours cold      308 (1)    1199         62.4 (1)  243
after, ours warm       97.5       379          23.2       90.4
after, theirs          53.9       449          12.8      106.9
after, ours cold       141.2      549          38.2      148.8
=====================  =========  ===========  ========  ==========

Ratio ours / theirs per page, after (commit 4a5b5c0): warm 0.85 (CPU) and 0.85 (wall); cold 1.39 (CPU) and
1.22 (wall). Before (commit c84b01b, a run stopped after two rounds to free the cores):
warm 2.0 (CPU), cold 2.45 (CPU). Medians; (n) = fewer runs.

Re-run 2026-12-03 19:02, machine idle (load 1.0), 3 rounds, hello-algo 28c1e74, before the
side work: warm 0.97 (wall) / 0.98 (CPU), cold 1.61 / 1.62 (ours warm 11.07 s, theirs 5.32 s,
ours cold 18.39 s). After it (``tools/site/side_work.py``: the search entries of uncached pages
and the math font subset in a forked worker, pandoc from a thread, jieba loaded only for a page
the cache lacks), 21:00, 2 rounds, the machine slower and noisier (theirs 7.0 and 9.3 s):
warm 0.79 (wall) / 0.82 (CPU), cold 1.04 (wall) / 1.60 (CPU: the worker's time counts, so
the cold build does as much work as before, on two cores instead of one). With one core, or
``HANDBOOK_BUILD_WORKER=0``, a cold build is as before.

Then (2026-12-03, 23:17 and 23:19, idle, two sets of 3 rounds; the calibration loop
``sum(i*i for i in range(10**7))`` took 0.56-0.77 s, the machine's faster speed): search
entries from HTML with formulas and code reduced to their text (``tools/site/search_html.py``,
same entries; a fifth of their CPU, ``bench_search_entries.py``) and the formula cache files
written after the pages. Per set: warm 0.82 / 0.88 (wall) and 0.83 / 0.90 (CPU); cold 0.95 /
1.15 (wall) and 1.44 / 1.73 (CPU). Round by round, cold wall per page against theirs in the same
round: 1.04, 1.17 (first set, rounds 2-3), 1.14, 1.27, 1.05 (second set): the cold build is still
about 1.1x theirs per page; the warm one, which the formula cache is for, stays under it.
Runs (s, wall): ours warm 10.18 11.47 12.15 and (first set, rounds 2-3) 14.58 10.41; theirs 5.19 6.06 6.60
and 6.91 5.06; ours cold 12.65 16.55 14.87 and 15.37 12.69.

Then (2026-12-04, idle, hello-algo 28c1e74): the end of the build shared with the worker
(``finish.py``: the pages' markup/CSP check, 1.3 s, and the glossary's plain parts, which cost the
main process a second load of jieba's dictionary on a cold build) and the formula cache in packs
(``math_cache.py``: one file per write instead of ~4,000, whose creation took the worker 0.4-3 s).
Three sets of 3 rounds at different machine speeds (calibration loop 0.56-0.90 s), ratio ours /
theirs per page, wall (CPU): warm 0.86 (0.95), 0.84 (0.89), 0.77 (0.83); cold 0.90 (1.49), 0.96
(1.53), 0.88 (1.40). Round by round, cold wall per page against theirs in the same round: 0.93,
0.81 | 0.96, 0.98 | 0.78, 0.94, 0.88 (the first and second sets' first rounds were not kept).
Paired with the commit before (c662aa7, same hour, one set each): cold 1.28 before, 0.98 with the
finish step only; warm 0.93 and 0.87.

Last (05:01-05:04, the machine at its fast speed, calibration 0.63-0.76 s), after the page checks
went to the worker in chunks it can take back and the Anki deck to the worker: two sets of 3
rounds, warm 0.86 (0.95) and 0.77 (0.85); cold 0.97 (1.58) and 0.97 (1.57); cold round by round
0.99, 0.91, 0.93 | 0.98, 0.97, 1.00. Runs (s, wall), second set: ours warm 9.25 9.55 10.05,
theirs 5.21 5.79 6.00, ours cold 10.90 12.05 12.81. So a cold build is at or under theirs per
page in every round measured that day, by 0-22 %, the least when the machine runs fast (the
worker's and pandoc's CPU, 1.4-1.6x the main process's, then competes with it on the second
core); a warm build, the case the formula cache is for, stays 10-25 % under.

On a new machine of the same kind later that day (11:40-12:01, idle, load average 1.5-2.1 from the
benchmark itself; main at 204e622), two sets of 3 rounds: warm 0.86 (0.96) and 0.81 (0.90); cold
0.98 (1.56) and 0.90 (1.42). Runs (s, wall), second set: ours warm 9.91 9.50 9.88, theirs 5.11
5.89 5.68, ours cold 10.65 11.62 10.99 (257 pages against 120).

What changed, from cProfile of ``mkdocs build`` (profiles in the session report):
the print page's anchor rewrite (mkdocs-print-site-plugin's regex tried from every ``<`` of
spaceless Chinese lines, 11% of a cold build) is tried only where it can match
(``tools/site/print_page.py``, same output); Material's search entries (HTML parsing + jieba,
about a third) are cached per page by content (``tools/site/search_cache.py``); the tracker
pages (pandas, a sixth of a warm build) by their inputs (``tools/site/tracker_cache.py``);
formulas go to one pandoc process per build (``tools/site/math_prefetch.py``); the markup
check counts lines only for a problem and reads each page once with the CSP step; front
matter is parsed with libyaml. Cold builds still parse and segment every page for search.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEER_CONFIG = "mkdocs.bench.yml"
PEER_PATHS = ("mkdocs.yml", "docs", "overrides")
PEER_CONFIG_EDITS = (("docs_dir: build/docs", "docs_dir: docs"), ("custom_dir: build/overrides", "custom_dir: overrides"))


@dataclass(frozen=True)
class Build:
    wall: float
    cpu: float
    pages: int


def prepare_peer(git_dir: Path, peer: Path) -> list[str]:
    """Copy hello-algo's docs, overrides and config from a (bare) git directory; returns the paths
    whose content the mirror does not hold."""
    listing = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-z", "HEAD", "--", *PEER_PATHS],
        capture_output=True, check=True,
    ).stdout.decode("utf-8")
    missing = []
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        blob = meta.split()[2]
        shown = subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "blob", blob], capture_output=True)
        if shown.returncode != 0:
            missing.append(path)
            continue
        target = peer / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shown.stdout)
    write_peer_config(peer)
    return missing


def write_peer_config(peer: Path) -> None:
    text = (peer / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in PEER_CONFIG_EDITS:
        if f"\n{old}" not in text and f"  {old}" not in text:
            raise SystemExit(f"hello-algo's mkdocs.yml no longer has {old!r}; update PEER_CONFIG_EDITS")
        text = text.replace(old, new)
    (peer / PEER_CONFIG).write_text(text, encoding="utf-8")


def timed_build(command: list[str], cwd: Path, env: dict[str, str], site_dir: Path) -> Build:
    shutil.rmtree(site_dir, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*command, "--quiet", "--site-dir", str(site_dir)], cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    pages = sum(1 for page in site_dir.rglob("*.html") if page.name != "404.html")
    return Build(wall, cpu, pages)


def per_page_ms(builds: list[Build], attribute: str) -> float:
    return statistics.median(getattr(b, attribute) / b.pages * 1000 for b in builds)


def summary(name: str, builds: list[Build]) -> str:
    walls = [b.wall for b in builds]
    return (f"{name:<11} pages {builds[0].pages:>4}  wall median {statistics.median(walls):6.2f} s "
            f"(min {min(walls):.2f}, max {max(walls):.2f}) = {per_page_ms(builds, 'wall'):6.1f} ms/page;  "
            f"CPU median {statistics.median(b.cpu for b in builds):6.2f} s = {per_page_ms(builds, 'cpu'):6.1f} ms/page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", type=Path, required=True, help="folder with hello-algo's mkdocs.yml, docs/, overrides/")
    parser.add_argument("--prepare", type=Path, help="bare git dir of hello-algo: fill --peer from its HEAD first")
    parser.add_argument("--peer-packages", type=Path, default=Path("/tmp/peer-pkgs"), help="mkdocs-glightbox installed apart")
    parser.add_argument("--ours", type=Path, default=ROOT, help="our checkout (e.g. a `git archive` of an older commit)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-cold", action="store_true", help="skip our cold builds")
    args = parser.parse_args()
    if args.prepare:
        for path in prepare_peer(args.prepare, args.peer):
            print(f"not in the mirror, skipped: {path}")
    if not (args.peer / PEER_CONFIG).is_file():
        write_peer_config(args.peer)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    peer_env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(args.peer_packages), env.get("PYTHONPATH")]))}
    mkdocs = [sys.executable, "-m", "mkdocs", "build"]
    results: dict[str, list[Build]] = {"ours warm": [], "theirs": [], "ours cold": []}
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        # One untimed build fills our cache (a warm run must not be the first build of a worktree).
        subprocess.run([*mkdocs, "--strict", "--quiet", "--site-dir", str(site)], cwd=args.ours, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for run in range(1, args.runs + 1):
            plan = [
                ("ours warm", [*mkdocs, "--strict"], args.ours, env),
                ("theirs", [*mkdocs, "--config-file", PEER_CONFIG], args.peer, peer_env),
            ]
            if not args.no_cold:
                cold = Path(temporary) / f"cold-cache-{run}"
                plan.append(("ours cold", [*mkdocs, "--strict"], args.ours, {**env, "HANDBOOK_CACHE": str(cold)}))
            for name, command, cwd, build_env in plan:
                load = os.getloadavg()[0]
                build = timed_build(command, cwd, build_env, site)
                results[name].append(build)
                print(f"run {run} {name:<9}: {build.wall:6.2f} s wall, {build.cpu:6.2f} s CPU, {build.pages} pages, "
                      f"load before {load:.1f}", flush=True)
    print()
    for name, builds in results.items():
        if builds:
            print(summary(name, builds))
    theirs = results["theirs"]
    for name in ("ours warm", "ours cold"):
        if results[name]:
            print(f"ratio {name} / theirs per page: wall {per_page_ms(results[name], 'wall') / per_page_ms(theirs, 'wall'):.2f}, "
                  f"CPU {per_page_ms(results[name], 'cpu') / per_page_ms(theirs, 'cpu'):.2f}")


if __name__ == "__main__":
    main()
