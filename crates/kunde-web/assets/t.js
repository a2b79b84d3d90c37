/*! Kunde web snippet. Records page views, and clicks on elements with a
 * data-kunde-touchpoint attribute, as touchpoint events of an anonymous visitor.
 * The visitor id lives in this site's localStorage: no cookies, first-party or third-party.
 * Nothing is recorded when the browser asks not to be tracked (Do Not Track or Global
 * Privacy Control).
 *
 * <script src="https://kunde.example/t.js" data-key="kunde_pk_..." data-page-touchpoint="12" async></script>
 * A page may name its own page-view touchpoint: <meta name="kunde-touchpoint" content="14">
 * A link or button:  <a href="/book" data-kunde-touchpoint="15">Book a service</a>
 * window.kunde.visitorId() gives the visitor id, for your server to join it to a customer
 * (POST /api/v1/identify with a secret key).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.kunde) return;
  var key = script.getAttribute("data-key");
  if (!key) return;
  var nav = window.navigator || {};
  var dnt = nav.doNotTrack || window.doNotTrack || nav.msDoNotTrack;
  if (dnt === "1" || dnt === "yes" || nav.globalPrivacyControl === true) return;

  var endpoint = new URL("/api/v1/snippet/events", script.src).href;
  var STORE = "kunde_visitor";

  function randomId() {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    var out = "";
    for (var i = 0; i < bytes.length; i++) out += ("0" + bytes[i].toString(16)).slice(-2);
    return out;
  }

  var visitor;
  try {
    visitor = window.localStorage.getItem(STORE);
    if (!visitor || !/^[A-Za-z0-9_-]{1,64}$/.test(visitor)) {
      visitor = "v_" + randomId();
      window.localStorage.setItem(STORE, visitor);
    }
  } catch (e) {
    // Storage is blocked: this page's events stay with a visitor of this page only.
    visitor = "v_" + randomId();
  }

  function send(events) {
    var body = JSON.stringify({ key: key, visitor_id: visitor, events: events });
    // text/plain keeps it a simple request (no preflight); credentials are never sent.
    if (window.fetch) {
      window.fetch(endpoint, {
        method: "POST",
        body: body,
        headers: { "Content-Type": "text/plain" },
        credentials: "omit",
        keepalive: true,
        mode: "cors"
      }).catch(function () {});
    } else if (nav.sendBeacon) {
      nav.sendBeacon(endpoint, new Blob([body], { type: "text/plain" }));
    }
  }

  function referrer() {
    try {
      var r = document.referrer && new URL(document.referrer);
      // Only other sites' origins: never paths or queries, which may hold personal data.
      return r && r.origin !== location.origin ? r.origin : null;
    } catch (e) {
      return null;
    }
  }

  function touchpoint(value) {
    return value && /^[0-9]+$/.test(value) ? Number(value) : null;
  }

  function pageView() {
    var meta = document.querySelector('meta[name="kunde-touchpoint"]');
    var id = touchpoint(meta && meta.getAttribute("content")) ||
      touchpoint(script.getAttribute("data-page-touchpoint"));
    if (!id) return;
    var event = { type: "page_view", touchpoint_id: id, path: location.pathname, id: randomId() };
    var from = referrer();
    if (from) event.referrer = from;
    send([event]);
  }

  document.addEventListener("click", function (e) {
    var target = e.target && e.target.closest ? e.target.closest("[data-kunde-touchpoint]") : null;
    var id = target && touchpoint(target.getAttribute("data-kunde-touchpoint"));
    if (id) send([{ type: "click", touchpoint_id: id, path: location.pathname, id: randomId() }]);
  }, true);

  window.kunde = { visitorId: function () { return visitor; } };
  pageView();
})();
