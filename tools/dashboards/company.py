"""One page per company: its applications, attempts, timeline, interview rounds and offers."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .offers_view import OfferRow, offer_rows
from .slugs import company_slug
from .timeline import CompanyTimeline


def _text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return " / ".join(str(v) for v in value if str(v).strip())
    return value.strip() if isinstance(value, str) else ""


def _day(value: object) -> str:
    return value.date().isoformat() if isinstance(value, pd.Timestamp) and pd.notna(value) else ""


def _minute(value: object) -> str:
    if not isinstance(value, pd.Timestamp) or pd.isna(value):
        return ""
    return value.strftime("%Y-%m-%d %H:%M") if value != value.normalize() else value.date().isoformat()


@dataclass(frozen=True)
class AttemptRow:
    number: int
    start: str
    end: str
    furthest: str
    outcome: str


@dataclass(frozen=True)
class ApplicationView:
    anchor: str
    role: str
    facts: list[tuple[str, str]]  # label, value (plain text, escaped by the template)
    link: str  # raw URL from the data, made safe by the template filter
    private: list[tuple[str, str]]  # private fields present in this build
    attempts: list[AttemptRow]


@dataclass(frozen=True)
class TimelineEntry:
    day: str
    role: str
    stage: str
    outcome: str
    note: str
    inferred: bool


@dataclass(frozen=True)
class RoundView:
    anchor: str
    title: str
    facts: list[tuple[str, str]]
    questions: str
    topics: list[tuple[str, str]]  # topic id, KB page (docs-relative) or ''
    coding: str
    stuck: str
    private: list[tuple[str, str]]
    preview: str = ""  # link to the round's 面经 preview page (local builds), or ''


@dataclass
class CompanyView:
    name: str
    slug: str
    applications: list[ApplicationView] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    rounds: list[RoundView] = field(default_factory=list)
    offers: list[OfferRow] = field(default_factory=list)
    status: str = ""
    app_ids: list[str] = field(default_factory=list)  # in page order
    chart: CompanyTimeline | None = None  # the drawn timeline (tools/dashboards/timeline.py)


PRIVATE_APP = (("referral_code", "内推码"), ("contact", "联系人"), ("notes", "备注"))
PRIVATE_ROUND = (("stuck_cause", "卡壳原因"), ("notes", "备注"))


def _private(row: object, fields: tuple[tuple[str, str], ...], public: bool) -> list[tuple[str, str]]:
    if public:
        return []
    return [(label, _text(getattr(row, name, ""))) for name, label in fields if _text(getattr(row, name, ""))]


def company_views(
    apps: pd.DataFrame,
    table: pd.DataFrame,
    attempts: pd.DataFrame,
    history: pd.DataFrame,
    interviews: pd.DataFrame,
    offers: pd.DataFrame,
    pages_by_topic: dict[str, list[str]],
    public: bool,
    previews: dict[str, str] | None = None,
) -> list[CompanyView]:
    """Views sorted by company name; ``public`` leaves out private fields even if present.
    ``previews`` maps interview ids to their 面经 preview pages."""
    views: dict[str, CompanyView] = {}
    role_of = dict(zip(apps["id"], apps["role"]))
    company_of = dict(zip(apps["id"], apps["company"]))
    status = table.set_index("id")[["stage", "outcome"]].to_dict("index") if len(table) else {}
    attempts_by_app: dict[str, list[AttemptRow]] = {}
    for a in attempts.itertuples(index=False):
        attempts_by_app.setdefault(a.application, []).append(
            AttemptRow(int(a.attempt), _day(a.start), _day(a.end), _text(a.furthest), _text(a.outcome))
        )
    for i, app in enumerate(apps.itertuples(index=False)):
        view = views.setdefault(app.company, CompanyView(app.company, company_slug(app.company)))
        view.app_ids.append(app.id)
        state = status.get(app.id, {})
        facts = [
            ("部门", _text(getattr(app, "department", ""))),
            ("方向", _text(app.direction)),
            ("base 地", _text(app.city)),
            ("季节 / 批次", " · ".join(x for x in (_text(app.season), _text(app.batch)) if x)),
            ("渠道", _text(app.channel)),
            ("投递时间", _day(app.applied)),
            ("当前阶段", _text(state.get("stage", app.stage))),
            ("结局", _text(state.get("outcome", ""))),
            ("下一步", " · ".join(x for x in (_text(app.next_step), _minute(app.next_at)) if x)),
            ("截止时间", _minute(app.deadline)),
            ("标签", _text(app.tags)),
        ]
        view.applications.append(
            ApplicationView(
                f"app-{len(view.applications) + 1}",
                _text(app.role),
                [(k, v) for k, v in facts if v],
                _text(getattr(app, "link", "")),
                _private(app, PRIVATE_APP, public),
                attempts_by_app.get(app.id, []),
            )
        )
    dated = history.sort_values(["date"], kind="stable", na_position="last") if len(history) else history
    for h in dated.itertuples(index=False):
        company = company_of.get(h.application)
        if company is None:
            continue
        views[company].timeline.append(
            TimelineEntry(_day(h.date), _text(role_of.get(h.application)), _text(h.stage), _text(h.outcome),
                          _text(h.note), bool(h.inferred))
        )
    for r in interviews.sort_values(["at", "id"], kind="stable", na_position="last").itertuples(index=False) if len(interviews) else []:
        company = company_of.get(r.application)
        if company is None:
            continue
        view = views[company]
        facts = [
            ("岗位", _text(role_of.get(r.application))),
            ("类型", _text(r.kind)),
            ("形式", _text(r.format)),
            ("时长", f"{int(r.duration)} 分钟" if pd.notna(r.duration) else ""),
            ("自评", f"{int(r.self_rating)}/5" if pd.notna(r.self_rating) else ""),
            ("结果", _text(r.result)),
        ]
        topics = [t for t in (r.topics if isinstance(r.topics, list) else []) if isinstance(t, str) and t]
        view.rounds.append(
            RoundView(
                f"round-{len(view.rounds) + 1}",
                " · ".join(x for x in (_text(r.round), _minute(r.at)) if x),
                [(k, v) for k, v in facts if v],
                _text(r.questions),
                [(t, (pages_by_topic.get(t) or [""])[0]) for t in topics],
                _text(r.coding),
                _text(getattr(r, "stuck", "")),
                _private(r, PRIVATE_ROUND, public),
                (previews or {}).get(str(r.id), "") if not public else "",
            )
        )
    for row in offer_rows(apps, offers, public):
        views[row.company].offers.append(row)
    return sorted(views.values(), key=lambda v: (v.name, v.slug))
