"""Offers side by side, with the derived totals from ``tools.tracker.offers``."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .slugs import company_slug

MONEY = (
    ("monthly_base", "月薪"),
    ("months", "薪数"),
    ("annual_base", "年 base"),
    ("sign_on", "签字费"),
    ("housing", "房补/年"),
    ("stock_total", "股票总额"),
    ("first_year_cash", "首年现金"),
    ("annual_total", "年化总包"),
)


def money(value: object) -> str:
    """
    >>> money(512000.0), money(16), money(float("nan"))
    ('51.2 万', '16', '')
    """
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, (int,)) or (hasattr(value, "is_integer") and float(value) < 100):
        return f"{int(value)}"
    return f"{float(value) / 10000:.1f} 万"


@dataclass(frozen=True)
class OfferRow:
    company: str
    slug: str
    role: str
    level: str
    hukou: str
    reply_by: str
    figures: list[tuple[str, str]]  # label, formatted amount ('' when unknown or private)
    first_year_cash: float | None
    annual_total: float | None


def _num(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def offer_rows(apps: pd.DataFrame, offers: pd.DataFrame, public: bool = False) -> list[OfferRow]:
    """One row per offer, best annualised total first (unknown totals last).

    ``public`` leaves out every amount and total (pay is private), even if present.
    """
    if offers.empty:
        return []
    info = apps.set_index("id")[["company", "role"]].to_dict("index")
    rows = []
    for o in offers.itertuples(index=False):
        app = info.get(o.application)
        if app is None:
            continue
        figures = [] if public else [(label, money(getattr(o, col, None))) for col, label in MONEY]
        rows.append(
            OfferRow(
                app["company"],
                company_slug(app["company"]),
                app["role"] if isinstance(app["role"], str) else "",
                o.level if isinstance(getattr(o, "level", None), str) else "",
                o.hukou if isinstance(getattr(o, "hukou", None), str) else "",
                o.reply_by.date().isoformat() if pd.notna(getattr(o, "reply_by", pd.NaT)) else "",
                figures,
                None if public else _num(getattr(o, "first_year_cash", None)),
                None if public else _num(getattr(o, "annual_total", None)),
            )
        )
    return sorted(rows, key=lambda r: (r.annual_total is None, -(r.annual_total or 0), r.company))
