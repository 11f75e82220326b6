"""Entry point for the site build: every generated tracker page and file in one call."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath

import pandas as pd
from markupsafe import Markup

from tools.kb.coverage import scan_docs
from tools.kb.inventory import load_inventory
from tools.site.charts import chart_block
from tools.tracker.issues import Issue
from tools.tracker.paths import REPO_ROOT
from tools.tracker.tracker import Tracker, load_tracker

from . import board, breakdown, figures, overview, questions, schedule, timeline
from .applications import application_table, opaque_ids
from .company import company_views
from .mianjing_pages import preview_pages
from .escape import md_text, printable
from .filters import filter_selects, item_attributes
from .offers_view import offer_rows
from .memo import ContentMemo, content_key, frame_rows, frame_schema, template_source
from .render import TEMPLATES, render
from .slugs import topic_anchor
from .stages import stage_map

ROOT = "tracker"
MAX_WARNINGS = 30


@dataclass
class GeneratedTracker:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative path -> Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # e.g. "tracker/upcoming.ics"
    asked_by_topic: dict[str, list[str]] = field(default_factory=dict)  # "A05" -> ["字节跳动 · 一面", ...]
    stuck_by_topic: dict[str, list[str]] = field(default_factory=dict)  # rounds with a 卡壳 note, same labels
    problems: list[str] = field(default_factory=list)  # messages to log during the build


def _issue_text(issue: Issue, public: bool) -> str:
    """An issue as shown; public builds leave out the cell value (it may be a private one)."""
    if public:
        issue = replace(issue, value=None, suggestion=None)
    return printable(issue.format())


def _kb_pages() -> dict[str, list[str]]:
    coverage = scan_docs(REPO_ROOT / "docs", load_inventory())
    return {topic: [p.as_posix() for p in pages] for topic, pages in coverage.pages_by_topic.items()}


def _topic_titles() -> dict[str, str]:
    return {topic_id: topic.title for topic_id, topic in load_inventory().items()}


def _company_rows(table: pd.DataFrame, stages) -> list[dict[str, object]]:
    """A row per (company, slug), sorted, each company's applications in table order: one pass
    over plain values (a pandas ``groupby`` with a frame per company cost ~4x as much)."""
    rows: list[dict[str, object]] = []
    if table.empty:
        return rows
    names = {rank: key for key, rank in stages.rank.items()}
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(table["company"], table["slug"])):
        if not any(pd.isna(part) for part in key):  # as groupby: rows without a key are left out
            groups.setdefault(key, []).append(i)
    column = {c: table[c].tolist() for c in ("max_rank", "active", "last_date", "outcome", "season", "batch", "direction")}
    for name, slug in sorted(groups):
        at = groups[(name, slug)]
        active = any(bool(column["active"][i]) for i in at)
        dates = [d for d in (column["last_date"][i] for i in at) if pd.notna(d)]
        last = max(dates) if dates else pd.NaT
        rows.append(
            {
                "name": name,
                "slug": slug,
                "count": len(at),
                "best": names.get(max(column["max_rank"][i] for i in at), ""),
                "status": "进行中" if active else "、".join(sorted({o for o in (column["outcome"][i] for i in at) if o})) or "已结束",
                "last": last.date().isoformat() if pd.notna(last) else "",
                "attrs": item_attributes(*([column[c][i] for i in at] for c in ("season", "batch", "direction")), active),
            }
        )
    return rows


_COMPANY_PAGES: ContentMemo[tuple[timeline.CompanyTimeline | None, str]] = ContentMemo()  # serve: unchanged companies
_TABLES: ContentMemo[tuple] = ContentMemo(keep=64)  # serve: each table as read and coerced, by its files' content


def _company_page(view, roles: dict[str, str], rows: pd.DataFrame, open_ids: set[str], stages, today: date):
    """A company's timeline and page (a pure function of its arguments: kept by :data:`_COMPANY_PAGES`)."""
    view.chart = timeline.company_timeline(view.app_ids, roles, rows, open_ids, stages, today)
    return view.chart, render("company.md.j2", c=view, kb_prefix="../../", kinds=list(timeline.KIND_NAMES.items()))


