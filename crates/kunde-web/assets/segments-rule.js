// Rule segment editor: as the conditions change, asks the server how many customers match
// now and shows the count and a sample of them (GET /segments/preview with the form's
// fields; the same numbers the form's Preview button shows without JavaScript). No inline
// scripts (the CSP forbids them). A refused field's reason shows in place of the count.
(function () {
  'use strict';

  function start() {
    var form = document.querySelector('form[data-preview]');
    if (!form || !window.fetch || !window.URLSearchParams) { return; }
    var count = form.querySelector('.rule-count');
    var sample = form.querySelector('.rule-sample');
    var timer = null;
    var asked = 0;

    function show(d) {
      count.textContent = d.error ? d.error : d.text;
      while (sample.firstChild) { sample.removeChild(sample.firstChild); }
      (d.sample || []).forEach(function (c) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = '/customers/' + c[0];
        a.textContent = c[1];
        li.appendChild(a);
        sample.appendChild(li);
      });
    }

    function ask() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (v, k) {
        if (k !== 'csrf' && k !== 'name' && typeof v === 'string') { params.append(k, v); }
      });
      var mine = ++asked;
      fetch(form.getAttribute('data-preview') + '?' + params.toString(), {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' }
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) { if (d && mine === asked) { show(d); } })
        .catch(function () {});
    }

    function later() {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(ask, 400);
    }

    form.addEventListener('change', later);
    form.addEventListener('input', later);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
