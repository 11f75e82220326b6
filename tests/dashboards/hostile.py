"""A tracker data folder whose every field holds an injection payload (written into a temp dir).

The payloads attack the *context* around a value, not just the value: they close the element
or comment they might land in (``</title>``, ``</script>``, ``</style>``, ``</textarea>``,
``-->``, ``]]>``), leave an attribute (``"'><``), smuggle a scheme past a filter
(``java&#x09;script:``, ``data:``, ``vbscript:``), reverse the text around them (bidi
overrides), carry NUL and other control characters, or are 10,000 characters long. They sit
in every free-text field of applications, history, interviews and offers, in the labels of
``settings.yaml`` (stages, outcomes, aliases, controlled lists) and in a topic id of
``topics.yaml``. Typed fields (dates, numbers) hold valid values so that a strict build
passes; :func:`write_hostile` with ``typed=True`` puts payloads there too (the build then
reports errors, and the generator must still write inert pages).
"""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from tools.tracker.paths import DEFAULT_SETTINGS, REPO_ROOT

LONG = ("长<b>\"'&" * 1250)[:10_000]
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1))",
    "{{ 7*7 }}",
    "{% raw %}",
    "a|b\nc",
    "{: onclick=alert(1) }",
    "--8<-- \"mkdocs.yml\"",
    "T</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "--><script>alert(1)</script><!--",
    "]]><script>alert(1)</script>",
    "\"'><svg onload=alert(1)>",
    "java&#x09;script:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "\u202egnp.exe\u202c \u2066<b>\u2069 \u200b",
    "nul\x00bell\x07esc\x1b[31mdel\x7f",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    LONG,
]
URLS = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " JavaScript:alert(1)",
    "https://example.com/?q=\"><script>alert(1)</script>",
    "java&#x09;script:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "https://example.com/\"onmouseover=\"alert(1)",
]
# Labels in settings.yaml are data too: a stage, an outcome, an alias and list values.
HOSTILE_STAGE = "一面</title><script>alert(1)</script>"
HOSTILE_OUTCOME = "挂\"><img src=x onerror=alert(1)>"
HOSTILE_ALIAS = "`</code><script>alert(1)</script>"
HOSTILE_TOPIC = "A05\"><img src=x onerror=alert(1)>"
LIST_NAMES = ("seasons", "batches", "directions", "channels", "interview_kinds", "interview_formats", "interview_results", "cities")
# A payload for each controlled list, chosen so the list (and the filters built from it) differ.
HOSTILE_CHOICE = {name: f"{name}</title>\"'><script>alert(1)</script>" for name in LIST_NAMES}
APP_HEADER = ["id", "company", "role", "city", "applied", "stage", "outcome", "department", "direction", "season",
              "batch", "channel", "referral_code", "link", "deadline", "next_step", "next_at", "priority", "tags", "contact", "notes"]


def hostile_settings() -> dict:
    """The demo settings plus a hostile stage, outcome, alias and value in every controlled list."""
    raw = yaml.safe_load(DEFAULT_SETTINGS.read_text(encoding="utf-8"))
    at = next(i for i, s in enumerate(raw["stages"]) if s["key"] == "一面")
    raw["stages"].insert(at + 1, {"key": HOSTILE_STAGE, "en": PAYLOADS[1], "phase": "面试", "terminal": False})
    raw["outcomes"].append({"key": HOSTILE_OUTCOME, "en": PAYLOADS[14], "terminal": True})
    raw["aliases"][HOSTILE_ALIAS] = {"stage": HOSTILE_STAGE}
    for name, value in HOSTILE_CHOICE.items():
        raw[name] = [*raw[name], value]
    return raw


def _topics() -> dict:
    raw = yaml.safe_load((REPO_ROOT / "data" / "topics.yaml").read_text(encoding="utf-8"))
    raw["topics"].append({"id": HOSTILE_TOPIC, "title": PAYLOADS[8]})
    return raw


def _csv_safe(value: object) -> object:
    """CSV files with NUL bytes are rejected as "not text" (an error), so CSV cells carry U+0001 instead."""
    return value.replace("\x00", "\x01") if isinstance(value, str) else value


