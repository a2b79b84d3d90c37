// Survey results charts: draws every element with a data-survey-chart attribute as a line
// chart of NPS, CSAT and CES per month, from the JSON block the attribute names. The same
// numbers are in the table under the chart. No inline scripts (the CSP forbids them). The
// CES axis (1–7) is drawn only when a series uses it: a survey without a CES question has
// none.
(function () {
  'use strict';

  function draw(el) {
    var source = document.getElementById(el.getAttribute('data-survey-chart'));
    if (!source || !window.echarts) { return; }
    var d = JSON.parse(source.textContent);
    el.hidden = false;
    var chart = window.echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: d.series.map(function (s) { return s.name; }) },
      xAxis: { type: 'category', data: d.periods },
      yAxis: d.series.some(function (s) { return s.axis === 'ces'; })
        ? [{ type: 'value', min: -100, max: 100 }, { type: 'value', min: 1, max: 7, position: 'right' }]
        : [{ type: 'value', min: -100, max: 100 }],
      series: d.series.map(function (s) {
        return { name: s.name, type: 'line', connectNulls: true, yAxisIndex: s.axis === 'ces' ? 1 : 0, data: s.data };
      })
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-survey-chart]'), draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
