"""``python -m tools.tracker``: check, list, stats, add, move, offer, ics, mianjing, import, init.

Every command catches bad input at this boundary: the user sees a message and a
non-zero exit status, never a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

import click
import pandas as pd
from rich.console import Console
from rich.table import Table as RichTable

from .edits import EditError, NewApplication, NextStep, OfferTerms, add_application, move_application, record_offer
from .issues import Issue
from .paths import OWN_DATA_DIR, PRIVATE_DIR, data_dir, display_path
from .publishing import OPT_IN_HINT
from .settings import SettingsError, load_settings
from .today import decide_today
from .state import derive_states
from .stats import clashes, summary, upcoming
from .tracker import Tracker, load_tracker
from .writer import WriteRefused

INTERPRETED = "→ 阶段·结局 interpreted"
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def console() -> Console:
    return Console(highlight=False, soft_wrap=True)


class Fail(click.ClickException):
    """A user-facing failure: message, exit status 1."""

    def show(self, file: Any = None) -> None:  # noqa: ANN401
        click.echo(f"错误 error: {self.message}", err=True)


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures into messages; anything else into a short internal-error line."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except (EditError, WriteRefused, SettingsError) as exc:
            raise Fail(str(exc)) from None
        except OSError as exc:
            raise Fail(f"文件操作失败 file operation failed: {exc.strerror or exc} ({exc.filename or ''})") from None
        except Exception as exc:  # noqa: BLE001 - the boundary must never print a traceback
            raise Fail(f"内部错误 internal error ({type(exc).__name__}): {exc}; 请报告 please report it") from None

    return wrapper


def _today(ctx: click.Context) -> date:
    """--today / HANDBOOK_TODAY, else the data's ``today`` setting (the demo's), else the real date."""
    if ctx.obj.get("today") is None:
        ctx.obj["today"] = decide_today(ctx.obj.get("today_given"), load_settings(ctx.obj["data"]))
    return ctx.obj["today"]


def _load(ctx: click.Context, public: bool | None = None) -> Tracker:
    return load_tracker(ctx.obj["data"], public=public, today=_today(ctx))


def print_issues(issues: list[Issue], out: Console) -> None:
    errors = [i for i in issues if i.is_error]
    warnings = [i for i in issues if not i.is_error]
    if errors:
        out.print(f"[bold red]错误 errors ({len(errors)})[/]")
        for i in errors:
            out.print(i.format(), markup=False)
    if warnings:
        out.print(f"[bold yellow]警告 warnings ({len(warnings)})[/]")
        for i in warnings:
            out.print(i.format(), markup=False)


def refuse_on_errors(t: Tracker, out: Console) -> None:
    if t.errors:
        print_issues(t.errors, out)
        raise Fail(f"数据有 {len(t.errors)} 个错误,拒绝写入 the data has {len(t.errors)} errors, refusing to write; 先运行 run `check` first")


@click.group(context_settings=CONTEXT)
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path), default=None, help="数据目录 data directory (默认 default: $HANDBOOK_DATA, 或 or data/mine/ (init 创建 created by init), 或 or data/)")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, envvar="HANDBOOK_TODAY", help="把哪天当作今天 the date to treat as today (默认 default: $HANDBOOK_TODAY, 或设置里的 or settings' today, 或真实日期 or the real date)")
@click.pass_context
def main(ctx: click.Context, data: Path | None, today: datetime | None) -> None:
    """算法岗求职追踪 Job-application tracker.

    数据目录由 --data 或环境变量 HANDBOOK_DATA 指定。
    The data directory comes from --data or HANDBOOK_DATA.
    """
    ctx.ensure_object(dict)
    ctx.obj["data"] = data_dir(data)
    ctx.obj["data_chosen"] = data is not None or bool(os.environ.get("HANDBOOK_DATA"))
    ctx.obj["today_given"] = today.date() if today else None
    ctx.obj["today"] = None  # decided on first use: reading the settings may fail inside a command


@main.command()
@click.option("--strict", is_flag=True, help="警告也算失败 treat warnings as failures")
@click.pass_context
@guarded
def check(ctx: click.Context, strict: bool) -> None:
    """检查全部数据 Validate every file and report all problems at once."""
    out = console()
    t = _load(ctx)
    print_issues(t.issues, out)
    out.print(f"{len(t.applications)} 个投递 applications, {len(t.errors)} 个错误 errors, {len(t.warnings)} 个警告 warnings")
    if t.errors or (strict and t.warnings):
        ctx.exit(1)


def _fmt_date(value: object, with_time: bool = False) -> str:
    if value is None or pd.isna(value):
        return ""
    return value.strftime("%Y-%m-%d %H:%M" if with_time and (value.hour or value.minute) else "%Y-%m-%d")


@main.command(name="list")
@click.option("--open", "only_open", is_flag=True, help="只看进行中的 only applications still open")
@click.option("--stage", default=None, help="只看某阶段 only this stage")
@click.option("--company", default=None, help="公司名包含 company contains")
@click.option("--tsv", is_flag=True, help="制表符分隔输出,便于脚本处理 tab-separated output for scripts")
@click.pass_context
@guarded
def list_cmd(ctx: click.Context, only_open: bool, stage: str | None, company: str | None, tsv: bool) -> None:
    """列出投递 List applications in a table."""
    out = console()
    t = _load(ctx)
    apps = t.applications
    states = derive_states(apps, t.history, t.offers, t.settings, _today(ctx))
    keep = pd.Series(True, index=apps.index)
    if stage:
        resolved = t.settings.resolve(stage)
        keep &= (states["stage"] == (resolved.stage if resolved and resolved.stage else stage)).to_numpy()
    if company:
        keep &= apps["company"].str.contains(company, regex=False).to_numpy()
    if only_open:
        keep &= states["is_open"].to_numpy()
    heads = ("编号 id", "公司 company", "岗位 role", "base", "投递 applied", "阶段 stage", "结局 outcome", "offer", "下一步 next", "截止 deadline")
    rows = []
    for r, st in zip(apps[keep.to_numpy()].itertuples(index=False), states[keep.to_numpy()].itertuples(index=False)):
        nxt = " ".join(x for x in (r.next_step, _fmt_date(r.next_at, True)) if x)
        rows.append((r.id, r.company, r.role, "/".join(r.city), _fmt_date(r.applied), st.stage or "", st.outcome or "", "offer" if st.is_offer else "", nxt, _fmt_date(r.deadline, True)))
    if tsv:
        click.echo("\t".join(h.split(" ")[-1] for h in heads))
        for row in rows:
            click.echo("\t".join(row))
        return
    table = RichTable(title=f"投递 Applications ({len(rows)})")
    for head in heads:
        table.add_column(head)
    for row in rows:
        table.add_row(*row)
    out.print(table)


def _count_table(title: str, key_header: str, count_header: str, counts: dict[str, int]) -> RichTable:
    table = RichTable(title=title)
    table.add_column(key_header)
    table.add_column(count_header, justify="right")
    for key, count in counts.items():
        table.add_row(key, str(count))
    return table


@main.command()
@click.option("--days", default=14, show_default=True, help="展示未来几天的日程 days of upcoming events")
@click.pass_context
@guarded
def stats(ctx: click.Context, days: int) -> None:
    """统计与日程 Summary: funnel by phase, outcomes, upcoming events."""
    out = console()
    t = _load(ctx)
    s = summary(t, _today(ctx))
    out.print(f"[bold]{s.applications} 个投递 applications · {s.attempts} 次尝试 attempts · {s.open} 个进行中 open · {s.offers} 个 offer[/]")
    out.print(_count_table("漏斗 Funnel (到达过该阶段类别 reached phase)", "阶段类别 phase", "投递数 applications", s.reached))
    out.print(_count_table("结局 Outcomes", "结局 outcome", "数量 count", s.outcomes))
    events = upcoming(t, _today(ctx), days)
    cal = RichTable(title=f"未来 {days} 天 Next {days} days")
    for head in ("时间 when", "事项 what", "类型 kind"):
        cal.add_column(head)
    for e in events:
        cal.add_row(_fmt_date(e.start, True), e.title, e.kind)
    out.print(cal)


def _warn(message: str) -> None:
    click.echo(f"警告 warning: {message}", err=True)


def _next_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--next``, ``--at`` and ``--deadline`` for ``add`` and ``move``."""
    fn = click.option("--deadline", "deadline", default=None, metavar="YYYY-MM-DD", help="截止日期 deadline (投递、测评 application or test)")(fn)
    fn = click.option("--at", "next_at", default=None, metavar='"YYYY-MM-DD HH:MM"', help="下一步的时间 when the next step happens")(fn)
    fn = click.option("--next", "next_step", default=None, metavar="TEXT", help="下一步 next step, e.g. 二面")(fn)
    return fn