def _rows_of(history: pd.DataFrame, positions: dict, app_ids: list[str]) -> pd.DataFrame:
    """The history rows of ``app_ids`` in their original order (what the timeline filters for),
    from positions grouped once: filtering the whole history for each company cost more."""
    found = overview.positions_of(positions, app_ids)
    return history.take(found) if len(found) else history.iloc[0:0]


def _intro(t: Tracker, today: date) -> str:
    parts = [f"数据截至 {today.isoformat()}。"]
    if t.public:
        parts.append("这是公开版本:不含任何私有字段(备注、薪资、内推码、联系人)。")
    if t.anonymised:
        parts.append("公司名已匿名为 公司A、公司B……")
    return "".join(parts)


def generate_tracker_site(
    data_dir: Path,
    *,
    public: bool,
    anonymise: bool,
    today: date,
    pages_by_topic: dict[str, list[str]] | None = None,
    topic_titles: dict[str, str] | None = None,
) -> GeneratedTracker:
    """All tracker pages and files. ``pages_by_topic`` (topic id → docs-relative KB pages)
    and ``topic_titles`` default to scanning ``docs/`` and reading ``data/topics.yaml``."""
    out = GeneratedTracker()
    t = load_tracker(data_dir, public=public, anonymised=anonymise, today=today, tables=_TABLES)
    if t.anonymised:
        t = opaque_ids(t)
    public = t.public
    out.problems = [_issue_text(i, public) for i in t.errors]
    kb = _kb_pages() if pages_by_topic is None else pages_by_topic
    titles = _topic_titles() if topic_titles is None else topic_titles
    stages = stage_map(t.settings)
    table = application_table(t, stages, today, _TABLES)

    def page(path: str, template: str, **context: object) -> None:
        out.pages[f"{ROOT}/{path}"] = render(template, **context)

    # 总览
    view = overview.overview(t, table, stages, today)
    charts = {cid: Markup(chart_block(cid, fig, overview.CAPTIONS[cid])) for cid, fig in overview.chart_figures(view).items()}
    options = overview.filter_options(table)
    variants = overview.filter_variants(t, table, stages, today, options, list(charts))
    breakdowns = [
        {"key": key, "title": title, "rows": view.breakdowns[key], "chart": charts.get(f"by-{key}-chart")}
        for key, title in breakdown.DIMENSIONS.items()
    ]
    warnings = [_issue_text(i, public) for i in t.warnings]
    page(
        "overview.md",
        "overview.md.j2",
        intro=_intro(t, today),
        warnings=warnings[:MAX_WARNINGS],
        warnings_total=len(warnings),
        option_groups=overview.option_groups(options),
        variants=Markup(overview.variants_script(variants)) if options else "",
        kpis=view.kpis,
        flows=view.flows,
        endings=view.endings,
        sankey_chart=charts.get("sankey-chart", ""),
        funnel=view.funnel,
        funnel_chart=charts["funnel-chart"],
        weeks=view.weeks,
        weekly_chart=charts.get("weekly-chart", ""),
        calendar=view.calendar,
        calendar_chart=charts.get("calendar-chart", ""),
        breakdowns=breakdowns,
    )

    # 看板
    selects = filter_selects(table)
    page(
        "board.md",
        "board.md.j2",
        stale_days=t.settings.stale_days,
        selects=selects,
        columns=board.board_columns(table, t.settings),
        card_attrs=lambda c: item_attributes(c.season, c.batch, c.direction, c.active),
    )

    # 日程 and the calendar file
    events = schedule.schedule_events(t, today)
    rows = schedule.schedule_rows(t, events)
    page(
        "schedule.md",
        "schedule.md.j2",
        today=today.isoformat(),
        days=schedule.DAYS,
        rows=rows,
        clashes=[(a.title, b.title) for a, b in schedule.clashes(events)],
    )
    out.files[f"{ROOT}/upcoming.ics"] = schedule.calendar_file(events, today)

    # 公司页
    previews = preview_pages(t, kb, titles)  # 面经 previews: local builds only (none when public)
    out.pages.update({f"{ROOT}/{path}": text for path, text in previews.pages.items()})
    views = company_views(t.applications, table, t.attempts, t.history, t.interviews, t.offers, kb, public, previews.hrefs)
    open_ids = set(table.loc[table["active"], "id"]) if len(table) else set()
    roles = dict(zip(t.applications["id"], t.applications["role"]))
    positions = t.history.groupby("application", sort=False).indices if len(t.history) else {}
    # hashed once, not per company; a company's history rows go into its key as plain values
    # (taking a frame of them and pickling it for each of ~50 companies cost more than a kept page saved)
    shared = content_key((stages, today, template_source(TEMPLATES / "company.md.j2"), frame_schema(t.history)))
    history_rows = frame_rows(t.history)
    for view in views:
        mine = {a: roles.get(a, "") for a in view.app_ids}
        mine_open = open_ids & set(view.app_ids)

        def page_of(view=view, mine=mine, mine_open=mine_open) -> tuple:
            return _company_page(view, mine, _rows_of(t.history, positions, view.app_ids), mine_open, stages, today)

        if shared is None:
            kept = page_of()
        else:
            rows = [history_rows[p] for p in overview.positions_of(positions, view.app_ids)]
            kept = _COMPANY_PAGES.get((view, mine, rows, mine_open, shared), page_of)
        view.chart, out.pages[f"{ROOT}/companies/{view.slug}.md"] = kept
    page("companies/index.md", "companies_index.md.j2", rows=_company_rows(table, stages), selects=selects)

    # 面试题记录
    asked_rows = questions.interview_rows(t.applications, t.interviews)
    groups = questions.topic_groups(asked_rows, titles, kb)
    top = [(g.topic, len(g.asked)) for g in groups if g.topic != questions.UNTAGGED]
    top = sorted(top, key=lambda kv: (-kv[1], kv[0]))[:15]
    page(
        "questions.md",
        "questions.md.j2",
        total=len(asked_rows),
        groups=groups,
        coding=questions.coding_counts(asked_rows),
        top=top,
        top_chart=Markup(chart_block("topics-chart", figures.topics_figure(top), "被问最多的知识点")) if top else "",
        kb_prefix="../",
    )
    out.asked_by_topic = questions.asked_by_topic(asked_rows)
    out.stuck_by_topic = questions.stuck_by_topic(asked_rows)

    # Offer 对比
    offer_list = offer_rows(t.applications, t.offers, public)
    labels = [label for label, _ in offer_list[0].figures] if offer_list else []
    has_money = any(o.annual_total is not None for o in offer_list)
    chart = (
        Markup(chart_block("offers-chart", figures.offers_figure([f"{o.company} {o.role}" for o in offer_list], [o.first_year_cash for o in offer_list], [o.annual_total for o in offer_list]), "Offer 首年现金与年化总包"))
        if has_money
        else ""
    )
    page("offers.md", "offers.md.j2", public=public, rows=offer_list, labels=labels, chart=chart)
    return out


