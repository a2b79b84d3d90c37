// Survey results charts: draws every element with a data-survey-chart attribute as a line
// chart of NPS, CSAT and CES per month, from the JSON block the attribute names. The same
// numbers are in the table under the chart. No inline scripts (the CSP forbids them).
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
      yAxis: [
        { type: 'value', min: -100, max: 100 },
        { type: 'value', min: 1, max: 7, position: 'right' }
      ],
      series: d.series.map(function (s, i) {
        return { name: s.name, type: 'line', connectNulls: true, yAxisIndex: i === 2 ? 1 : 0, data: s.data };
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