@main.command()
@click.option("--company", required=True, help="公司 company")
@click.option("--role", required=True, help="岗位 role")
@click.option("--city", required=True, help="base 地,多个用 / 分隔 base city, several separated by /")
@click.option("--applied", default="", help="投递日期 applied date (默认今天 default today)")
@click.option("--stage", default="已投递", show_default=True, help="阶段 stage")
@click.option("--id", "app_id", default="", help="编号 id (默认自动生成 derived when empty)")
@click.option("--batch", default="", help="批次 batch")
@click.option("--season", default="", help="季节 season")
@click.option("--direction", default="", help="方向 direction")
@click.option("--channel", default="", help="渠道 channel")
@_next_options
@click.pass_context
@guarded
def add(ctx: click.Context, company: str, role: str, city: str, applied: str, stage: str, app_id: str, batch: str, season: str, direction: str, channel: str,
        next_step: str | None, next_at: str | None, deadline: str | None) -> None:
    """新增投递 Add an application (appended; other rows untouched)."""
    out = console()
    t = _load(ctx)
    refuse_on_errors(t, out)
    new = NewApplication(company=company, role=role, city=city, applied=applied, stage=stage, id=app_id, batch=batch, season=season, direction=direction, channel=channel)
    new_id = add_application(t, new, _today(ctx), NextStep(next_step, next_at, deadline), _warn)
    out.print(f"已添加 added {new_id}", markup=False)


