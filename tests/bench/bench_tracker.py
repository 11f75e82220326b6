"""Benchmark (not a test): read + validate a large generated tracker.

Generates N applications, 5·N history rows and N/2 interview rounds, times
``load_tracker`` against a bare ``pandas.read_csv`` of the same files, prints
seconds, peak traced memory, the ratio, and the growth from N/10 to N rows.

    .venv/bin/python tests/bench/bench_tracker.py [N]
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from tools.tracker.tracker import load_tracker  # noqa: E402

TODAY = date(2026, 11, 23)
COMPANIES = ["字节跳动", "腾讯", "阿里巴巴", "美团", "京东", "百度", "快手", "小红书", "华为", "小米", "网易", "蚂蚁集团"]
CITIES = ["北京", "上海", "深圳", "杭州", "广州", "成都"]
PATH = ["已投递", "笔试/机试", "一面", "二面", "三面/终面", "HR面", "OC"]


def generate(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = date(2026, 7, 1)
    apps, hist, ivs = [], [], []
    for i in range(n):
        applied = start + timedelta(days=rng.randrange(100))
        steps = 5  # 5 history rows per application
        day = applied
        for k in range(steps):
            hist.append([f"a{i}", day.isoformat(), PATH[k], "挂" if k == steps - 1 and i % 3 == 0 else "", ""])
            day += timedelta(days=rng.randrange(1, 6))
        apps.append([f"a{i}", rng.choice(COMPANIES), f"算法工程师{i % 50}", "/".join(rng.sample(CITIES, 2)), applied.isoformat(), PATH[steps - 1], "挂" if i % 3 == 0 else "", rng.choice(["提前批", "正式批"]), "秋招", rng.choice(["官网", "内推"])])
        if i % 2 == 0:
            ivs.append([f"i{i}", f"a{i}", "一面", "技术面", f"{(applied + timedelta(days=3)).isoformat()} 14:00", "60", "A01/A05", "LC3", "4", "通过"])
    for name, header, rows in (
        ("applications.csv", ["id", "company", "role", "city", "applied", "stage", "outcome", "batch", "season", "channel"], apps),
        ("history.csv", ["application", "date", "stage", "outcome", "note"], hist),
        ("interviews.csv", ["id", "application", "round", "kind", "at", "duration", "topics", "coding", "self_rating", "result"], ivs),
    ):
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)


def bare_read(folder: Path) -> None:
    for name in ("applications.csv", "history.csv", "interviews.csv"):
        pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def best_of(fn, repeat: int = 3) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def measure(n: int) -> tuple[float, float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, n)
        bare = best_of(lambda: bare_read(folder))
        ours = best_of(lambda: load_tracker(folder, today=TODAY))
        tracemalloc.start()
        t = load_tracker(folder, today=TODAY)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows = len(t.applications) + len(t.history) + len(t.interviews)
        return ours, bare, peak / 2**20, rows


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    small = measure(n // 10)
    big = measure(n)
    for label, (ours, bare, peak, rows) in (("N/10", small), ("N", big)):
        print(f"{label:>5}: {rows:>7} rows  load+validate {ours:7.3f} s  bare read_csv {bare:7.3f} s  ratio {ours / bare:5.1f}x  peak traced memory {peak:7.1f} MiB")
    print(f"growth for 10x rows: {big[0] / small[0]:.1f}x time (target <= 12x); ratio target <= 5x")


if __name__ == "__main__":
    main()
