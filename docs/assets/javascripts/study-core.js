/* Study loop, core: SM-2 scheduling, the one localStorage record, export / import.
 * No DOM work here (study.js and study-pages.js do that), so the maths can be tested alone.
 * Everything stays in this browser: nothing is sent anywhere. */
(function () {
  "use strict";

  var STORAGE_KEY = "hb-study";
  var VERSION = 1;
  var MARKS = ["new", "fuzzy", "known"];
  // A mark is an SM-2 grade: 未学 / 没答上 = 1 (a lapse), 模糊 = 3 (recalled with effort), 掌握 = 5.
  var GRADE_OF_MARK = { "new": 1, "fuzzy": 3, "known": 5 };
  var START_EASE = 2.5;
  var MIN_EASE = 1.3;

  // The script's own URL gives the site root on file:// and http alike.
  var script = document.currentScript;
  var siteRoot = script ? script.src.replace(/assets\/javascripts\/study-core\.js(\?.*)?$/, "") : "";

  /* SM-2 (Wozniak 1990) as usually stated: a grade q in 0..5.
   * q >= 3: the interval goes 1, 6, then round(previous interval x ease); the repetition count grows.
   * q < 3: the repetitions start again (count 0, interval 1 day).
   * After every grade the ease becomes ease + 0.1 - (5 - q)(0.08 + (5 - q) 0.02), never below 1.3.
   * The interval uses the ease from before this grade. Ease is kept to two decimals. */
  function sm2(state, grade) {
    var ease = state ? state.ef : START_EASE;
    var reps = state ? state.reps : 0;
    var interval = state ? state.interval : 0;
    if (grade >= 3) {
      // In hundredths: 45 x 2.9 must give 130.5 (then 131), not a binary fraction just below it.
      interval = reps === 0 ? 1 : reps === 1 ? 6 : Math.round((interval * Math.round(ease * 100)) / 100);
      reps += 1;
    } else {
      reps = 0;
      interval = 1;
    }
    var miss = 5 - grade;
    ease = Math.round((ease + 0.1 - miss * (0.08 + miss * 0.02)) * 100) / 100;
    return { ef: Math.max(MIN_EASE, ease), reps: reps, interval: interval };
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function today() {
    if (typeof window.HB_STUDY_TODAY === "string") return window.HB_STUDY_TODAY;
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // Calendar arithmetic in UTC so that daylight-saving changes never shift a date.
  function addDays(iso, days) {
    var p = iso.split("-");
    var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2] + days));
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }

  function empty() { return { version: VERSION, items: {}, log: {}, settings: {} }; }

  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
      return data && data.version === VERSION ? clean(data) : empty();
    } catch (e) {
      return empty();
    }
  }

  function save(data) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
      return true;
    } catch (e) {
      return false; // storage disabled or full: the page still works, marks are not kept
    }
  }

  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  function number(value, low, high) {
    return typeof value === "number" && isFinite(value) && value >= low && value <= high;
  }

  function cleanState(s) {
    return s && number(s.ef, MIN_EASE, 10) && number(s.reps, 0, 1e6) && number(s.interval, 0, 1e6)
      ? { ef: s.ef, reps: Math.floor(s.reps), interval: Math.floor(s.interval) } : null;
  }

  /* Keep only well-formed fields: an imported file is data, never trusted. */
  function clean(data) {
    var out = empty();
    if (!data || typeof data !== "object" || data.version !== VERSION) throw new Error("不是本手册导出的学习记录(version 1)");
    var items = data.items && typeof data.items === "object" ? data.items : {};
    Object.keys(items).forEach(function (key) {
      var item = items[key];
      var state = cleanState(item);
      if (!state || MARKS.indexOf(item.mark) === -1 || !DATE.test(item.due) || !DATE.test(item.last)) return;
      out.items[key] = {
        mark: item.mark, ef: state.ef, reps: state.reps, interval: state.interval, due: item.due, last: item.last,
        prev: cleanState(item.prev), t: String(item.t || key).slice(0, 300), s: String(item.s || "").slice(0, 60)
      };
    });
    var log = data.log && typeof data.log === "object" ? data.log : {};
    Object.keys(log).forEach(function (day) { if (DATE.test(day) && number(log[day], 0, 1e6)) out.log[day] = log[day]; });
    if (data.settings && data.settings.selftest === true) out.settings.selftest = true;
    return out;
  }

  /* Grade an item today. Grading it again the same day replaces today's grade
   * (the schedule restarts from the state before today), so repeated clicks do not stack. */
  function grade(data, key, mark, info, day) {
    day = day || today();
    var old = data.items[key];
    var base = old ? (old.last === day ? old.prev : { ef: old.ef, reps: old.reps, interval: old.interval }) : null;
    var next = sm2(base, GRADE_OF_MARK[mark]);
    data.items[key] = {
      mark: mark, ef: next.ef, reps: next.reps, interval: next.interval,
      due: addDays(day, next.interval), last: day, prev: base,
      t: (info && info.t) || (old && old.t) || key, s: (info && info.s) || (old && old.s) || ""
    };
    if (!old || old.last !== day) data.log[day] = (data.log[day] || 0) + 1;
    return data.items[key];
  }

  function isDue(item, day) { return item.due <= (day || today()); }

  /* Days in a row, up to today, with at least one grade; a streak is still alive until today ends. */
  function streak(log, day) {
    day = day || today();
    var count = 0;
    var cursor = log[day] ? day : addDays(day, -1);
    while (log[cursor]) {
      count += 1;
      cursor = addDays(cursor, -1);
    }
    return count;
  }

  /* The key of a page link: its path below the site root without ".html" ("kb/llm/attention"). */
  function keyOfUrl(href) {
    var url = new URL(href, window.location.href);
    var path = url.href.split("#")[0].split("?")[0];
    if (!siteRoot || path.indexOf(siteRoot) !== 0) return null;
    var rest = decodeURI(path.slice(siteRoot.length));
    if (/(^|\/)$/.test(rest)) rest += "index.html";
    return /\.html$/.test(rest) ? rest.slice(0, -5) : null;
  }

  /* "kb/llm/attention#q-1a2b3c4d" → the page, with the fold's id as anchor. */
  function urlOfKey(key) {
    var parts = key.split("#");
    return siteRoot + parts[0] + ".html" + (parts[1] ? "#" + parts[1] : "");
  }

  /* Two DOM helpers shared by study.js and study-pages.js. */
  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined && text !== null && text !== "") node.textContent = text;
    return node;
  }

  window.hbStudy = {
    all: all, el: el,
    STORAGE_KEY: STORAGE_KEY, VERSION: VERSION, MARKS: MARKS, GRADE_OF_MARK: GRADE_OF_MARK,
    sm2: sm2, today: today, addDays: addDays, empty: empty, load: load, save: save, clean: clean,
    grade: grade, isDue: isDue, streak: streak, keyOfUrl: keyOfUrl, urlOfKey: urlOfKey, siteRoot: siteRoot
  };
})();
