"""What opening the gazetteer costs: time and memory of opening it and the first lookup (the places
component's share of pipeline time is measured by bench/components.py).

    python bench/gazetteer_load.py
"""

from __future__ import annotations

import resource
import time


def main() -> None:
    from eventwire.kb.gazetteer import gazetteer

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    gazetteer().lookup("Paris")
    load = time.perf_counter() - t0
    rss_load = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
    print(f"gazetteer open + first lookup: {load:.3f} s, +{rss_load:.0f} MB peak RSS")


if __name__ == "__main__":
    main()
