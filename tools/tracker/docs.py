"""The data-format page, rendered from the schema and the settings so it cannot drift.

The site build calls :func:`render_data_format_markdown` and serves the result
as ``tracker/data-format.md``.
"""

from __future__ import annotations

from tools.dashboards.escape import md_text

from .schema import KINDS, TABLES, Table
from .settings import Settings

KIND_ZH = {
    "text": "文本 text",
    "list": "列表 list(用 / , 、 ; | 分隔)",
    "date": "日期 date",
    "datetime": "日期时间 date-time",
    "int": "整数 integer",
    "money": "金额 amount(元;35k、3.5万 也可以)",
    "stage": "阶段 stage",
    "outcome": "结局 outcome",
    "choice": "取值 choice",
}

EXAMPLES = {
    "applications": (
        "applications.csv",
        "csv",
        "编号,公司,岗位,base地,投递时间,阶段,结局,批次,季节,渠道\n"
        "bytedance-llm,字节跳动,大模型算法工程师,北京/上海,2026/7/8,一面✅ => 二面❌,,提前批,秋招,内推\n"
        "tencent-cv,腾讯,CV算法工程师,深圳,2026年8月10日,HR面,,正式批,秋招,官网\n",
    ),
    "history": (
        "history.csv",
        "csv",
        "application,date,stage,outcome,note\n"
        "bytedance-llm,2026-07-08,已投递,,\n"
        "bytedance-llm,2026-07-28,一面,,\n"
        "bytedance-llm,2026-08-06,二面,挂,\n"
        "bytedance-llm,2026-09-25,一面,,被另一个团队捞起\n",
    ),
    "interviews": (
        "interviews.yaml",
        "yaml",
        "- id: i01\n"
        "  application: bytedance-llm\n"
        "  round: 一面\n"
        "  kind: 技术面\n"
        "  at: 2026-07-28 14:00\n"
        "  duration: 60\n"
        "  questions: Transformer 的输入输出;MHA / MQA / GQA\n"
        "  topics: [A01, A05]\n"
        "  coding: [LC3]\n"
        "  self_rating: 4\n"
        "  result: 通过\n"
        "  asked_back: 团队做什么业务;新人怎么培养\n"
        "  feeling: 面试官会引导\n",
    ),
    "offers": (
        "offers.csv  +  private/offers.csv",
        "csv",
        "application,level,hukou,reply_by\n"
        "tencent-cv,SP,否,2026-12-01\n"
        "\n"
        "application,monthly_base,months,sign_on,stock_total,vesting,housing\n"
        "tencent-cv,30k,16,5万,200000,25/25/25/25,36000\n",
    ),
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(value: object) -> str:
    """A value from ``settings.yaml`` shown as code: inline HTML with every metacharacter an entity
    (a backtick in the value would end a Markdown code span)."""
    return f"<code>{md_text(value)}</code>"


def _field_table(table: Table, settings: Settings) -> list[str]:
    lines = [
        "| 字段 field | 中文表头 header | 类型 type | 必填 required | 私有 private | 说明 description | 也可写作 also accepted |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for f in table.fields:
        kind = KIND_ZH[f.kind] + (f" ({f.choices})" if f.choices else "")
        req = "是 yes" if f.required else ""
        private = "是 yes" if settings.is_private(table.name, f.name) else ""
        aliases = ", ".join(f"`{a}`" for a in f.aliases if a != f.zh)
        lines.append(f"| `{f.name}` | {f.zh} | {kind} | {req} | {private} | {_cell(f.doc)} | {aliases} |")
    return lines


def render_data_format_markdown(settings: Settings) -> str:
    """Markdown of the data-format documentation page."""
    out: list[str] = [
        "# 数据格式 Data format {#data-format}",
        "",
        "!!! note \"本页由代码生成 Generated page\"",
        "    本页由 `tools/tracker/schema.py` 与 `data/settings.yaml` 生成,改动请改那里。",
        "    This page is generated from the schema and the settings; edit those, not this page.",
        "",
        "## 文件与目录 Files {#files}",
        "",
        "数据目录由环境变量 `HANDBOOK_DATA` 指定(默认 `data/`)。每张表可以是 CSV、一个 YAML 文件,"
        "或一个文件夹(每条记录一个 `.yaml`)。CSV 可以是 UTF-8、带 BOM 的 UTF-8 或 GBK / GB18030,表头中英文皆可,"
        "日期可写 `2026-08-01`、`2026/8/1`、`2026.8.1`、`2026年8月1日`,可带时间。表头不认识的列会保留并显示,不会被丢掉。",
        "",
        "The data directory is `HANDBOOK_DATA` (default `data/`). Each table is a CSV file, a YAML file, or a folder of YAML files. "
        "Unknown columns are kept and shown, never dropped.",
        "",
        "| 表 table | 文件 file | 匹配键 key | 说明 |",
        "| --- | --- | --- | --- |",
    ]
    for t in TABLES.values():
        out.append(f"| {t.zh} | `{t.name}.csv` / `{t.name}.yaml` / `{t.name}/` | `{t.key}` | {_cell(t.doc)} |")
    for t in TABLES.values():
        out += ["", f"## {t.zh} {t.name} {{#{t.name}}}", "", t.doc, ""]
        out += _field_table(t, settings)
        title, lang, body = EXAMPLES[t.name]
        out += ["", f"示例 Example (`{title}`):", "", f"```{lang}", body.rstrip("\n"), "```"]
    out += ["", "## 阶段 Stages {#stages}", "", "| 顺序 order | 阶段 stage | English | 阶段类别 phase | 终止 terminal |", "| --- | --- | --- | --- | --- |"]
    for s in settings.stages:
        out.append(f"| {s.order} | {md_text(s.key)} | {md_text(s.en)} | {md_text(s.phase)} | {'是 yes' if s.terminal else ''} |")
    out += ["", "## 结局 Outcomes {#outcomes}", "", "结局与阶段分开记录:`挂` 时阶段记录挂在哪一步。Outcomes are separate from stages.", "", "| 结局 outcome | English | 终止 terminal |", "| --- | --- | --- |"]
    for o in settings.outcomes:
        out.append(f"| {md_text(o.key)} | {md_text(o.en)} | {'是 yes' if o.terminal else ''} |")
    out += ["", "## 别名 Aliases {#aliases}", "", "写法不区分大小写、空格和全角半角。Matching ignores case, spaces and full-width forms.", "", "| 写法 typed | 阶段 stage | 结局 outcome |", "| --- | --- | --- |"]
    for name, a in settings.aliases.items():
        out.append(f"| {_code(name)} | {md_text(a.stage)} | {md_text(a.outcome)} |")
    seps = " ".join(_code(s) for s in settings.path_separators)
    marks = " ".join(_code(m) for m in (*settings.pass_marks, *settings.fail_marks))
    out += [
        "",
        "## 路径记法 Path notation {#path-notation}",
        "",
        f"阶段单元格可以写经过的路径,如 `一面✅ => 二面❌`:分隔符 {seps},标记 {marks}。最后一步是当前阶段;最后一步带失败标记时结局记为 `挂`。",
        "没有 `history` 时,历史由当前阶段推断,并标记为推断(inferred)。",
        "",
        "A stage cell may hold a path; its last step is the current stage, and a failure mark on it records the outcome 挂. "
        "Without a history file the history is inferred and marked as such.",
        "",
        "## 历史与多次尝试 History and attempts {#history-attempts}",
        "",
        "`history` 只追加。被其他团队捞起(例如 录用评估 挂 之后)算一次新的尝试:可以在 `attempt` 列写明,"
        "不写时,结局为终止后又出现阶段、或阶段顺序倒退,就开始新的一次。每次尝试内阶段只前进。",
        "",
        "History is append-only; a re-entry starts a new attempt, so stages only move forward within one attempt.",
        "",
        "## 取值列表 Controlled lists {#lists}",
        "",
        "不在列表中的值会给出警告和建议,不算错误。Values outside these lists give a warning with a suggestion.",
        "",
    ]
    for name, values in settings.lists.items():
        out.append(f"- {_code(name)}: {'、'.join(md_text(v) for v in values)}")
    out += [
        "",
        "## 检查规则 Checks {#checks}",
        "",
        "每个问题一行:`路径:行号: 列: 信息`,中文在前,附英文关键词、错误的值、应为的值和“你是不是想写”的建议。",
        "Each problem is one line, `path:line: column: message`.",
        "",
        "- 错误 errors(`check` 返回非零,`add` / `move` 拒绝写入):未知阶段或结局、不存在的日期、未来的日期、重复编号、必填项为空、"
        "引用不存在的投递、未知知识点编号、数字格式错误。",
        f"- 警告 warnings:二面之前没有一面、日期顺序颠倒、同一公司岗位批次出现两次、{settings.stale_days} 天没有进展、未知城市、不在常用列表中的取值。",
        "",
        "## 私有字段 Private fields {#private}",
        "",
        "下列字段是私有的(在 `settings.yaml` 的 `private_fields` 中设置)。它们默认放在 git 忽略的 `data/private/` 里,"
        "文件名与公开文件相同,按匹配键合并;公开构建(`HANDBOOK_PUBLIC=1`)不读取私有文件并删掉这些字段。",
        "",
        "These fields are private: keep them in the git-ignored `data/private/`, matched on the key column; "
        "a public build (`HANDBOOK_PUBLIC=1`) drops them.",
        "",
    ]
    for table, cols in settings.private_fields.items():
        ordered = [f.name for f in TABLES[table].fields if f.name in cols]
        out.append(f"- `{table}`: " + ", ".join(f"`{c}`" for c in ordered))  # TABLES keys only
    out += [
        "",
        "## Offer 推导 Derived offer figures {#offer-figures}",
        "",
        "- 年薪 annual base = 月薪 × 薪数",
        "- 第一年现金 first-year cash = 年薪 + 签字费 + 房补",
        "- 年化总包 annualised total = 年薪 + 房补 + 股票总额 ÷ 归属年数(签字费只发一次,不计入)",
        "",
        f"<!-- kinds: {', '.join(KINDS)} -->",
        "",
    ]
    return "\n".join(out)
