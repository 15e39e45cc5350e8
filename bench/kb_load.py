"""What loading the actor knowledge base costs: in fresh processes, the CPU time and resident
memory that the seed KB (with its name skeletons, made when a first name is not found as spelled) and
the word tables add (the component's share of pipeline time is measured by
bench/components.py).

    .venv/bin/python bench/kb_load.py
"""

from __future__ import annotations

import subprocess
import sys

LOAD = """
import time
import eventwire.nlp.pipeline  # spaCy and the eventwire modules, as a run has them

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20

before = rss()
t = time.process_time()
from eventwire.kb.base import seed
from eventwire.kb.lexicons import lexicons
seed()._sounds(); lexicons()
print(time.process_time() - t, rss() - before)
"""


def main() -> None:
    loads = [subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True).stdout.split()
             for _ in range(3)]
    seconds = sorted(float(x[0]) for x in loads)[1]
    mb = sorted(float(x[1]) for x in loads)[1]
    print(f"seed KB and lexicons load: {seconds:.2f} s, +{mb:.0f} MB resident (median of 3 fresh processes)")


if __name__ == "__main__":
    main()
