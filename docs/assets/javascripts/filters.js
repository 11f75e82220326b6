/* Offline filters for the tracker pages: a form.hb-filters narrows every [data-hb-item]
 * (a board card, or a marker inside a table row) by season, batch, direction and
 * "only open". Multiple values of one item are separated by "|". No library. */
(function () {
  "use strict";

  function matches(item, field, wanted) {
    if (!wanted) return true;
    return (item.dataset[field] || "").split("|").indexOf(wanted) !== -1;
  }

  function setUp(form) {
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-hb-item]"));
    if (!items.length) return;
    var controls = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    var count = form.querySelector(".hb-filter-count");

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var visible = controls.every(function (control) {
          var field = control.dataset.filter;
          if (control.type === "checkbox") return !control.checked || item.dataset[field] === "1";
          return matches(item, field, control.value);
        });
        var target = item.closest("tr") || item;
        target.classList.toggle("hb-filtered-out", !visible);
        if (visible) shown += 1;
      });
      if (count) count.textContent = "显示 " + shown + " / " + items.length;
    }

    controls.forEach(function (control) {
      control.addEventListener("change", apply);
    });
    form.hidden = false;
    apply();
  }

  function init() {
    document.querySelectorAll("form.hb-filters").forEach(setUp);
  }

  // Material's instant navigation swaps pages without reloading: re-run on each page.
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