def tracker_index_markdown(published: bool) -> str:
    """The tracker's landing page: links to the dashboards, or a note that this build has none."""
    return render("index.md.j2", published=published)


def asked_in_markdown(topic_ids: list[str], asked_by_topic: dict[str, list[str]], tracker_root: str) -> str:
    """Markdown appended to a knowledge-base page: where its topics were asked ('' if nowhere).

    >>> print(asked_in_markdown(["A05", "A99"], {"A05": ["字节跳动 · 一面", "<b>x</b> · 二面"]}, "../../tracker/"), end="")
    <BLANKLINE>
    ## 在面试中被问到 {#asked-in-interviews}
    <BLANKLINE>
    - **A05**:字节跳动 · 一面、&#60;b&#62;x&#60;/b&#62; · 二面([面试题记录](../../tracker/questions.md#topic-a05))
    """
    lines = []
    for topic in dict.fromkeys(topic_ids):
        where = asked_by_topic.get(topic)
        if not where:
            continue
        shown = "、".join(md_text(w) for w in where)
        anchor = topic_anchor(topic)
        lines.append(f"- **{md_text(topic)}**:{shown}([面试题记录]({tracker_root}questions.md#{anchor}))")
    if not lines:
        return ""
    return "\n## 在面试中被问到 {#asked-in-interviews}\n\n" + "\n".join(lines) + "\n"
