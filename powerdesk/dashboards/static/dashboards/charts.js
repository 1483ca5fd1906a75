// Draws each <figure class="chart"> of the page from its JSON spec (dashboards/charts.py) with
// ECharts; the table beneath stays as the figure's numbers. A click on a bar or a point opens
// the rows behind it, the same link as its number in the table.
(function () {
  "use strict";

  function option(spec) {
    var category = { type: "category", data: spec.categories, axisLabel: { interval: 0, hideOverlap: true } };
    var value = { type: "value", name: spec.unit || "", scale: spec.kind === "line" };
    if (spec.unit === "%" && spec.series.every(function (s) {
      return s.values.every(function (v) { return v === null || v <= 100; });
    })) {
      value.max = 100; // a share never goes past 100 %, whatever round number the axis would pick
    }
    var horizontal = spec.horizontal;
    if (horizontal) {
      category.inverse = true; // the first (the worst) at the top, as in the table
    } else if (spec.categories.length > 12) {
      category.axisLabel.rotate = 45;
    }
    return {
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: horizontal ? "shadow" : "line" } },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: spec.series.map(function (s) {
        return {
          name: s.name,
          type: s.kind,
          stack: s.stack || undefined,
          data: s.values,
          connectNulls: false,
          cursor: s.links.some(Boolean) ? "pointer" : "default",
          emphasis: { focus: "series" }
        };
      })
    };
  }

  function draw(figure) {
    var data = figure.querySelector("script[type='application/json']");
    var holder = figure.querySelector(".chart-canvas");
    if (!data || !holder || typeof echarts === "undefined") return;
    var spec = JSON.parse(data.textContent);
    if (!spec.categories.length) return;
    holder.hidden = false;
    holder.style.height = spec.horizontal ? Math.max(220, 28 * spec.categories.length + 60) + "px" : "300px";
    var chart = echarts.init(holder, null, { renderer: "canvas" });
    chart.setOption(option(spec));
    chart.on("click", function (params) {
      var series = spec.series[params.seriesIndex];
      var link = series && series.links[params.dataIndex];
      if (link) window.location.href = link;
    });
    window.addEventListener("resize", function () { chart.resize(); });
    figure.classList.add("drawn");
  }

  function drawAll() {
    document.querySelectorAll("figure.chart").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