@main.command()
@click.argument("words", metavar="ID|公司 [岗位] STAGE", nargs=-1, required=True)
@click.option("--date", "when", default="", help="日期 date (默认今天 default today)")
@click.option("--note", default="", help="说明 note")
@click.option("--reopen", is_flag=True, help="新的一次尝试(被捞/换部门)a new attempt (re-entry or another team)")
@click.option("--correct", is_flag=True, help="改正最后一条记录 fix the last record instead of adding one")
@_next_options
@click.pass_context
@guarded
def move(ctx: click.Context, words: tuple[str, ...], when: str, note: str, reopen: bool, correct: bool,
         next_step: str | None, next_at: str | None, deadline: str | None) -> None:
    """推进阶段 Record a stage change (or an outcome such as 感谢信), appended to history.

    The application is named by its id or by its company (plus a role word when the company
    has several open applications): ``move 字节跳动 笔试``, ``move 字节跳动 推荐 一面``.
    """
    out = console()
    if len(words) < 2:
        raise Fail("move: 需要投递和阶段 needs an application and a stage — 应为 expected move ID|公司 [岗位] STAGE, 如 like move 字节跳动 一面")
    t = _load(ctx)
    refuse_on_errors(t, out)
    result = move_application(t, words[:-1], words[-1], when, note, _today(ctx), reopen=reopen, correct=correct,
                              step=NextStep(next_step, next_at, deadline), warn=_warn)
    tail = f" (第 {result.attempt} 次尝试 attempt {result.attempt})" if reopen else ""
    out.print(f"{result.id}: " + " ".join(x for x in (result.stage, result.outcome) if x) + tail, markup=False)


@main.command()
@click.argument("words", metavar="ID|公司 [岗位]", nargs=-1, required=True)
@click.option("--base", "monthly_base", default=None, help="月薪 monthly base, e.g. 30k (私有 private)")
@click.option("--months", default=None, help="薪数 months paid per year, e.g. 15 (私有 private)")
@click.option("--sign-on", "sign_on", default=None, help="签字费 sign-on bonus (私有 private)")
@click.option("--stock", "stock_total", default=None, help="股票总额 stock grant total (私有 private)")
@click.option("--vesting", default=None, help="每年归属 vesting per year, e.g. 25/25/25/25 (私有 private)")
@click.option("--housing", default=None, help="每年房补 housing per year (私有 private)")
@click.option("--hukou", default=None, help="户口 hukou, e.g. 是/否")
@click.option("--reply-by", "reply_by", default=None, metavar="YYYY-MM-DD", help="答复截止 reply deadline")
@click.option("--level", default=None, help="职级/档位 level, e.g. SP")
@click.option("--note", "notes", default=None, help="备注 note (私有 private)")
@click.pass_context
@guarded
def offer(ctx: click.Context, words: tuple[str, ...], **terms: str | None) -> None:
    """记录 offer Record an offer: public fields to offers.csv, pay to the private folder."""
    out = console()
    t = _load(ctx)
    refuse_on_errors(t, out)
    app_id, written = record_offer(t, words, OfferTerms(**terms), _today(ctx), _warn)
    shown = ", ".join(display_path(p) for p in written) or "无变化 unchanged"
    out.print(f"{app_id}: 已记录 offer recorded → {shown}", markup=False)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="输出文件 output file (默认 default: <data>/upcoming.ics)")
