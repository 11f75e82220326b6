/* The 复习 page (what is due, counts, streak, export / import / reset) and the 模拟面试 page.
 * Both read the catalogue the build writes into <script type="application/json" id="hb-study-catalogue">. */
(function () {
  "use strict";
  var S = window.hbStudy;
  if (!S) return;
  var GRADE_LABELS = { "new": "没想起来", "fuzzy": "模糊", "known": "掌握" };

  var all = S.all;
  var el = S.el;

  function catalogue() {
    var block = document.getElementById("hb-study-catalogue");
    if (!block) return null;
    var data = JSON.parse(block.textContent);
    data.byKey = {};
    data.items.forEach(function (item) { data.byKey[item.k] = item; });
    return data;
  }

  function gradeButtons(key, info) {
    var group = el("span", { "class": "hb-study hb-study--inline", "role": "group", "aria-label": "自评", "data-hb-key": key });
    S.MARKS.forEach(function (mark) {
      var button = el("button", { "type": "button", "class": "hb-study__mark hb-study__mark--" + mark, "data-hb-grade": mark, "aria-pressed": "false" }, GRADE_LABELS[mark]);
      group.appendChild(button);
    });
    group.hbInfo = info;
    return group;
  }

  /* A click on a self-rating button: grade its item, save, and hand (button, group, item) on. */
  function onGrade(root, then) {
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-hb-grade]");
      var group = button && button.closest("[data-hb-key]");
      if (!group) return;
      var data = S.load();
      var item = S.grade(data, group.getAttribute("data-hb-key"), button.getAttribute("data-hb-grade"), group.hbInfo);
      S.save(data);
      then(button, group, item);
    });
  }

  function itemLink(item, key) {
    var link = el("a", { "href": S.urlOfKey(key) }, item.t);
    return link;
  }

  /* ---- 复习 ---- */

  /* What is due today: pages from your own interviews first (卡壳 before merely asked) while
   * they are unmarked or due, then scheduled items by due date. */
  function reviewQueue(cat, data, day) {
    var queue = [];
    var seen = {};
    function push(key, reason) {
      if (seen[key]) return;
      seen[key] = true;
      queue.push({ key: key, reason: reason });
    }
    [1, 0].forEach(function (stuck) {
      cat.items.forEach(function (item) {
        if (!item.i || item.k.indexOf("#") !== -1 || (item.x || 0) !== stuck) return;
        var state = data.items[item.k];
        if (!state || S.isDue(state, day)) push(item.k, "interview");
      });
    });
    Object.keys(data.items)
      .filter(function (key) { return S.isDue(data.items[key], day); })
      .sort(function (a, b) { return data.items[a].due < data.items[b].due ? -1 : data.items[a].due > data.items[b].due ? 1 : a < b ? -1 : 1; })
      .forEach(function (key) { push(key, "due"); });
    return queue;
  }

  function renderReview(root, cat) {
    var data = S.load();
    var day = S.today();
    var queue = reviewQueue(cat, data, day);
    var summary = root.querySelector(".hb-review__summary");
    summary.textContent = "今天(" + day + ")到期 " + queue.length + " 项 · 连续复习 " + S.streak(data.log, day) + " 天 · 已标记 " +
      Object.keys(data.items).length + " 项";
    summary.setAttribute("data-hb-due", String(queue.length));
    summary.setAttribute("data-hb-streak", String(S.streak(data.log, day)));

    var counts = {};
    Object.keys(cat.sections).forEach(function (section) { counts[section] = { due: 0, "new": 0, fuzzy: 0, known: 0 }; });
    queue.forEach(function (entry) { var s = sectionOf(entry.key, cat, data); if (counts[s]) counts[s].due += 1; });
    Object.keys(data.items).forEach(function (key) {
      var s = sectionOf(key, cat, data);
      if (counts[s]) counts[s][data.items[key].mark] += 1;
    });
    var body = root.querySelector(".hb-review__counts tbody");
    body.textContent = "";
    Object.keys(cat.sections).forEach(function (section) {
      var row = el("tr", { "data-hb-section": section });
      row.appendChild(el("td", {}, cat.sections[section]));
      ["due", "known", "fuzzy", "new"].forEach(function (field) { row.appendChild(el("td", { "data-hb-count": field }, String(counts[section][field]))); });
      body.appendChild(row);
    });

    var list = root.querySelector(".hb-review__list");
    list.textContent = "";
    queue.forEach(function (entry) {
      var known = cat.byKey[entry.key];
      var state = data.items[entry.key];
      var item = { t: known ? known.t : state.t, s: known ? known.s : state.s };
      var li = el("li", { "class": "hb-review__item", "data-hb-key": entry.key });
      li.appendChild(itemLink(item, entry.key));
      if (known && known.p) li.appendChild(el("span", { "class": "hb-review__meta" }, "追问 · " + known.p));
      li.appendChild(el("span", { "class": "hb-review__meta" }, cat.sections[item.s] || item.s));
      if (known && known.i) li.appendChild(el("span", { "class": "hb-asked-me" + (known.x ? " hb-asked-me--stuck" : "") }, "你的面试:" + known.i));
      if (state) li.appendChild(el("span", { "class": "hb-review__meta" }, "到期 " + state.due));
      li.appendChild(gradeButtons(entry.key, item));
      list.appendChild(li);
    });
    root.querySelector(".hb-review__empty").hidden = queue.length > 0;
  }

  function sectionOf(key, cat, data) {
    var item = cat.byKey[key];
    return item ? item.s : data.items[key] ? data.items[key].s : "";
  }

  function setUpReview(root, cat) {
    renderReview(root, cat);
    onGrade(root, function (button, group, item) {
      var status = root.querySelector(".hb-review__status");
      status.textContent = "已记录:" + item.t + " → " + GRADE_LABELS[item.mark] + ",下次复习 " + item.due;
      renderReview(root, cat);
      var next = root.querySelector(".hb-review__list [data-hb-grade]");
      if (next) next.focus();
    });
  }

  /* ---- export / import / reset ---- */

  function setUpData(root, onChange) {
    var status = root.querySelector(".hb-data__status");
    root.querySelector(".hb-data__export").addEventListener("click", function () {
      var data = S.load();
      var blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
      var link = el("a", { "href": URL.createObjectURL(blob), "download": "hb-study-" + S.today() + ".json" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      status.textContent = "已导出 " + Object.keys(data.items).length + " 项。";
    });
    var input = root.querySelector(".hb-data__import");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        try {
          var data = S.clean(JSON.parse(String(reader.result)));
          S.save(data);
          status.textContent = "已导入 " + Object.keys(data.items).length + " 项。";
          onChange();
        } catch (error) {
          status.textContent = "导入失败:" + error.message;
        }
        input.value = "";
      };
      reader.readAsText(file);
    });
    var confirmBox = root.querySelector(".hb-data__confirm");
    root.querySelector(".hb-data__reset").addEventListener("click", function () {
      confirmBox.hidden = false;
      confirmBox.querySelector(".hb-data__cancel").focus();
    });
    confirmBox.querySelector(".hb-data__cancel").addEventListener("click", function () {
      confirmBox.hidden = true;
      status.textContent = "没有清空。";
    });
    confirmBox.querySelector(".hb-data__confirm-reset").addEventListener("click", function () {
      window.localStorage.removeItem(S.STORAGE_KEY);
      confirmBox.hidden = true;
      status.textContent = "已清空全部标记和复习计划。";
      onChange();
    });
  }

  /* ---- 模拟面试 ---- */

  /* Weight of a question: high-frequency x3 (when asked for), your own interviews x2, stuck x4,
   * mastered and not yet due x0.5. Filters (direction, difficulty, company) decide who takes part. */
  function weight(item, options, data) {
    var w = 1;
    if (options.hot && item.h) w *= 3;
    if (item.i) w *= item.x ? 4 : 2;
    var state = data.items[item.k];
    if (state && state.mark === "known" && !S.isDue(state)) w *= 0.5;
    return w;
  }

  function eligible(item, options) {
    if (options.sections.indexOf(item.s) === -1) return false;
    if (options.difficulties.indexOf(item.d) === -1) return false;
    if (options.company && item.c.indexOf(options.company) === -1) return false;
    return options.kind === "all" || (options.kind === "follow-ups") === (item.k.indexOf("#") !== -1);
  }

  /* Weighted sampling without replacement (Efraimidis & Spirakis 2006): key u^(1/w), largest n. */
  function draw(items, n, options, data, random) {
    return items
      .filter(function (item) { return eligible(item, options); })
      .map(function (item) { return { item: item, key: Math.pow(random(), 1 / weight(item, options, data)) }; })
      .sort(function (a, b) { return b.key - a.key; })
      .slice(0, n)
      .map(function (entry) { return entry.item; });
  }

  function readOptions(form) {
    function checked(name) { return all("input[name=" + name + "]:checked", form).map(function (box) { return box.value; }); }
    return {
      n: Math.max(1, Math.min(50, parseInt(form.querySelector("[name=n]").value, 10) || 5)),
      sections: checked("section"),
      difficulties: checked("difficulty").map(Number),
      company: form.querySelector("[name=company]").value,
      hot: form.querySelector("[name=hot]").checked,
      kind: form.querySelector("[name=kind]").value
    };
  }

  function fillForm(form, cat) {
    var sections = form.querySelector(".hb-mock__sections");
    Object.keys(cat.sections).forEach(function (section) {
      var label = el("label", {});
      label.appendChild(el("input", { "type": "checkbox", "name": "section", "value": section, "checked": "" }));
      label.appendChild(document.createTextNode(" " + cat.sections[section]));
      sections.appendChild(label);
    });
    var counts = {};
    cat.items.forEach(function (item) { if (item.k.indexOf("#") === -1) item.c.forEach(function (c) { counts[c] = (counts[c] || 0) + 1; }); });
    var select = form.querySelector("[name=company]");
    Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); }).forEach(function (company) {
      select.appendChild(el("option", { "value": company }, company + "(" + counts[company] + " 页)"));
    });
  }

  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function setUpMock(root, cat) {
    var form = root.querySelector(".hb-mock__form");
    var out = root.querySelector(".hb-mock__questions");
    var timer = root.querySelector(".hb-mock__timer");
    var status = root.querySelector(".hb-mock__status");
    var ticking = null;
    var started = 0;
    fillForm(form, cat);

    function stop() {
      if (ticking) window.clearInterval(ticking);
      ticking = null;
    }

    function finish() {
      var graded = all("[data-hb-grade][aria-pressed=true]", out).map(function (b) { return b.getAttribute("data-hb-grade"); });
      var total = all(".hb-mock__item", out).length;
      if (graded.length < total) return;
      stop();
      var c = { "new": 0, fuzzy: 0, known: 0 };
      graded.forEach(function (g) { c[g] += 1; });
      status.textContent = "完成:用时 " + timer.textContent + ",掌握 " + c.known + " · 模糊 " + c.fuzzy + " · 没想起来 " + c["new"] + "。评分已写入复习计划。";
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var options = readOptions(form);
      var picked = draw(cat.items, options.n, options, S.load(), Math.random);
      out.textContent = "";
      status.textContent = picked.length ? "每题建议 3 分钟:先出声回答,再打开页面核对,然后自评。" : "没有符合条件的题目,放宽筛选再试。";
      picked.forEach(function (item, index) {
        var li = el("li", { "class": "hb-mock__item", "data-hb-key": item.k, "data-hb-section": item.s, "data-hb-difficulty": String(item.d), "data-hb-companies": item.c.join("|") });
        li.appendChild(el("span", { "class": "hb-mock__question" }, item.t));
        var meta = (cat.sections[item.s] || item.s) + " · 难度 " + item.d + (item.h ? " · 高频" : "") + (item.p ? " · 追问自「" + item.p + "」" : "");
        li.appendChild(el("span", { "class": "hb-review__meta" }, meta));
        if (item.i) li.appendChild(el("span", { "class": "hb-asked-me" + (item.x ? " hb-asked-me--stuck" : "") }, "你的面试:" + item.i));
        var answer = el("a", { "href": S.urlOfKey(item.k), "target": "_blank", "rel": "noopener" }, "核对答案");
        li.appendChild(answer);
        li.appendChild(gradeButtons(item.k, { t: item.t, s: item.s }));
        out.appendChild(li);
        if (index === 0) li.setAttribute("tabindex", "-1");
      });
      stop();
      started = Date.now();
      timer.textContent = "00:00";
      if (picked.length) {
        ticking = window.setInterval(function () { timer.textContent = clock(Math.floor((Date.now() - started) / 1000)); }, 1000);
        out.firstChild.focus();
      }
    });

    onGrade(out, function (button, group) {
      all("[data-hb-grade]", group).forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      finish();
    });
  }

  function init() {
    var cat = catalogue();
    if (!cat) return;
    var review = document.getElementById("hb-review");
    if (review && !review.hasAttribute("data-hb-wired")) {
      review.setAttribute("data-hb-wired", "1");
      setUpReview(review, cat);
    }
    var dataBox = document.getElementById("hb-data");
    if (dataBox && !dataBox.hasAttribute("data-hb-wired")) {
      dataBox.setAttribute("data-hb-wired", "1");
      setUpData(dataBox, function () { if (review) renderReview(review, cat); });
    }
    var mock = document.getElementById("hb-mock");
    if (mock && !mock.hasAttribute("data-hb-wired")) {
      mock.setAttribute("data-hb-wired", "1");
      setUpMock(mock, cat);
    }
  }

  // Marked or graded in another tab: the review list here follows at once.
  window.addEventListener("storage", function (event) {
    var review = document.getElementById("hb-review");
    if (event.key !== S.STORAGE_KEY || !review || !review.hasAttribute("data-hb-wired")) return;
    renderReview(review, catalogue());
  });

  window.hbStudyMock = { draw: draw, weight: weight, eligible: eligible };
  init();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
})();
