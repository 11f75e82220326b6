"""Preview pages of the 面经 each interview would give (``python -m tools.tracker mianjing <id>``).

Local builds only: the caller never asks for them in a public build. The posts are built by the
same code as the command, with the site's escaper and links relative to the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tools.kb.hot100 import hot100_problems
from tools.tracker.mianjing import Sources, build_post
from tools.tracker.mianjing_load import load_anonymity
from tools.tracker.mianjing_render import TEMPLATES, preview_markdown
from tools.tracker.tracker import Tracker

from .escape import md_text
from .memo import ContentMemo, content_key, template_source
from .slugs import company_slug

FOLDER = "mianjing"
_PREVIEWS: ContentMemo[str] = ContentMemo()  # serve: the posts of interviews whose inputs did not change


@dataclass
class Previews:
    pages: dict[str, str] = field(default_factory=dict)  # path under tracker/ -> Markdown
    hrefs: dict[str, str] = field(default_factory=dict)  # interview id -> link from a company page


def _note(interview_id: str, company_href: str) -> str:
    command = md_text(f"python -m tools.tracker mianjing {interview_id}")
    return (
        f'!!! note "面经预览(只在本地构建中出现)"\n'
        f"    命令 <code>{command}</code> 输出的就是这篇帖子(加 `--anonymise` 匿名,`--output` 写入文件);"
        f"备注、卡壳原因等私有字段从不写进去。[← 回到公司页]({company_href})\n"
    )


def preview_pages(t: Tracker, pages_by_topic: dict[str, list[str]], topic_titles: dict[str, str]) -> Previews:
    """One page per interview whose application exists, at ``mianjing/<slug>.md``."""
    out = Previews()
    if t.public or t.interviews.empty:
        return out
    sources = Sources(pages_by_topic, topic_titles, hot100_problems(), load_anonymity(Path(t.data_dir)))
    shared = (content_key(sources), t.settings, t.anonymised, template_source(TEMPLATES / "mianjing.md.j2"))
    position = {app_id: i for i, app_id in enumerate(t.applications["id"])}
    for i in range(len(t.interviews)):
        rows = t.interviews.iloc[[i]]
        row = rows.iloc[0]
        at = position.get(row["application"])
        if at is None:
            continue
        app = t.applications.iloc[at]
        slug = company_slug(str(row["id"]))
        company_href = f"../companies/{company_slug(str(app['company']))}.md"

        def page(app=app, rows=rows, interview=str(row["id"]), company_href=company_href) -> str:
            post = build_post(app, rows, t.settings, sources, anonymise=t.anonymised, single=True)
            return preview_markdown(post, "../../", _note(interview, company_href))

        inputs = (app, rows, company_href, shared)
        out.pages[f"{FOLDER}/{slug}.md"] = _PREVIEWS.get(inputs, page) if shared[0] is not None else page()
        out.hrefs[str(row["id"])] = f"../{FOLDER}/{slug}.md"
    return out