def write_hostile(target: Path, typed: bool = False) -> Path:
    """Applications whose fields all carry payloads; valid dates, numbers and stages so it builds
    (unless ``typed``: then dates, numbers and stage cells carry payloads as well)."""
    target.mkdir(parents=True, exist_ok=True)
    (target / "settings.yaml").write_text(yaml.safe_dump(hostile_settings(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    (target / "topics.yaml").write_text(yaml.safe_dump(_topics(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    stages = ["一面", "已投递", "OC", "笔试/机试", HOSTILE_STAGE, HOSTILE_ALIAS]
    rows = []
    for i, payload in enumerate(PAYLOADS):
        choice = (lambda name: HOSTILE_CHOICE[name] if i % 3 == 0 else payload if i % 3 == 1 else None)
        rows.append({
            "id": _csv_safe(f"h{i}{payload[:40]}"), "company": f"{payload} 公司{i}", "role": payload,
            "city": choice("cities") or "北京", "applied": payload if typed else "2026-09-01",
            "stage": payload if typed else stages[i % len(stages)], "outcome": HOSTILE_OUTCOME if i % 5 == 4 else "",
            "department": payload,
            # Several seasons and payload directions: the 总览 filter lists them as options.
            "direction": choice("directions") or "LLM", "season": choice("seasons") or ["秋招", "实习"][i % 2],
            "batch": choice("batches") or "正式批", "channel": choice("channels") or "官网", "referral_code": payload,
            "link": URLS[i % len(URLS)], "deadline": payload if typed else "2026-11-28", "next_step": payload,
            "next_at": payload if typed else "2026-11-25 10:00", "priority": payload if typed else "1",
            "tags": payload, "contact": payload, "notes": payload,
        })
    with (target / "applications.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=APP_HEADER)
        writer.writeheader()
        writer.writerows({k: _csv_safe(v) for k, v in row.items()} for row in rows)
    with (target / "history.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["application", "date", "stage", "outcome", "attempt", "note"])
        for i, payload in enumerate(PAYLOADS):
            first = [rows[i]["id"], "2026-09-01", "已投递", "", "", payload]
            second = [rows[i]["id"], payload if typed else "2026-11-20", rows[i]["stage"], rows[i]["outcome"], payload if typed else "", payload]
            writer.writerow([_csv_safe(v) for v in first])
            writer.writerow([_csv_safe(v) for v in second])
    interviews = [
        {"id": f"iv{i}{payload[:40]}", "application": rows[i]["id"], "round": HOSTILE_STAGE if i % 2 else "一面",
         "kind": HOSTILE_CHOICE["interview_kinds"] if i % 2 else payload, "at": payload if typed else "2026-11-20 10:00",
         "duration": payload if typed else 60, "format": HOSTILE_CHOICE["interview_formats"] if i % 2 else payload,
         "questions": payload, "topics": [HOSTILE_TOPIC, "A05"] if i % 2 else ["A05"], "coding": [payload],
         "self_rating": payload if typed else 3, "result": HOSTILE_CHOICE["interview_results"] if i % 2 else payload,
         "stuck": payload, "stuck_cause": payload, "notes": payload}
        for i, payload in enumerate(PAYLOADS)
    ]
    (target / "interviews.yaml").write_text(yaml.safe_dump(interviews, allow_unicode=True), encoding="utf-8")
    with (target / "offers.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["application", "level", "monthly_base", "months", "sign_on", "stock_total", "vesting", "housing", "hukou", "reply_by", "notes"])
        for i in (2, 8, 9):
            money = PAYLOADS[i] if typed else "30000"
            writer.writerow([_csv_safe(v) for v in [rows[i]["id"], PAYLOADS[i], money, PAYLOADS[i] if typed else "15", money, money,
                             PAYLOADS[i] if typed else "25/25/25/25", money, PAYLOADS[i + 1], PAYLOADS[i] if typed else "2026-11-30", PAYLOADS[i + 2]]])
    return target
