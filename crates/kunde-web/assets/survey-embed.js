// Runs inside the survey widget's frame: tells the page around it how tall the survey is,
// so the frame grows as the survey opens up from one question to the rest.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function report() {
    var h = document.documentElement.scrollHeight;
    if (h !== last) {
      last = h;
      window.parent.postMessage({ kundeSurveyHeight: h }, "*");
    }
  }
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
  document.addEventListener("change", report);
  report();
})();
