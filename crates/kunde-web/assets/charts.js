// Kunde's charts: draws every element with a data-chart attribute with ECharts, from the
// JSON block the attribute names. The page's tables hold the same numbers, so without
// JavaScript nothing is lost. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  'use strict';

  // ECharts inserts a tooltip formatter's result as HTML: every name and label a user typed
  // (touchpoint names) goes through esc() first. Axis and series labels are drawn on the
  // canvas as text and need no escaping.
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // The funnel as horizontal bars, first step on top: each step's name stands beside its bar
  // (on the category axis) and the count with its share at the bar's end, so no name is ever
  // drawn over a number, however long the names or small the bars.
  function funnelOption(d) {
    return {
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          return esc(p.name) + ': ' + esc(p.value) + ' ' + esc(d.label) + ' (' + esc(p.data.percent) + ' %)';
        }
      },
      grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: d.steps.map(function (s) { return s.name; }),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { width: 180, overflow: 'truncate' }
      },
      series: [{
        type: 'bar',
        barMaxWidth: 32,
        label: {
          show: true,
          position: 'right',
          formatter: function (p) { return p.value + ' (' + p.data.percent + ' %)'; }
        },
        data: d.steps.map(function (s) { return { name: s.name, value: s.value, percent: s.percent }; })
      }]
    };
  }

  function sankeyOption(d) {
    var labels = {};
    d.nodes.forEach(function (n) { labels[n.name] = n.label; });
    return {
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          if (p.dataType === 'edge') {
            return esc(labels[p.data.source]) + ' → ' + esc(labels[p.data.target]) + ': ' + esc(p.data.value) + ' ' + esc(d.label);
          }
          return esc(labels[p.name]) + ': ' + esc(p.value) + ' ' + esc(d.label);
        }
      },
      series: [{
        type: 'sankey',
        left: 10,
        right: 140,
        nodeAlign: 'left',
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 },
        label: { formatter: function (p) { return labels[p.name]; } },
        data: d.nodes.map(function (n) { return { name: n.name, depth: n.depth }; }),
        links: d.links
      }]
    };
  }

  function draw(el) {
    var source = document.getElementById(el.getAttribute('data-chart'));
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var option = data.type === 'option' ? data.option : data.type === 'sankey' ? sankeyOption(data) : funnelOption(data);
    el.hidden = false;
    var chart = window.echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-chart]'), draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
