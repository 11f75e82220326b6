/* Keyboard access to regions that scroll sideways: a wide table (Material wraps every table
 * in .md-typeset__scrollwrap), the board's columns, a long display formula. A region that
 * overflows and holds nothing focusable cannot be scrolled with the keyboard (WCAG 2.1.1,
 * axe: scrollable-region-focusable), so it becomes a named tab stop; one that fits does not,
 * to keep the tab order short. Rechecked on resize, since overflow depends on the width. */
(function () {
  "use strict";

  var REGIONS = ".md-typeset__scrollwrap, .hb-board, .hb-math-display";
  var KINDS = { TABLE: "表格", MATH: "公式" };

  function label(region) {
    var inner = region.querySelector("table, math");
    var kind = inner ? KINDS[inner.tagName.toUpperCase()] : "看板";
    var heading = null;
    for (var node = region; node && !heading; node = node.parentElement) {
      for (var sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) { heading = sibling; break; }
      }
    }
    var title = heading ? heading.textContent.replace(/¶$/, "").trim() : "";
    return (title ? title + ":" : "") + kind + "(可左右滚动)";
  }

  function update() {
    document.querySelectorAll(REGIONS).forEach(function (region) {
      var overflows = region.scrollWidth > region.clientWidth + 1;
      if (overflows && !region.hasAttribute("tabindex")) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", label(region));
        region.dataset.hbScrollRegion = "1";
      } else if (!overflows && region.dataset.hbScrollRegion) {
        ["tabindex", "role", "aria-label", "data-hb-scroll-region"].forEach(function (name) {
          region.removeAttribute(name);
        });
      }
    });
  }

  var pending = null;
  function later() {
    clearTimeout(pending);
    pending = setTimeout(update, 150);
  }

  // Material wraps the tables from its own script: check once it has run, and again at load.
  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(later);
  window.addEventListener("load", later);
  window.addEventListener("resize", later);
})();
