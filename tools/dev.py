"""Set up and run the project with nothing but Python 3.11+: the README's two commands.

    python3 tools/dev.py serve   # create .venv, install requirements.txt, serve the site on the demo data
    python3 tools/dev.py test    # create .venv, install requirements-test.txt, run every test

Extra arguments go to ``mkdocs serve`` or ``pytest``; ``test`` runs pytest on one worker
per core (at most four, see :func:`parallel_options`). Installs are skipped when the
requirements file has not changed since the last successful install.

``serve`` rebuilds only what a change touches (``--dirty`` and ``tools/site/quick_rebuild.py``):
after a saved page only that page; after a saved tracker file no build at all, only the
dashboards whose Markdown changed are rendered again (``tools/site/data_reload.py``), those
open in a browser first, and the open page reloads by itself (``tools/site/open_pages.py``).
The data folder is polled every 0.03 s (the other trees every 0.2 s). A CSV save costs about
0.4-0.6 s of CPU on the demo data (main before: 0.8-0.9 s in the same runs;
``tests/bench/bench_fast_update.py``): unchanged tables, company pages and 面经 previews come from
memos keyed by their inputs, and the search entries of the updated pages are made after the reload.
On an idle 2-core machine the open page shows it after a median of 0.56-0.64 s per run when the
machine runs fast, 0.74-1.13 s when it runs about twice as slow (before these cuts 0.77-0.83 and
1.04-1.29 s; 12.3 s before the fast path; ``tests/bench/bench_live_reload.py``, 2026-12-03); the
tracker's load and validation, the overview and the pages' Markdown are what is left. Warnings are printed but do not stop the
server. The print page is written by the first build only; it and the sidebar of untouched pages may lag until a restart.
``serve --full`` rebuilds everything on every change, strictly, as CI and GitHub Pages do.

On Linux and macOS the final command replaces this process (``exec``), so Ctrl-C or a
``kill`` reaches ``mkdocs serve`` itself and no server is left running; on Windows it runs as
a child that gets the same signals forwarded. Before serving, the address is checked: a port
already in use gives one line saying so and how to choose another.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(os.environ.get("HANDBOOK_VENV", ROOT / ".venv"))
REQUIREMENTS = {"serve": ROOT / "requirements.txt", "test": ROOT / "requirements-test.txt"}
DEFAULT_ADDRESS = "127.0.0.1:8000"  # mkdocs serve's default (mkdocs.yml sets no dev_addr)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment(requirements: Path) -> Path:
    if sys.version_info < (3, 11):
        sys.exit(f"需要 Python 3.11 或更新版本 Python 3.11+ required, found {sys.version.split()[0]}")
    python = venv_python()
    if not python.exists():
        print(f"创建虚拟环境 creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = _requirements_digest(requirements)
    stamp = VENV / f".installed-{requirements.stem}"
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != digest:
        print(f"安装依赖 installing {requirements.name}", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(requirements)], check=True, cwd=ROOT)
        stamp.write_text(digest, encoding="utf-8")
    return python


def _requirements_digest(requirements: Path) -> str:
    """Hash of a requirements file and the files it includes with ``-r``."""
    digest = hashlib.sha256()
    for line in requirements.read_text(encoding="utf-8").splitlines():
        digest.update(line.encode("utf-8"))
        if line.startswith("-r "):
            digest.update(_requirements_digest(requirements.parent / line[3:].strip()).encode("ascii"))
    return digest.hexdigest()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in REQUIREMENTS:
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    if command == "serve":
        host, port = dev_address(extra)
        if not address_free(host, port):
            print(address_in_use_message(host, port), file=sys.stderr)
            return 1
    python = ensure_environment(REQUIREMENTS[command])
    run, env_overrides = command_line(command, str(python), extra)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **env_overrides}
    return run_command(run, env)


def run_command(run: list[str], env: dict[str, str], replace: bool | None = None) -> int:
    """Run the final command so that signals reach it.

    ``replace`` (default: on POSIX) execs it in place of this process; otherwise it runs as a
    child and SIGINT / SIGTERM (SIGBREAK on Windows) sent to this process are passed on, and
    this process waits for the child to end.
    """
    if os.name == "posix" if replace is None else replace:
        sys.stdout.flush()
        sys.stderr.flush()
        os.chdir(ROOT)
        os.execve(run[0], run, env)
    child = subprocess.Popen(run, cwd=ROOT, env=env)
    names = ("SIGINT", "SIGTERM", "SIGBREAK", "SIGHUP")
    signals = [getattr(signal, name) for name in names if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, lambda signum, _frame: child.send_signal(signum)) for sig in signals}
    try:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:  # a handler was replaced after all: still wait for the child
                continue
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def dev_address(extra: list[str]) -> tuple[str, int]:
    """The host and port ``mkdocs serve`` will bind, from ``-a`` / ``--dev-addr`` or the default.

    >>> dev_address([]), dev_address(["-a", "0.0.0.0:8001"]), dev_address(["--dev-addr=localhost:9000", "--full"])
    (('127.0.0.1', 8000), ('0.0.0.0', 8001), ('localhost', 9000))
    """
    address = DEFAULT_ADDRESS
    for i, arg in enumerate(extra):
        if arg in ("-a", "--dev-addr") and i + 1 < len(extra):
            address = extra[i + 1]
        elif arg.startswith(("--dev-addr=", "-a=")):
            address = arg.split("=", 1)[1]
        elif re.fullmatch(r"-a\S+", arg):
            address = arg[2:]
    host, _, port = address.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port) if port.isdigit() else 8000


def address_free(host: str, port: int) -> bool:
    """Whether a server could bind ``host:port`` now (as mkdocs does: address reuse allowed)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except OSError:
        return True  # let mkdocs report an unknown host itself
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if os.name == "posix":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def address_in_use_message(host: str, port: int) -> str:
    """One line: which port is taken and the command that serves on the next one.

    >>> address_in_use_message("127.0.0.1", 8000)
    '端口 8000 已被占用 port 8000 on 127.0.0.1 is already in use (another mkdocs serve?): 换一个端口 choose another one, e.g. python3 tools/dev.py serve -a 127.0.0.1:8001'
    """
    return (
        f"端口 {port} 已被占用 port {port} on {host} is already in use (another mkdocs serve?): "
        f"换一个端口 choose another one, e.g. python3 tools/dev.py serve -a {host}:{port + 1}"
    )