@click.option("--days", default=60, show_default=True, help="包含未来几天 days ahead")
@click.pass_context
@guarded
def ics(ctx: click.Context, output: Path | None, days: int) -> None:
    """导出日历 Write an iCalendar file of upcoming tests, interviews and deadlines."""
    from .ics import to_ics
    from .writer import atomic_write

    out = console()
    t = _load(ctx)
    events = upcoming(t, _today(ctx), days)
    for a, b in clashes(events):
        out.print(f"[yellow]时间冲突 clash:[/] {_fmt_date(a.start, True)} {a.title} ↔ {_fmt_date(b.start, True)} {b.title}")
    target = output or t.data_dir / "upcoming.ics"
    stamp = datetime(_today(ctx).year, _today(ctx).month, _today(ctx).day)
    atomic_write(target, to_ics(events, stamp), target.parent / ".backups")
    out.print(f"{len(events)} 个日程 events → {display_path(target)}", markup=False)


@main.command()
@click.argument("words", metavar="面试编号|投递编号|公司 [岗位]", nargs=-1, required=True)
@click.option("--anonymise", "--anonymize", "anonymise", is_flag=True, help="匿名:公司 → 某大厂/某独角兽/某公司(data/mianjing.yaml),日期只到月 company as a size class, dates as months")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="写入文件 write to a file (默认输出到终端 default: stdout)")
@click.option("--force", is_flag=True, help="覆盖已有的 --output 文件 overwrite an existing --output file")
@click.option("--site-url", "site_url_", default=None, metavar="URL", help="知识库链接的网址前缀 base URL of knowledge-base links (默认 default: mkdocs.yml site_url)")
@click.pass_context
@guarded
def mianjing(ctx: click.Context, words: tuple[str, ...], anonymise: bool, output: Path | None, force: bool, site_url_: str | None) -> None:
    """导出面经 Write a Markdown 面经 post from the interview records.

    An interview id (i01) gives that round; an application (id, or company plus a role word)
    gives all its rounds in order. Private fields are never included.
    """
    from .mianjing_load import MianjingError, load_sources, post_for, select, site_url
    from .mianjing_render import post_markdown

    if output is not None and output.exists() and not force:
        raise Fail(f"{display_path(output)}: 文件已存在,未覆盖 the file exists and was not overwritten — 加 --force 覆盖 add --force to overwrite")
    t = _load(ctx, public=True)  # private fields are not even loaded
    try:
        chosen = select(t, words, _today(ctx))
        post = post_for(t, chosen, load_sources(t.data_dir), anonymise)
    except MianjingError as exc:
        raise Fail(str(exc)) from None
    base = site_url_ or site_url()
    if base is None:
        _warn("mkdocs.yml 没有 site_url,知识库条目不带链接 no site_url in mkdocs.yml: knowledge-base items are not linked (用 use --site-url)")
    text = post_markdown(post, base)
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w" if force else "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    click.echo(f"已写入 written → {display_path(output)}", err=True)


