"""The field schema: every table, column, header alias, type and requirement.

This module is the only place where columns are declared. Readers map headers
through it, validation checks types through it, and the data-format page is
rendered from it, so the documentation cannot drift from the code. Which fields
are private is decided by ``data/settings.yaml`` (``private_fields``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column kinds understood by the readers and validation.
#   text      free text, kept as written (trimmed)
#   list      several values separated by / , 、 ; | (cities, tags, topic ids)
#   date      a calendar day (2025-08-01, 2025/8/1, 2025.8.1, 2025年8月1日; 8月1日 or 8/1 with the
#             year inferred; an Excel serial number such as 46235)
#   datetime  a day with an optional time (2025-08-01 14:00)
#   int       a whole number
#   money     an amount in yuan; accepts 35k, 3.5万, 35,000
#   stage     a stage key or alias from settings.yaml (path notation allowed)
#   outcome   an outcome key or alias from settings.yaml
#   choice    a value from a controlled list in settings.yaml (warning if absent)
KINDS = ("text", "list", "date", "datetime", "int", "money", "stage", "outcome", "choice")


@dataclass(frozen=True)
class Field:
    """One column of one table."""

    name: str
    zh: str
    kind: str
    doc: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: str | None = None  # name of the controlled list in settings.yaml
    example: str = ""


@dataclass(frozen=True)
class Table:
    """One data file (CSV or YAML) and its columns."""

    name: str
    zh: str
    doc: str
    key: str  # the column rows are matched on (private merge, references)
    fields: tuple[Field, ...] = field(default_factory=tuple)

    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def get(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


APPLICATIONS = Table(
    name="applications",
    zh="投递记录",
    doc="每行一个投递(公司 + 岗位 + 批次)。One row per application.",
    key="id",
    fields=(
        Field("id", "编号", "text", "稳定编号;留空时由公司、岗位、季节、批次与投递日期确定地生成。Stable id; derived when empty.", aliases=("ID", "编号", "序号id"), example="a-bytedance-llm"),
        Field("company", "公司", "text", "公司名。Company.", True, ("公司", "公司名", "公司名称", "企业", "company name", "公司名字", "企业名称", "单位", "单位名称", "用人单位", "招聘单位", "公司/企业", "company_name", "employer"), example="字节跳动"),
        Field("role", "岗位", "text", "岗位名称。Role / position.", True, ("岗位", "职位", "岗位名称", "职位名称", "position", "job", "岗位名", "职位名", "招聘岗位", "投递岗位", "申请岗位", "应聘岗位", "岗位/职位", "title", "role name", "job title"), example="大模型算法工程师"),
        Field("city", "base地", "list", "工作城市,可写多个。Base city, one or several.", True, ("base地", "base", "城市", "工作地点", "地点", "base city", "location", "cities", "工作城市", "城市地点", "base城市", "意向城市", "办公地点", "工作地", "地区", "city"), "cities", "北京/上海"),
        Field("applied", "投递时间", "date", "投递日期,不能晚于今天;待投递 时可空。Applied date, not in the future; may be empty while 待投递.", True, ("投递时间", "投递日期", "申请时间", "applied date", "applied_at", "date applied", "网申时间", "网申日期", "申请日期", "投递日", "提交时间", "报名时间", "applied on", "application date"), example="2026-08-01"),
        Field("stage", "阶段", "stage", "当前阶段,也可写路径如 `一面✅ => 二面❌`。Current stage, or a path.", True, ("阶段", "当前阶段", "进度", "状态", "笔试面试情况", "status", "current stage", "当前状态", "投递状态", "流程状态", "面试进度", "目前进度", "当前进度", "进展", "stage"), example="二面"),
        Field("outcome", "结局", "outcome", "结局(与阶段分开);挂 的位置由阶段记录。Outcome, separate from stage.", aliases=("结局", "结果", "最终结果", "result", "最终结局", "结论", "outcome"), example="挂"),
        Field("department", "部门", "text", "部门 / BU。Department or business unit.", aliases=("部门", "bu", "事业群", "团队", "dept", "team", "业务线", "业务部门", "所在部门", "bg", "事业部"), example="Seed"),
        Field("direction", "方向", "choice", "方向。Direction.", aliases=("方向", "岗位方向", "track", "岗位类别", "技术方向", "研究方向", "category"), choices="directions", example="LLM"),
        Field("season", "季节", "choice", "实习 / 秋招 / 春招。Season.", aliases=("季节", "招聘类型", "类型", "招聘季", "校招类型", "season"), choices="seasons", example="秋招"),
        Field("batch", "批次", "choice", "提前批 / 正式批 / 补录 / 人才计划。Batch.", aliases=("批次", "招聘批次", "批次类型", "batch"), choices="batches", example="提前批"),
        Field("channel", "渠道", "choice", "投递渠道。Channel.", aliases=("渠道", "投递渠道", "来源", "source", "投递方式", "投递途径", "channel"), choices="channels", example="内推"),
        Field("referral_code", "内推码", "text", "内推码。Referral code.", aliases=("内推码", "referral", "推荐码"), example="ABC123"),
        Field("link", "链接", "text", "岗位链接。Job link.", aliases=("链接", "岗位链接", "投递链接", "url", "job link", "网申链接", "官网链接", "招聘链接", "link"), example="https://jobs.bytedance.com/"),
        Field("deadline", "截止时间", "datetime", "投递或测评截止时间。Deadline.", aliases=("截止时间", "截止日期", "ddl", "网申截止", "投递截止", "截止", "deadline"), example="2026-09-15"),
        Field("next_step", "下一步", "text", "下一步要做的事(如 笔试、二面)。Next step.", aliases=("下一步", "待办", "next"), example="二面"),
        Field("next_at", "下一步时间", "datetime", "下一步的日期时间。When the next step happens.", aliases=("下一步时间", "笔试时间", "面试时间", "next step at", "next_step_at", "下次时间", "约面时间", "下一轮时间"), example="2026-11-25 14:00"),
        Field("priority", "优先级", "int", "优先级,1 最高。Priority, 1 is highest.", aliases=("优先级", "意向度"), example="1"),
        Field("tags", "标签", "list", "标签,可多个。Tags.", aliases=("标签", "tag"), example="大厂/核心部门"),
        Field("contact", "联系人", "text", "HR 或内推人联系方式。Contact.", aliases=("联系人", "hr", "联系方式"), example="HR 王女士"),
        Field("notes", "备注", "text", "备注。Notes.", aliases=("备注", "说明", "note", "remark", "remarks", "备注信息", "其他", "memo"), example="面试官很友好"),
    ),
)

HISTORY = Table(
    name="history",
    zh="阶段历史",
    doc="只追加的阶段变更记录;没有这个文件时由当前阶段推断并标记为推断。Append-only stage changes.",
    key="application",
    fields=(
        Field("application", "投递编号", "text", "对应 applications 的 id。The application id.", True, ("投递编号", "编号", "id", "application id", "app")),
        Field("date", "日期", "date", "变更日期,不能晚于今天。Date of the change, not in the future.", True, ("日期", "时间", "变更日期", "date changed")),
        Field("stage", "阶段", "stage", "进入的阶段。Stage entered.", False, ("阶段",), example="一面"),
        Field("outcome", "结局", "outcome", "此时确定的结局(可空)。Outcome decided at this point.", False, ("结局", "结果")),
        Field("attempt", "轮次", "int", "第几次尝试;被捞算新的一次。Attempt number; re-entry starts a new one.", False, ("轮次", "第几次", "尝试")),
        Field("note", "说明", "text", "说明。Note.", False, ("说明", "备注", "notes")),
    ),
)

INTERVIEWS = Table(
    name="interviews",
    zh="面试记录",
    doc="每轮面试一条。One record per interview round.",
    key="id",
    fields=(
        Field("id", "编号", "text", "面试编号;留空时由投递编号与轮次生成。Round id; derived when empty.", aliases=("编号",)),
        Field("application", "投递编号", "text", "对应 applications 的 id。The application id.", True, ("投递编号", "application id", "app")),
        Field("round", "轮次", "stage", "第几轮,用阶段名(一面、二面 …)。Round, as a stage.", True, ("轮次", "面试轮次"), example="一面"),
        Field("kind", "类型", "choice", "技术面 / 主管面 / 交叉面 / HR面 / AI面。Kind.", aliases=("类型", "面试类型", "type"), choices="interview_kinds", example="技术面"),
        Field("at", "时间", "datetime", "日期时间。Date and time.", True, ("时间", "面试时间", "date", "datetime"), example="2026-09-03 15:00"),
        Field("duration", "时长", "int", "时长(分钟)。Duration in minutes.", aliases=("时长", "时长分钟", "minutes"), example="60"),
        Field("format", "形式", "choice", "视频 / 电话 / 现场 …。Format.", aliases=("形式", "面试形式"), choices="interview_formats", example="视频"),
        Field("questions", "问题", "text", "被问到的问题(自由文本)。Questions asked.", aliases=("问题", "面试问题", "题目")),
        Field("topics", "知识点", "list", "知识库条目编号,如 A02/A05。Knowledge-base topic ids.", aliases=("知识点", "topic", "topic ids"), example="A02/A05"),
        Field("coding", "手撕", "list", "手撕题,如 LC3。Coding problems.", aliases=("手撕", "代码题", "算法题", "leetcode"), example="LC3"),
        Field("self_rating", "自评", "int", "自评 1–5。Self-rating 1 to 5.", aliases=("自评", "自我评分", "rating")),
        Field("result", "结果", "choice", "通过 / 挂 / 待定。Result.", aliases=("结果",), choices="interview_results", example="通过"),
        Field("asked_back", "反问", "text", "你问面试官的问题(反问环节)。Your questions to the interviewer.", aliases=("反问", "反问环节", "questions asked back"), example="团队做什么业务;新人怎么培养"),
        Field("feeling", "感受", "text", "面完的感受(面试官风格、难度)。How it felt.", aliases=("感受", "面试感受", "体验", "impression"), example="面试官会引导,难度适中"),
        Field("stuck", "卡壳点", "text", "卡壳的问题。Where you got stuck.", aliases=("卡壳点", "卡壳", "stuck point")),
        Field("stuck_cause", "卡壳原因", "text", "卡壳原因。Why.", aliases=("卡壳原因", "原因", "cause")),
        Field("notes", "备注", "text", "备注。Notes.", aliases=("备注", "note")),
    ),
)

OFFERS = Table(
    name="offers",
    zh="Offer",
    doc="每个 offer 一条,按投递编号对应。One row per offer, keyed by application id.",
    key="application",
    fields=(
        Field("application", "投递编号", "text", "对应 applications 的 id。The application id.", True, ("投递编号", "id", "application id")),
        Field("level", "职级", "text", "职级 / 档位(白菜、SP、SSP)。Level or tier.", aliases=("职级", "档位", "tier")),
        Field("monthly_base", "月薪", "money", "税前月薪(元)。Monthly base in yuan.", aliases=("月薪", "base", "月base")),
        Field("months", "薪数", "int", "一年发几个月(如 15)。Months paid per year.", aliases=("薪数", "几薪")),
        Field("sign_on", "签字费", "money", "签字费(元,一次性)。Sign-on bonus.", aliases=("签字费", "签约费", "sign-on")),
        Field("stock_total", "股票总额", "money", "股票 / 期权总额(元)。Stock grant in yuan.", aliases=("股票", "期权", "stock")),
        Field("vesting", "归属", "list", "每年归属百分比,如 25/25/25/25。Vesting per year in %.", aliases=("归属", "vesting schedule")),
        Field("housing", "房补", "money", "每年住房补贴(元)。Housing per year.", aliases=("房补", "住房补贴")),
        Field("hukou", "户口", "text", "能否解决户口。Hukou.", aliases=("户口",)),
        Field("reply_by", "答复截止", "date", "答复截止日期。Reply deadline.", aliases=("答复截止", "deadline", "截止")),
        Field("notes", "备注", "text", "备注。Notes.", aliases=("备注",)),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (APPLICATIONS, HISTORY, INTERVIEWS, OFFERS)}

# Columns of a file the tracker creates (``init``, or ``add``/``move`` into a missing file):
# the public fields users fill in most; private fields belong in data/private/.
NEW_FILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "applications": ("id", "company", "role", "city", "applied", "stage", "outcome", "department", "direction", "season", "batch", "channel", "next_step", "next_at", "deadline", "priority", "tags", "link"),
}


def fresh_header(table: Table) -> list[str]:
    """Header cells for a new file of ``table``: Chinese labels for applications (the
    spreadsheet habit, with 编号 for the id), canonical names for the other tables.

    >>> fresh_header(APPLICATIONS)[:4]
    ['编号', '公司', '岗位', 'base地']
    >>> fresh_header(HISTORY) == HISTORY.names()
    True
    """
    columns = NEW_FILE_COLUMNS.get(table.name)
    if columns is None:
        return table.names()
    return ["编号" if name == "id" else table.get(name).zh for name in columns]  # type: ignore[union-attr]
