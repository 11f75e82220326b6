"""tools/dev.py serve: signals reach the server, a busy port gives one clear line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tools import dev

pytestmark = pytest.mark.skipif(os.name != "posix", reason="sends POSIX signals")

# A stand-in for "mkdocs serve": writes its pid, then serves (sleeps) until a signal ends it.
SERVER = "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(120)"


def _launcher(pid_file: Path, replace: bool) -> subprocess.Popen:
    """A process that runs tools.dev.run_command on the stand-in server, as dev.py serve does."""
    # Signals as a terminal leaves them: a suite run under nohup, or as a background job of a
    # script, hands SIGHUP / SIGINT down as ignored, and an ignored signal never reaches the server.
    code = textwrap.dedent(f"""
        import os, signal, sys
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        from tools import dev
        sys.exit(dev.run_command([sys.executable, "-c", {SERVER!r}, {str(pid_file)!r}], dict(os.environ), replace={replace}))
    """)
    return subprocess.Popen([sys.executable, "-c", code], cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (ended, not yet reaped by its parent) no longer serves.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(")")[-1].split()[0] == "Z")


def _server_pid(pid_file: Path) -> int:
    for _ in range(200):
        if pid_file.exists() and pid_file.read_text():
            return int(pid_file.read_text())
        time.sleep(0.05)
    raise AssertionError("the stand-in server did not start")


@pytest.mark.parametrize("replace", [True, False], ids=["exec", "child"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_dev_run_command_signal_stops_the_server(tmp_path: Path, replace: bool, signum: int) -> None:
    launcher = _launcher(tmp_path / "pid", replace)
    server = _server_pid(tmp_path / "pid")
    assert (server == launcher.pid) is replace  # exec: the server *is* the launched process
    launcher.send_signal(signum)
    launcher.wait(timeout=20)
    deadline = time.monotonic() + 10
    while _alive(server) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(server)


def test_dev_address_in_use_gives_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert not dev.address_free("127.0.0.1", port)
        assert dev.main(["serve", "-a", f"127.0.0.1:{port}"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"端口 {port} 已被占用 port {port} on 127.0.0.1 is already in use (another mkdocs serve?): "
        f"换一个端口 choose another one, e.g. python3 tools/dev.py serve -a 127.0.0.1:{port + 1}\n"
    )


def test_dev_address_free_after_the_server_closed() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert dev.address_free("127.0.0.1", port)


def test_dev_address_forms() -> None:
    assert dev.dev_address(["-a", "[::1]:8002"]) == ("::1", 8002)
    assert dev.dev_address(["-a127.0.0.1:8003"]) == ("127.0.0.1", 8003)
    assert dev.dev_address(["--full", "--dev-addr", "0.0.0.0:8004"]) == ("0.0.0.0", 8004)
