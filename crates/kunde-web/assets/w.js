// Kunde survey widget: <script src="https://your-kunde/w.js" data-survey="TOKEN" async></script>
// Inserts the survey's frame where the script tag is. The frame asks the first question and
// opens up to the rest; it reports its height, and the frame follows it.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var token = script.getAttribute("data-survey");
  if (!token || !/^[A-Za-z0-9_-]{16,64}$/.test(token)) return;
  var origin = new URL(script.src).origin;
  var frame = document.createElement("iframe");
  var lang = script.getAttribute("data-lang") || document.documentElement.lang || "";
  frame.src = origin + "/s/" + token + "/embed" + (lang ? "?lang=" + encodeURIComponent(lang.slice(0, 2)) : "");
  frame.title = script.getAttribute("data-title") || "Survey";
  frame.loading = "lazy";
  frame.style.border = "0";
  frame.style.width = "100%";
  frame.style.maxWidth = "36rem";
  frame.style.height = "320px";
  script.parentNode.insertBefore(frame, script.nextSibling);
  window.addEventListener("message", function (e) {
    if (e.origin !== origin || e.source !== frame.contentWindow) return;
    var h = e.data && e.data.kundeSurveyHeight;
    if (typeof h === "number" && h > 0 && h < 5000) frame.style.height = Math.ceil(h) + "px";
  });
})();