@main.command(name="import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--map", "maps", multiple=True, metavar="源列=字段", help="列映射 column mapping, e.g. 公司名称=company (可重复 repeatable)")
@click.option("--sheet", default=None, help="xlsx 工作表名 sheet name (默认第一个 default first)")
@click.option("--yes", "-y", is_flag=True, help="不询问直接写入 write without asking")
@click.option("--dry-run", is_flag=True, help="只预览不写入 preview only")
@click.pass_context
@guarded
def import_cmd(ctx: click.Context, source: Path, maps: tuple[str, ...], sheet: str | None, yes: bool, dry_run: bool) -> None:
    """导入表格 Import an .xlsx or CSV (e.g. a shared 秋招汇总表), with a preview first."""
    from .coerce import Context
    from .importer import ImportError_, plan_import, read_source, write_import
    from .tracker import load_topics

    out = console()
    overrides: dict[str, str] = {}
    for item in maps:
        if "=" not in item:
            raise Fail(f"--map: 应为 expected 源列=字段 source=field, got '{item}'")
        left, right = item.split("=", 1)
        overrides[left.strip()] = right.strip()
    t = _load(ctx)
    refuse_on_errors(t, out)
    try:
        src = read_source(source, sheet)
        plan = plan_import(src, overrides, Context(t.settings, _today(ctx), load_topics(t.data_dir)))
    except ImportError_ as exc:
        raise Fail(str(exc)) from None
    mapping = RichTable(title="列映射 Column mapping")
    mapping.add_column("源列 source")
    mapping.add_column("字段 field")
    for h, f in plan.mapping.items():
        mapping.add_row(h, f)
    for h in plan.ignored:
        mapping.add_row(h, "[dim]忽略 ignored[/]")
    out.print(mapping)
    preview = RichTable(title=f"预览 Preview (前 first {min(10, len(plan.raw.rows))} / {len(plan.raw.rows)})")
    cols = ["id", *[c for c in plan.raw.columns if c != "id"]]
    if "stage" in cols:
        cols.insert(cols.index("stage") + 1, INTERPRETED)
    for c in cols:
        preview.add_column(c)
    for row, (st, oc) in list(zip(plan.raw.rows, plan.interpreted))[:10]:
        understood = " · ".join(x for x in (st, oc) if x)
        preview.add_row(*[understood if c == INTERPRETED else row.get(c, "") for c in cols])
    out.print(preview)
    if src.skipped:
        out.print(f"表头在第 {src.header_line} 行 header on line {src.header_line}; 跳过上面的标题行 skipped title rows {', '.join(map(str, src.skipped))}", markup=False)
    print_issues(plan.issues, out)
    if any(i.is_error for i in plan.issues):
        raise Fail("导入数据有错误,未写入 the import has errors; nothing written")
    if dry_run:
        out.print("只预览,未写入 dry run, nothing written")
        return
    if not yes and not click.confirm("写入 applications? Write to applications?", default=False):
        out.print("已取消 cancelled")
        return
    target = t.files.get("applications") or t.data_dir / "applications.csv"
    if target.suffix.lower() != ".csv":
        raise Fail(f"{display_path(target)}: 只能导入到 CSV only a CSV target is supported")
    try:
        added, skipped = write_import(
            plan,
            target,
            set(t.applications["id"]),
            private_target=t.data_dir / PRIVATE_DIR / "applications.csv",
            private_columns=t.settings.private_fields.get("applications", frozenset()),
        )
    except ImportError_ as exc:
        raise Fail(str(exc)) from None
    out.print(f"已导入 imported {added}, 已存在跳过 skipped {skipped} → {display_path(target)}", markup=False)


def _interactive() -> bool:
    """Whether a question can be asked (a terminal on stdin)."""
    return sys.stdin.isatty()


@main.command()
@click.option("--yes", "-y", is_flag=True, help="不询问 do not ask")
@click.pass_context
@guarded
def init(ctx: click.Context, yes: bool) -> None:
    """开始自己的记录 Start an empty tracker; existing (demo) files are backed up, never deleted.

    An empty or new folder is set up without a question.
    """
    from .init import existing_data, init_tracker

    out = console()
    # Unless told where, a user's own tracker goes to the git-ignored data/mine/, never over the demo.
    data = ctx.obj["data"] if ctx.obj["data_chosen"] else OWN_DATA_DIR
    found = existing_data(data)
    if found and not yes:
        if not _interactive():
            names = ", ".join(p.name for p in found)
            click.echo(
                f"错误 error: {display_path(data)}: 已有数据 existing data ({names}), 需要确认 needs confirmation — "
                "应为 expected 在终端里运行 run it in a terminal, 或加 or add --yes (原数据会先备份 the data is backed up first)",
                err=True,
            )
            ctx.exit(2)
        if not click.confirm(f"把 {display_path(data)} 里的数据移到备份并新建空表? Move the data to a backup and start empty?", default=False):
            out.print("已取消 cancelled")
            return
    backup_dir, created = init_tracker(data)
    if backup_dir is not None:
        out.print(f"原数据已备份到 previous data backed up to {display_path(backup_dir)}", markup=False)
    out.print(f"已新建 created in {display_path(data)}: " + ", ".join(created), markup=False)
    if data == OWN_DATA_DIR:
        out.print("data/mine/ 被 .gitignore 忽略,不会被提交;构建和命令行自动使用它。 data/mine/ is git-ignored and used automatically.", markup=False)
    out.print(OPT_IN_HINT, markup=False)


def run() -> None:
    main(prog_name="python -m tools.tracker")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
