/* Study loop on ordinary pages: the 未学 / 模糊 / 掌握 buttons of a page and of each 追问,
 * 自测 mode, and the marks shown in the navigation and on section index pages.
 * The build writes the page control and the keys (tools/study/site.py); this wires them. */
(function () {
  "use strict";
  var S = window.hbStudy;
  if (!S) return;
  var LABELS = { "new": "未学", "fuzzy": "模糊", "known": "掌握" };

  var all = S.all;
  var el = S.el;

  /* ---- marks ---- */

  /* "kb/llm/attention#q-…" → "kb/llm"; "code/hot100/dp" → "code" (as tools/study/catalogue.py). */
  function sectionOf(key) {
    var parts = key.split("#")[0].split("/");
    return parts[0] === "kb" ? parts.slice(0, 2).join("/") : parts[0];
  }

  function questionControl(details) {
    var summary = details.querySelector("summary");
    var section = sectionOf(details.getAttribute("data-hb-study"));
    var box = el("div", {
      "class": "hb-study hb-study--question", "role": "group", "aria-label": "这道追问的掌握程度",
      "data-hb-study": details.getAttribute("data-hb-study"), "data-hb-section": section,
      "data-hb-title": summary ? summary.textContent.trim() : ""
    });
    box.appendChild(el("span", { "class": "hb-study__label" }, "这道追问"));
    S.MARKS.forEach(function (mark) {
      box.appendChild(el("button", { "type": "button", "class": "hb-study__mark hb-study__mark--" + mark, "data-hb-mark": mark, "aria-pressed": "false" }, LABELS[mark]));
    });
    box.appendChild(el("span", { "class": "hb-study__due", "aria-live": "polite" }));
    details.insertAdjacentElement("afterend", box);
  }

  function refreshControl(box, data) {
    var item = data.items[box.getAttribute("data-hb-study")];
    all("[data-hb-mark]", box).forEach(function (button) {
      button.setAttribute("aria-pressed", String(!!item && item.mark === button.getAttribute("data-hb-mark")));
    });
    var due = box.querySelector(".hb-study__due");
    if (due) due.textContent = !item ? "" : S.isDue(item) ? "今天该复习" : "下次复习 " + item.due;
    box.setAttribute("data-hb-state", item ? item.mark : "");
  }

  function decorateLink(link, data) {
    var key = S.keyOfUrl(link.href);
    var item = key && data.items[key];
    var dot = link.querySelector(".hb-dot");
    if (!item) {
      if (dot) dot.remove();
      return;
    }
    if (!dot) {
      dot = el("span", { "class": "hb-dot" });
      link.appendChild(dot);
    }
    dot.className = "hb-dot hb-dot--" + item.mark;
    dot.setAttribute("title", LABELS[item.mark]);
    dot.setAttribute("aria-label", LABELS[item.mark]);
    dot.setAttribute("role", "img");
  }

  function refreshProgress(block, data) {
    var keys = (block.getAttribute("data-hb-keys") || "").split(" ").filter(Boolean);
    var counts = { "new": 0, "fuzzy": 0, "known": 0 };
    keys.forEach(function (key) { var item = data.items[key]; if (item) counts[item.mark] += 1; });
    var unmarked = keys.length - counts.known - counts.fuzzy - counts["new"];
    block.querySelector(".hb-progress__text").textContent =
      "掌握 " + counts.known + " · 模糊 " + counts.fuzzy + " · 未学 " + counts["new"] + " · 未标记 " + unmarked + "(共 " + keys.length + " 页)";
    var bar = block.querySelector("progress");
    if (bar) bar.value = counts.known;
    block.setAttribute("data-hb-known", String(counts.known));
  }

  function refreshAll() {
    var data = S.load();
    all(".hb-study[data-hb-study]").forEach(function (box) { refreshControl(box, data); });
    // Page links only: the table of contents (anchors into this page) gets no dots.
    var links = all(".md-nav--primary a.md-nav__link[href]");
    if (document.querySelector(".hb-progress")) links = links.concat(all("article a[href]:not(.headerlink)"));
    links = links.filter(function (link) { return (link.getAttribute("href") || "").indexOf("#") === -1; });
    links.forEach(function (link) { decorateLink(link, data); });
    all(".hb-progress").forEach(function (block) { refreshProgress(block, data); });
    applySelfTest(!!data.settings.selftest);
  }

  function onMark(event) {
    var button = event.target.closest("[data-hb-mark]");
    var box = button && button.closest(".hb-study[data-hb-study]");
    if (!box) return;
    var data = S.load();
    S.grade(data, box.getAttribute("data-hb-study"), button.getAttribute("data-hb-mark"), {
      t: box.getAttribute("data-hb-title"), s: box.getAttribute("data-hb-section")
    });
    S.save(data);
    refreshAll();
  }

  /* ---- 自测 mode: hide the 一句话回答 and fold the 追问 until the reader asks ---- */

  function answerParts() {
    var heading = document.getElementById("answer");
    var parts = [];
    if (!heading || heading.tagName !== "H2") return parts;
    for (var node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
      if (!node.classList.contains("hb-reveal")) parts.push(node);
    }
    return parts;
  }

  function applySelfTest(on) {
    document.body.classList.toggle("hb-selftest", on);
    all(".hb-study__selftest").forEach(function (button) { button.setAttribute("aria-pressed", String(on)); });
    var heading = document.getElementById("answer");
    var reveal = document.querySelector(".hb-reveal");
    if (!on) {
      if (reveal) reveal.remove();
      all(".hb-selftest-hidden").forEach(function (node) { node.classList.remove("hb-selftest-hidden"); });
      return;
    }
    if (document.body.getAttribute("data-hb-selftest-done") === "1") return;
    document.body.setAttribute("data-hb-selftest-done", "1");
    all("details.question[open]").forEach(function (details) { details.open = false; });
    var parts = answerParts();
    if (!heading || !parts.length || reveal) return;
    parts.forEach(function (node) { node.classList.add("hb-selftest-hidden"); });
    reveal = el("button", { "type": "button", "class": "md-button hb-reveal", "aria-expanded": "false" }, "想好了,显示一句话回答");
    heading.insertAdjacentElement("afterend", reveal);
    reveal.addEventListener("click", function () {
      var hidden = reveal.getAttribute("aria-expanded") !== "true";
      parts.forEach(function (node) { node.classList.toggle("hb-selftest-hidden", !hidden); });
      reveal.setAttribute("aria-expanded", String(hidden));
      reveal.textContent = hidden ? "再次隐藏一句话回答" : "想好了,显示一句话回答";
    });
  }

  function onSelfTest(event) {
    if (!event.target.closest(".hb-study__selftest")) return;
    var data = S.load();
    data.settings.selftest = !data.settings.selftest;
    S.save(data);
    document.body.removeAttribute("data-hb-selftest-done");
    applySelfTest(!!data.settings.selftest);
  }

  function init() {
    // Each fold once (the print page holds every page's folds).
    all("details.question[data-hb-study]:not([data-hb-wired])").forEach(function (details) {
      details.setAttribute("data-hb-wired", "1");
      questionControl(details);
    });
    document.body.removeAttribute("data-hb-selftest-done");
    refreshAll();
    // A link from the review or mock-interview page names a 追问: open it, unless in 自测 mode.
    var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && target.matches("details.question") && !document.body.classList.contains("hb-selftest")) target.open = true;
  }

  document.addEventListener("click", onMark);
  document.addEventListener("click", onSelfTest);
  // Another tab changed the marks: show them here too.
  window.addEventListener("storage", function (event) { if (event.key === S.STORAGE_KEY) refreshAll(); });
  init();
  // With Material's instant navigation the page body is swapped without reloading scripts.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  window.hbStudyRefresh = refreshAll;
})();
