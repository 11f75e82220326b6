"""Fixtures shared by the whole suite: a built site, a local web server and headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# No per-example deadline: a loaded 2-core CI machine must not turn slow examples into failures.
hypothesis_settings.register_profile("handbook", deadline=None)
hypothesis_settings.load_profile("handbook")

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO_ROOT / "tests" / ".artifacts"
CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Host resolution disabled: any request to another host fails instead of leaving the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str  # everything mkdocs printed


def build_site(destination: Path, env: dict[str, str] | None = None) -> BuiltSite:
    """Run ``mkdocs build --strict`` as a user would; fail the test with mkdocs' output on error."""
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destination)],
        cwd=REPO_ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{completed.stdout}\n{completed.stderr}", pytrace=False)
    return BuiltSite(destination, completed.stdout + completed.stderr)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site built once per test session.

    HANDBOOK_TEST_SITE=path reuses an existing build while iterating on browser tests; CI
    always builds (tests/site/test_build.py checks the strict build itself).
    """
    reuse = os.environ.get("HANDBOOK_TEST_SITE")
    if reuse and not IN_CI:
        return BuiltSite(Path(reuse), "")
    return build_site(tmp_path_factory.mktemp("site") / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """``directory`` served over http on a free loopback port, as ``http://127.0.0.1:PORT/``."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    """The built site served over http on a free loopback port."""
    with serve_directory(built_site.path) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright, with every host name unresolvable.

    Outside CI a machine without Chromium skips browser tests; under CI=true they must run.
    """
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set HANDBOOK_CHROMIUM)"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=BROWSER_ARGS,
        )
        yield chromium
        chromium.close()


def copy_tree(source: Path, destination: Path) -> Path:
    shutil.copytree(source, destination)
    return destination


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path in the site."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def differing_files(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


# Figures that tests measure (search hit@k, inventory coverage) are printed at the end of every
# run, passing or not, so CI logs show them without -s.
_SUMMARY: list[str] = []


@pytest.fixture(scope="session")
def summary_lines() -> list[str]:
    return _SUMMARY


def pytest_sessionfinish(session) -> None:
    """On a pytest-xdist worker: hand the measured lines to the controller, which prints them."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["handbook_summary"] = list(_SUMMARY)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:  # noqa: ARG001 - pytest-xdist hook signature
    _SUMMARY.extend(getattr(node, "workeroutput", {}).get("handbook_summary", []))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001 - pytest hook signature
    if _SUMMARY:
        terminalreporter.section("measured")
        for line in _SUMMARY:
            terminalreporter.write_line(line)
