/* Draws every .hb-chart on the page with plotly (loaded just before this file).
 * Colours follow Material's palette and are redrawn when the reader switches light/dark. */
(function () {
  "use strict";

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
    var source = document.getElementById(element.dataset.figure);
    if (!source || typeof Plotly === "undefined") return;
    var figure = JSON.parse(source.textContent);
    Plotly.react(element, figure.data, themed(figure.layout || {}), {
      displaylogo: false,
      responsive: true,
      modeBarButtonsToRemove: ["sendDataToCloud"],
    });
  }

  function drawAll() {
    document.querySelectorAll(".hb-chart").forEach(draw);
  }

  drawAll();
  new MutationObserver(drawAll).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });
})();
