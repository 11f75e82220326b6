"""The study loop on the built site in Chromium, opened from disk and over http.

Iterate with HANDBOOK_TEST_SITE=/tmp/site-x (a build of this tree) and -k to pick tests.
"""

from __future__ import annotations

import json

import pytest

from tests.site.browsing import open_recorded, record
from tests.site.test_browser import root  # noqa: F401 - the (file:// | http) root fixture

pytestmark = pytest.mark.browser
ATTENTION = "kb/llm/attention.html"
PAGE_MARK = ".hb-study[data-hb-study='kb/llm/attention'] [data-hb-mark='{}']"


def today_is(day: str) -> str:
    """An init script that moves the page's "today": the study scripts read window.HB_STUDY_TODAY."""
    return f"window.HB_STUDY_TODAY = {json.dumps(day)};"


def stored(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('hb-study') || 'null'") or "null")


def test_study_marks_persist_across_reload_and_navigation(browser, root) -> None:
    root_url, origin = root
    page, recorder = open_recorded(browser, root_url + ATTENTION, origin)
    page.click(PAGE_MARK.format("known"))
    question = page.locator(".hb-study--question").first
    question_key = question.get_attribute("data-hb-study")
    assert question_key.startswith("kb/llm/attention#q-")
    question.locator("[data-hb-mark='fuzzy']").click()
    page.reload()
    assert page.get_attribute(PAGE_MARK.format("known"), "aria-pressed") == "true"
    assert page.get_attribute(PAGE_MARK.format("new"), "aria-pressed") == "false"
    assert page.locator(f".hb-study--question[data-hb-study='{question_key}'] [data-hb-mark='fuzzy']").get_attribute("aria-pressed") == "true"
    assert page.locator(".hb-study[data-hb-study='kb/llm/attention'] .hb-study__due").text_content().startswith("下次复习 ")

    page.goto(root_url + "kb/llm/hallucination.html")
    page.click(".hb-study[data-hb-study='kb/llm/hallucination'] [data-hb-mark='new']")
    page.goto(root_url + "kb/llm/index.html")
    assert page.locator(".hb-progress__text").text_content().startswith("掌握 1 · 模糊 0 · 未学 1 · 未标记 ")
    assert page.locator("article a[href='hallucination.html'] .hb-dot--new").count() == 1
    assert page.locator(".md-nav a.md-nav__link[href='attention.html'] .hb-dot--known").count() >= 1
    page.goto(root_url + "kb/index.html")
    assert page.locator(".hb-progress__text").text_content().startswith("掌握 1 · 模糊 0 · 未学 1 · ")

    data = stored(page)
    assert set(data["items"]) == {"kb/llm/attention", "kb/llm/hallucination", question_key}
    assert (data["items"]["kb/llm/attention"]["mark"], data["items"][question_key]["mark"]) == ("known", "fuzzy")
    assert recorder.page_errors == [] and recorder.console_errors == [] and recorder.external_requests() == []
    page.context.close()


def test_study_review_lists_due_items_and_rescheduling_removes_them(browser, root) -> None:
    root_url, origin = root
    # The page is marked on 12-01 in one tab while the review is open in another on 12-02. The
    # review follows the other tab's change (a storage event), so the test never navigates right
    # after a write: from file:// Chromium can show a new document localStorage a moment stale.
    marked, marked_recorder = open_recorded(browser, root_url + "code/rope.html", origin, init_script=today_is("2026-12-01"))
    page = marked.context.new_page()
    recorder = record(page, origin)
    page.add_init_script(today_is("2026-12-02"))
    page.goto(root_url + "study/index.html")
    assert page.locator(".hb-review__item[data-hb-key='code/rope']").count() == 0
    marked.click(".hb-study[data-hb-study='code/rope'] [data-hb-mark='new']")  # a lapse: due the next day
    page.locator(".hb-review__item[data-hb-key='code/rope']").wait_for(timeout=15_000)
    keys = page.eval_on_selector_all(".hb-review__item", "items => items.map(i => i.dataset.hbKey)")
    catalogue = json.loads(page.text_content("#hb-study-catalogue"))
    flags = {item["k"]: (item.get("x", 0), item.get("i")) for item in catalogue["items"]}
    interview = [k for k in keys if flags[k][1]]
    # Your own interviews come first (卡壳 before merely asked), then the scheduled items.
    assert interview and keys == interview + ["code/rope"]
    assert [flags[k][0] for k in interview] == sorted((flags[k][0] for k in interview), reverse=True)
    assert flags[interview[0]][0] == 1
    summary = page.locator(".hb-review__summary")
    assert summary.get_attribute("data-hb-due") == str(len(keys))
    assert summary.get_attribute("data-hb-streak") == "1"  # 12-01 counts until 12-02 ends
    page.locator(".hb-review__item[data-hb-key='code/rope'] [data-hb-grade='known']").click()
    assert page.locator(".hb-review__item[data-hb-key='code/rope']").count() == 0
    assert page.text_content(".hb-review__status").endswith("下次复习 2026-12-03")
    assert summary.get_attribute("data-hb-streak") == "2"
    assert page.locator(".hb-review__counts tr[data-hb-section='code'] td[data-hb-count='known']").text_content() == "1"
    assert recorder.page_errors == [] and recorder.console_errors == []
    assert marked_recorder.page_errors == [] and marked_recorder.console_errors == []
    page.context.close()


def test_study_marks_work_from_the_keyboard(browser, root) -> None:
    root_url, origin = root
    page, recorder = open_recorded(browser, root_url + ATTENTION, origin)
    page.focus(PAGE_MARK.format("new"))
    page.keyboard.press("Tab")  # to 模糊
    page.keyboard.press("Space")
    assert page.get_attribute(PAGE_MARK.format("fuzzy"), "aria-pressed") == "true"
    page.keyboard.press("Tab")  # to 掌握
    page.keyboard.press("Enter")
    assert page.get_attribute(PAGE_MARK.format("known"), "aria-pressed") == "true"
    assert page.get_attribute(PAGE_MARK.format("fuzzy"), "aria-pressed") == "false"
    assert stored(page)["items"]["kb/llm/attention"]["mark"] == "known"
    assert recorder.page_errors == []
    page.context.close()


def test_study_selftest_hides_and_reveals_answers(browser, root) -> None:
    root_url, origin = root
    page, recorder = open_recorded(browser, root_url + ATTENTION, origin)
    answer = page.locator("#answer + * + *")  # the first block of the 一句话回答 (after the reveal button)
    page.locator("details.question").first.evaluate("d => d.open = true")
    page.click(".hb-study__selftest")
    assert page.get_attribute(".hb-study__selftest", "aria-pressed") == "true"
    assert not answer.is_visible()
    assert page.locator("details.question[open]").count() == 0
    reveal = page.locator(".hb-reveal")
    reveal.focus()
    page.keyboard.press("Enter")
    assert answer.is_visible() and reveal.get_attribute("aria-expanded") == "true"
    page.goto(root_url + "kb/llm/hallucination.html")  # the mode follows the reader to the next page
    assert page.get_attribute(".hb-study__selftest", "aria-pressed") == "true"
    first_answer = page.locator("#answer + .hb-reveal + *")
    assert not first_answer.is_visible()
    page.locator(".hb-reveal").click()
    assert first_answer.is_visible()
    page.click(".hb-study__selftest")
    assert page.locator(".hb-reveal").count() == 0 and page.locator(".hb-selftest-hidden").count() == 0
    assert recorder.page_errors == [] and recorder.console_errors == []
    page.context.close()


def test_study_mock_interview_draws_by_filters_and_feeds_the_schedule(browser, root) -> None:
    root_url, origin = root
    page, recorder = open_recorded(browser, root_url + "study/mock.html", origin)
    for box in page.locator("input[name=section]").all():
        box.set_checked(box.get_attribute("value") == "kb/cv")
    page.check("input[name=difficulty][value='3']")
    page.uncheck("input[name=difficulty][value='1']")
    page.uncheck("input[name=difficulty][value='2']")
    page.fill("input[name=n]", "6")
    page.click(".hb-mock__form button[type=submit]")
    items = page.locator(".hb-mock__item")
    assert items.count() == 6
    for item in items.all():
        assert (item.get_attribute("data-hb-section"), item.get_attribute("data-hb-difficulty")) == ("kb/cv", "3")
    page.wait_for_function("() => document.querySelector('.hb-mock__timer').textContent !== '00:00'", timeout=5000)

    page.select_option("select[name=company]", "字节跳动")
    page.select_option("select[name=kind]", "follow-ups")
    for box in page.locator("input[name=section], input[name=difficulty]").all():
        box.check()
    page.fill("input[name=n]", "50")
    page.click(".hb-mock__form button[type=submit]")
    drawn = page.eval_on_selector_all(".hb-mock__item", "items => items.map(i => [i.dataset.hbKey, i.dataset.hbCompanies])")
    catalogue = json.loads(page.text_content("#hb-study-catalogue"))
    eligible = [i["k"] for i in catalogue["items"] if "字节跳动" in i["c"] and "#" in i["k"]]
    assert len(drawn) == min(50, len(eligible)) and len(drawn) > 0
    assert all("#" in key and "字节跳动" in companies.split("|") for key, companies in drawn)

    for item in page.locator(".hb-mock__item").all()[:2]:
        item.locator("[data-hb-grade='known']").click()
    data = stored(page)
    assert sorted(data["items"]) == sorted(key for key, _ in drawn[:2])
    assert all(data["items"][key]["mark"] == "known" for key, _ in drawn[:2])

    # "核对答案" leads to the 追问 itself, opened.
    link = page.locator(".hb-mock__item").first.locator("a")
    page_key, fold_id = drawn[0][0].split("#")
    assert link.get_attribute("href").endswith(f"{page_key}.html#{fold_id}")
    page.goto(link.get_attribute("href"))
    assert page.locator(f"details.question#{fold_id}[open]").count() == 1
    assert recorder.page_errors == [] and recorder.console_errors == []
    page.context.close()


def test_study_export_reset_import_restores_state(browser, root, tmp_path) -> None:
    root_url, origin = root
    page, recorder = open_recorded(browser, root_url + ATTENTION, origin)
    page.click(PAGE_MARK.format("fuzzy"))
    page.locator(".hb-study--question [data-hb-mark='known']").first.click()
    page.click(".hb-study__selftest")
    before = stored(page)
    page.goto(root_url + "study/index.html")
    with page.expect_download() as download_info:
        page.click(".hb-data__export")
    exported = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8")) == before

    page.click(".hb-data__reset")
    page.click(".hb-data__cancel")
    assert stored(page) == before
    page.click(".hb-data__reset")
    page.click(".hb-data__confirm-reset")
    assert stored(page) is None
    assert page.text_content(".hb-data__status") == "已清空全部标记和复习计划。"

    page.set_input_files(".hb-data__import", str(exported))
    page.wait_for_function("() => document.querySelector('.hb-data__status').textContent.startsWith('已导入')")
    assert stored(page) == before
    page.goto(root_url + ATTENTION)
    assert page.get_attribute(PAGE_MARK.format("fuzzy"), "aria-pressed") == "true"

    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 2, "items": {}}', encoding="utf-8")
    page.goto(root_url + "study/index.html")
    page.set_input_files(".hb-data__import", str(bad))
    page.wait_for_function("() => document.querySelector('.hb-data__status').textContent.startsWith('导入失败')")
    assert stored(page) == before
    assert recorder.page_errors == [] and recorder.console_errors == []
    page.context.close()