def command_line(command: str, python: str, extra: list[str]) -> tuple[list[str], dict[str, str]]:
    """The command to run and the environment it needs.

    >>> command_line("serve", "py", ["-a", "0.0.0.0:8000"])
    (['py', '-m', 'mkdocs', 'serve', '--livereload', '--dirty', '-a', '0.0.0.0:8000'], {'HANDBOOK_STRICT': 'false'})
    >>> command_line("serve", "py", ["--full"])
    (['py', '-m', 'mkdocs', 'serve', '--livereload'], {})
    >>> command_line("test", "py", ["-k", "math", "-n", "0"])
    (['py', '-m', 'pytest', '-k', 'math', '-n', '0'], {})
    """
    if command == "test":
        return [python, "-m", "pytest", *parallel_options(extra, os.cpu_count() or 1), *extra], {}
    if "--full" in extra:
        return [python, "-m", "mkdocs", "serve", "--livereload", *(a for a in extra if a != "--full")], {}
    return [python, "-m", "mkdocs", "serve", "--livereload", "--dirty", *extra], {"HANDBOOK_STRICT": "false"}


def parallel_options(extra: list[str], cpus: int) -> list[str]:
    """pytest-xdist options: one worker per core, at most four (each may run a site build and a Chromium).

    ``--dist loadscope`` keeps a test module on one worker, so a module's own site build is done once.
    Passing ``-n``/``--numprocesses`` (``-n 0`` for none) or ``-p no:xdist`` overrides this.

    >>> parallel_options([], 2), parallel_options([], 16), parallel_options([], 1)
    (['-n', '2', '--dist', 'loadscope'], ['-n', '4', '--dist', 'loadscope'], [])
    >>> parallel_options(["-n", "0"], 8), parallel_options(["--numprocesses=3"], 8), parallel_options(["-p", "no:xdist"], 8)
    ([], [], [])
    """
    chosen = any(a == "no:xdist" or a.startswith(("-n", "--numprocesses")) for a in extra)
    workers = min(cpus, 4)
    return [] if chosen or workers < 2 else ["-n", str(workers), "--dist", "loadscope"]


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as error:
        sys.exit(f"命令失败 command failed ({error.returncode}): {' '.join(map(str, error.cmd))}")
    except KeyboardInterrupt:
        sys.exit(130)
