from datetime import date
from pathlib import Path

import pandas as pd

from tools.tracker.offers import derive_offers
from tools.tracker.tracker import load_tracker


def test_offers_private_values_merged_and_derived(fixtures: Path, today: date) -> None:
    offer = load_tracker(fixtures / "basic", today=today, public=False).offers.iloc[0]
    assert (offer["monthly_base"], offer["months"], offer["sign_on"], offer["housing"]) == (30000.0, 15, 50000.0, 36000.0)
    assert (offer["annual_base"], offer["first_year_cash"], offer["annual_total"]) == (450000.0, 536000.0, 486000.0)


def test_offers_public_build_drops_private_fields(fixtures: Path, today: date) -> None:
    t = load_tracker(fixtures / "basic", today=today, public=True)
    assert t.offers.columns.tolist() == ["application", "level", "hukou", "reply_by", "source", "line"]
    assert "referral_code" not in t.applications and "notes" not in t.interviews


def test_offers_anonymised_companies(fixtures: Path, today: date) -> None:
    t = load_tracker(fixtures / "basic", today=today, anonymised=True)
    assert t.applications["company"].tolist() == ["公司A", "公司C", "公司B"]  # sorted by name: 字 < 美 < 腾
    assert t.public


def test_offers_stock_vesting_counts_per_year() -> None:
    df = pd.DataFrame({"monthly_base": [20000.0], "months": [12], "stock_total": [300000.0], "vesting": [["50", "50"]]})
    out = derive_offers(df).iloc[0]
    assert (out["annual_total"], out["first_year_stock"], out["first_year_cash"]) == (390000.0, 150000.0, 240000.0)
