// The 四色图: the unit's site plan as the chart's background, each risk point a dot in its grade colour.
// Coordinates are fractions of the plan (0–1, y downwards). A click on the plan fills the placing form.
// A file, not an inline script: the Content-Security-Policy allows scripts from /static/ only.
window.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("site-map-data");
  var el = document.getElementById("site-map");
  if (!source || !el || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  el.style.height = Math.round(el.clientWidth * data.ratio) + "px";
  var chart = echarts.init(el);
  function background() {
    if (!data.image) { return []; }
    return [{ type: "image", z: -10, left: 0, top: 0,
              style: { image: data.image, width: chart.getWidth(), height: chart.getHeight() } }];
  }
  chart.setOption({
    animation: false,
    grid: { left: 0, right: 0, top: 0, bottom: 0 },
    xAxis: { type: "value", min: 0, max: 1, show: false },
    yAxis: { type: "value", min: 0, max: 1, inverse: true, show: false },
    tooltip: { formatter: function (p) { return echarts.format.encodeHTML(p.data.name + " " + p.data.grade); } },
    graphic: background(),
    series: [{
      type: "scatter", symbolSize: 22,
      label: { show: true, position: "right", formatter: function (p) { return p.data.name; } },
      data: data.points.map(function (p) {
        return { name: p.name, grade: p.grade, url: p.url, value: p.value,
                 itemStyle: { color: p.colour, borderColor: "#000", borderWidth: 1 } };
      })
    }]
  });
  el.dataset.points = String(data.points.length);
  chart.on("click", function (p) { if (p.data && p.data.url) { window.location.href = p.data.url; } });
  var x = document.getElementById("place-x"), y = document.getElementById("place-y");
  if (x && y) {
    chart.getZr().on("click", function (e) {
      var at = chart.convertFromPixel("grid", [e.offsetX, e.offsetY]);
      x.value = Math.min(1, Math.max(0, at[0])).toFixed(4);
      y.value = Math.min(1, Math.max(0, at[1])).toFixed(4);
    });
  }
  window.addEventListener("resize", function () {
    el.style.height = Math.round(el.clientWidth * data.ratio) + "px";
    chart.resize();
    chart.setOption({ graphic: background() });
  });
});
