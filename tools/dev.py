"""Set up and run the project with nothing but Python 3.11+: the README's two commands.

    python3 tools/dev.py serve   # create .venv, install requirements.txt, serve the site on the demo data
    python3 tools/dev.py test    # create .venv, install requirements-test.txt, run every test

Extra arguments go to ``mkdocs serve`` or ``pytest``. Installs are skipped when the
requirements file has not changed since the last successful install.

``serve`` rebuilds only what changed (``--dirty``), so saving a tracker CSV shows on the page in
about two seconds instead of a full rebuild; warnings are printed but do not stop the server.
The print page and the sidebar of untouched pages may lag until a restart.
``serve --full`` rebuilds everything on every change, strictly, as CI and GitHub Pages do.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(os.environ.get("HANDBOOK_VENV", ROOT / ".venv"))
REQUIREMENTS = {"serve": ROOT / "requirements.txt", "test": ROOT / "requirements-test.txt"}


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
    python = ensure_environment(REQUIREMENTS[command])
    run, env_overrides = command_line(command, str(python), extra)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **env_overrides}
    return subprocess.run(run, cwd=ROOT, env=env, check=False).returncode


def command_line(command: str, python: str, extra: list[str]) -> tuple[list[str], dict[str, str]]:
    """The command to run and the environment it needs.

    >>> command_line("serve", "py", ["-a", "0.0.0.0:8000"])
    (['py', '-m', 'mkdocs', 'serve', '--livereload', '--dirty', '-a', '0.0.0.0:8000'], {'HANDBOOK_STRICT': 'false'})
    >>> command_line("serve", "py", ["--full"])
    (['py', '-m', 'mkdocs', 'serve', '--livereload'], {})
    >>> command_line("test", "py", ["-k", "math"])
    (['py', '-m', 'pytest', '-k', 'math'], {})
    """
    if command == "test":
        return [python, "-m", "pytest", *extra], {}
    if "--full" in extra:
        return [python, "-m", "mkdocs", "serve", "--livereload", *(a for a in extra if a != "--full")], {}
    return [python, "-m", "mkdocs", "serve", "--livereload", "--dirty", *extra], {"HANDBOOK_STRICT": "false"}


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as error:
        sys.exit(f"命令失败 command failed ({error.returncode}): {' '.join(map(str, error.cmd))}")
    except KeyboardInterrupt:
        sys.exit(130)
