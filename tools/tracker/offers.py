"""Derived offer figures: first-year cash and annualised total compensation."""

from __future__ import annotations

import pandas as pd


def _first_vest_share(vesting: object) -> float:
    """Fraction of the grant vesting in year one from a list like ['25', '25', '25', '25']."""
    if not isinstance(vesting, list) or not vesting:
        return 0.0
    try:
        parts = [float(p.rstrip("%")) for p in vesting]
    except ValueError:
        return 0.0
    total = sum(parts)
    return parts[0] / total if total > 0 else 0.0


def _years(vesting: object) -> int:
    return len(vesting) if isinstance(vesting, list) and vesting else 4


def derive_offers(offers: pd.DataFrame) -> pd.DataFrame:
    """Add ``annual_base``, ``first_year_cash`` and ``annual_total`` (yuan; NaN when unknown).

    * annual_base = monthly_base × months
    * first_year_cash = annual_base + sign_on + housing (cash actually paid in year one)
    * annual_total = annual_base + housing + stock_total / vesting years (sign-on excluded,
      it is paid once)

    >>> df = pd.DataFrame({"monthly_base": [30000.0], "months": [15], "sign_on": [50000.0],
    ...                    "stock_total": [400000.0], "vesting": [["25", "25", "25", "25"]], "housing": [None]})
    >>> derive_offers(df)[["annual_base", "first_year_cash", "annual_total"]].iloc[0].tolist()
    [450000.0, 500000.0, 550000.0]
    """
    out = offers.copy()
    for col in ("monthly_base", "sign_on", "stock_total", "housing"):
        if col not in out:
            out[col] = float("nan")
        out[col] = pd.to_numeric(out[col], errors="coerce")
    if "months" not in out:
        out["months"] = pd.NA
    if "vesting" not in out:
        out["vesting"] = [[] for _ in range(len(out))]
    months = pd.to_numeric(out["months"], errors="coerce").astype("float64").fillna(12.0)
    out["annual_base"] = out["monthly_base"] * months
    housing = out["housing"].fillna(0.0)
    out["first_year_cash"] = out["annual_base"] + out["sign_on"].fillna(0.0) + housing
    yearly_stock = out["stock_total"].fillna(0.0) / out["vesting"].map(_years)
    out["annual_total"] = out["annual_base"] + housing + yearly_stock
    out["first_year_stock"] = out["stock_total"].fillna(0.0) * out["vesting"].map(_first_vest_share)
    return out
