"""Benchmark (not a test): time and page weight of the tracker dashboards.

    .venv/bin/python tests/bench/bench_dashboards.py            # generation only
    .venv/bin/python tests/bench/bench_dashboards.py --build    # plus a full mkdocs build per data set

Data sets: the demo in data/ and a synthetic 5,000 applications over 2,000 companies,
written to a temporary folder with a fixed seed.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tools.dashboards.site import generate_tracker_site  # noqa: E402

TODAY = date(2026, 11, 23)
STAGES = ["已投递", "简历筛选", "笔试/机试", "一面", "二面", "三面/终面", "HR面", "OC"]
OUTCOMES = ["", "", "挂", "挂", "无回应"]


def synthetic(target: Path, applications: int = 5000, companies: int = 2000, seed: int = 7) -> Path:
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    names = [f"合成公司{i:04d}" for i in range(companies)]
    with (target / "applications.csv").open("w", encoding="utf-8", newline="") as apps, (target / "history.csv").open("w", encoding="utf-8", newline="") as hist:
        a = csv.writer(apps)
        h = csv.writer(hist)
        a.writerow(["id", "company", "role", "city", "applied", "stage", "outcome", "direction", "season", "batch", "channel"])
        h.writerow(["application", "date", "stage", "outcome"])
        for i in range(applications):
            applied = date(2026, 7, 1) + timedelta(days=rng.randrange(120))
            depth = rng.choices(range(len(STAGES)), weights=[30, 20, 15, 12, 9, 6, 5, 3])[0]
            outcome = rng.choice(OUTCOMES) if depth < len(STAGES) - 1 else ""
            app_id = f"s{i:05d}"
            a.writerow([app_id, names[i % companies], rng.choice(["算法工程师", "大模型算法工程师", "推荐算法工程师"]),
                        rng.choice(["北京", "上海", "深圳", "杭州"]), applied.isoformat(), STAGES[depth], outcome,
                        rng.choice(["LLM", "CV", "搜广推", "NLP"]), "秋招", rng.choice(["提前批", "正式批"]), rng.choice(["官网", "内推", "牛客"])])
            day = applied
            for k in range(depth + 1):
                day = min(day + timedelta(days=rng.randrange(1, 12)), TODAY) if k else applied
                h.writerow([app_id, day.isoformat(), STAGES[k], outcome if k == depth else ""])
    return target


def weigh(label: str, data: Path, build: bool) -> None:
    start = time.perf_counter()
    generated = generate_tracker_site(data, public=False, anonymise=False, today=TODAY)
    seconds = time.perf_counter() - start
    sizes = {path: len(text.encode("utf-8")) for path, text in generated.pages.items()}
    biggest = sorted(sizes.items(), key=lambda kv: -kv[1])[:4]
    print(f"{label}: {len(generated.pages)} pages generated in {seconds:.2f} s; Markdown total {sum(sizes.values()) / 1e6:.2f} MB")
    for path, size in biggest:
        print(f"    {path}: {size / 1024:.0f} KB")
    if build:
        with tempfile.TemporaryDirectory() as site:
            env = {**os.environ, "HANDBOOK_DATA": str(data), "HANDBOOK_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", site], cwd=REPO, env=env, check=False)
            seconds = time.perf_counter() - start
            tracker = Path(site) / "tracker"
            html = {p: p.stat().st_size for p in tracker.rglob("*.html")}
            top = sorted(html.items(), key=lambda kv: -kv[1])[:4]
            print(f"    full mkdocs build {seconds:.1f} s; tracker HTML {sum(html.values()) / 1e6:.1f} MB in {len(html)} files")
            for path, size in top:
                print(f"    {path.relative_to(site)}: {size / 1024:.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="also run a full mkdocs build for each data set")
    args = parser.parse_args()
    weigh("demo data/", REPO / "data", args.build)
    with tempfile.TemporaryDirectory() as tmp:
        weigh("synthetic 5,000 applications / 2,000 companies", synthetic(Path(tmp) / "data"), args.build)


if __name__ == "__main__":
    main()
