// The statistics dashboard: one ECharts chart per [data-chart] element, options from the page's JSON;
// a click on a bar, point or slice opens its filtered list. A file, not an inline script: the
// Content-Security-Policy allows scripts from /static/ only.
window.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("chart-options");
  if (!source || !window.echarts) { return; }
  var options = JSON.parse(source.textContent);
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var chart = echarts.init(el);
    chart.setOption(options[el.dataset.chart]);
    chart.on("click", function (p) { if (p.data && p.data.url) { window.location.href = p.data.url; } });
    window.addEventListener("resize", function () { chart.resize(); });
  });
});
