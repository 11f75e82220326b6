"""Preview pages of the 面经 each interview would give (``python -m tools.tracker mianjing <id>``).

Local builds only: the caller never asks for them in a public build. The posts are built by the
same code as the command, with the site's escaper and links relative to the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tools.kb.hot100 import hot100_problems
from tools.tracker.mianjing import Anonymity, Sources, build_post
from tools.tracker.mianjing_load import ANONYMITY_FILE, load_anonymity
from tools.tracker.paths import REPO_ROOT
from tools.tracker.mianjing_render import TEMPLATES, preview_markdown
from tools.tracker.tracker import Tracker

from .escape import md_text
from .memo import ContentMemo, content_key, frame_rows, frame_schema, template_source
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
    sources = Sources(pages_by_topic, topic_titles, hot100_problems(), kept_anonymity(Path(t.data_dir)))
    shared = (content_key(sources), t.settings, t.anonymised, template_source(TEMPLATES / "mianjing.md.j2"))
    interviews, apps = t.interviews, t.applications
    schemas = (frame_schema(interviews), frame_schema(apps))
    interview_rows, app_rows = frame_rows(interviews), frame_rows(apps)
    position = {app_id: i for i, app_id in enumerate(apps["id"])}
    ids, companies = interviews["id"].tolist(), apps["company"].tolist()
    for i, application in enumerate(interviews["application"].tolist()):
        at = position.get(application)
        if at is None:
            continue
        slug = company_slug(str(ids[i]))
        company_href = f"../companies/{company_slug(str(companies[at]))}.md"

        def page(i=i, at=at, interview=str(ids[i]), company_href=company_href) -> str:
            post = build_post(apps.iloc[at], interviews.iloc[[i]], t.settings, sources, anonymise=t.anonymised, single=True)
            return preview_markdown(post, "../../", _note(interview, company_href))

        # the rows as plain values with their frames' columns and dtypes: the same content as the
        # row and the one-row frame build_post gets, without making them for every interview
        inputs = (app_rows[at], interview_rows[i], schemas, company_href, shared)
        out.pages[f"{FOLDER}/{slug}.md"] = _PREVIEWS.get(inputs, page) if shared[0] is not None else page()
        out.hrefs[str(ids[i])] = f"../{FOLDER}/{slug}.md"
    return out


_ANONYMITY: ContentMemo[Anonymity] = ContentMemo(keep=8)


def kept_anonymity(data: Path) -> Anonymity:
    """:func:`~tools.tracker.mianjing_load.load_anonymity`, kept by the bytes of the files it may
    read (a YAML parse per update, under serve, for a file that rarely changes)."""
    candidates = (data / ANONYMITY_FILE, REPO_ROOT / "data" / ANONYMITY_FILE)
    try:
        contents = tuple((str(path), path.read_bytes() if path.is_file() else None) for path in candidates)
    except OSError:
        return load_anonymity(data)
    return _ANONYMITY.get(contents, lambda: load_anonymity(data))
