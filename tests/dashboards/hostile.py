"""A tracker data folder whose every field holds an injection payload (written into a temp dir)."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

LONG = "长" * 5000
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1))",
    "{{ 7*7 }}",
    "{% raw %}",
    "a|b\nc",
    "{: onclick=alert(1) }",
    "--8<-- \"mkdocs.yml\"",
    LONG,
]
URLS = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", " JavaScript:alert(1)", "https://example.com/?q=\"><script>alert(1)</script>"]


def write_hostile(target: Path) -> Path:
    """Applications whose text fields all carry payloads; valid dates and stages so it builds."""
    target.mkdir(parents=True, exist_ok=True)
    header = ["id", "company", "role", "city", "applied", "stage", "outcome", "department", "direction", "season",
              "batch", "channel", "referral_code", "link", "deadline", "next_step", "next_at", "priority", "tags", "contact", "notes"]
    rows = []
    for i, payload in enumerate(PAYLOADS):
        rows.append({
            "id": f"h{i}", "company": f"{payload} 公司{i}", "role": payload, "city": "北京", "applied": "2026-09-01",
            "stage": ["一面", "已投递", "OC", "笔试/机试"][i % 4], "outcome": "", "department": payload,
            # Two seasons and payload directions: the 总览 filter lists them as options.
            "direction": payload if i % 2 else "LLM", "season": ["秋招", "实习"][i % 2],
            "batch": "正式批", "channel": "官网", "referral_code": payload, "link": URLS[i % len(URLS)],
            "deadline": "2026-11-28", "next_step": payload, "next_at": "2026-11-25 10:00", "priority": "1", "tags": "",
            "contact": payload, "notes": payload,
        })
    with (target / "applications.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    with (target / "history.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["application", "date", "stage", "outcome", "note"])
        for i, payload in enumerate(PAYLOADS):
            writer.writerow([f"h{i}", "2026-09-01", "已投递", "", payload])
            writer.writerow([f"h{i}", "2026-11-20", rows[i]["stage"], "", payload])
    interviews = [
        {"id": f"iv{i}", "application": f"h{i}", "round": "一面", "kind": "技术面", "at": "2026-11-20 10:00", "duration": 60,
         "questions": payload, "topics": ["A05"], "coding": [payload], "stuck": payload, "stuck_cause": payload, "notes": payload}
        for i, payload in enumerate(PAYLOADS)
    ]
    (target / "interviews.yaml").write_text(yaml.safe_dump(interviews, allow_unicode=True), encoding="utf-8")
    with (target / "offers.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["application", "level", "hukou", "reply_by", "monthly_base", "months", "notes"])
        writer.writerow(["h2", PAYLOADS[0], PAYLOADS[2], "2026-11-30", "30000", "15", PAYLOADS[1]])
    return target
