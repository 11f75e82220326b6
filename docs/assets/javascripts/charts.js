/* Draws every .hb-chart on the page with plotly (loaded just before this file).
 * Colours follow Material's palette and are redrawn when the reader switches light/dark.
 * On the 总览 page a select swaps the KPIs and charts for figures computed at build time
 * for one season or direction (#overview-variants); nothing is computed here. */
(function () {
  "use strict";

  var chosen = {}; // chart id -> figure picked by the overview filter (empty: the page's own)

  function palette() {
    var style = getComputedStyle(document.body);
    function css(name, fallback) {
      return style.getPropertyValue(name).trim() || fallback;
    }
    return {
      text: css("--md-default-fg-color", "#333"),
      grid: css("--md-default-fg-color--lightest", "#ddd"),
      font: css("--md-text-font-family", "sans-serif"),
    };
  }

  function themed(layout) {
    var colours = palette();
    var axis = { gridcolor: colours.grid, zerolinecolor: colours.grid, linecolor: colours.grid };
    var result = Object.assign({}, layout, {
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      font: Object.assign({ color: colours.text, family: colours.font }, layout.font || {}),
    });
    result.xaxis = Object.assign({}, axis, layout.xaxis || {});
    result.yaxis = Object.assign({}, axis, layout.yaxis || {});
    return result;
  }

  function draw(element) {
    var figure = chosen[element.id];
    if (!figure) {
      var source = document.getElementById(element.dataset.figure);
      if (!source) return;
      figure = JSON.parse(source.textContent);
    }
    if (typeof Plotly === "undefined") return;
    Plotly.react(element, figure.data, themed(figure.layout || {}), {
      displaylogo: false,
      responsive: true,
      modeBarButtonsToRemove: ["sendDataToCloud"],
    }).then(hideDrawing);
  }

  // Screen readers would read plotly's SVG as a heap of tick labels. The table that follows
  // every chart holds the same numbers, so the drawing is hidden from them; the figure keeps
  // its name from the caption (tools/site/charts.py).
  function hideDrawing(element) {
    element.querySelectorAll("svg.main-svg").forEach(function (svg) {
      svg.setAttribute("aria-hidden", "true");
    });
  }

  function drawAll() {
    document.querySelectorAll(".hb-chart").forEach(draw);
  }

  function setUpOverviewFilter() {
    var form = document.querySelector("form.hb-overview-filter");
    var source = document.getElementById("overview-variants");
    if (!form || !source) return;
    var variants = JSON.parse(source.textContent);
    var select = form.querySelector("select[data-overview-filter]");
    var status = form.querySelector("output");
    var values = document.querySelectorAll("[data-kpi]");
    var notes = document.querySelectorAll("[data-kpi-note]");
    var changes = document.querySelectorAll("[data-kpi-change]");
    function texts(els) {
      return Array.prototype.map.call(els, function (el) { return el.textContent; });
    }
    var all = { values: texts(values), notes: texts(notes), changes: texts(changes) };

    function apply() {
      var variant = select.value === "" ? null : variants[Number(select.value)];
      chosen = variant ? variant.charts : {};
      values.forEach(function (el, i) { el.textContent = variant ? variant.kpis[i][0] : all.values[i]; });
      notes.forEach(function (el, i) { el.textContent = variant ? variant.kpis[i][1] : all.notes[i]; });
      changes.forEach(function (el, i) { el.textContent = variant ? variant.kpis[i][2] : all.changes[i]; });
      status.textContent = variant
        ? "关键指标和图表只计“" + select.selectedOptions[0].textContent + "”;图下的表格仍是全部投递。"
        : "";
    }

    select.addEventListener("change", function () {
      apply();
      drawAll();
    });
    apply(); // a value the browser restored on reload
    form.hidden = false;
  }

  setUpOverviewFilter();
  drawAll();
  new MutationObserver(drawAll).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });
})();
