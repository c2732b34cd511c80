// Progressive enhancement for pages that show a background job (draft build, linkage run): while the
// job runs, fetch the page again every 3 seconds and replace the progress region, which is an
// aria-live region, so screen readers hear the new step. Without JavaScript the page has a link to
// refresh it by hand (no meta refresh: it would move the page under a reader, WCAG 2.2.1).
(function () {
  "use strict";
  var region = document.getElementById("live-progress");
  if (!region || region.getAttribute("data-running") !== "true" || !window.fetch || !window.DOMParser) {
    return;
  }
  var manual = document.getElementById("refresh-link");
  if (manual) { manual.hidden = true; }
  function poll() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live-progress");
        if (!fresh) { return; }
        region.innerHTML = fresh.innerHTML;
        region.setAttribute("data-running", fresh.getAttribute("data-running"));
        if (fresh.getAttribute("data-running") === "true") { window.setTimeout(poll, 3000); }
      })
      .catch(function () { if (manual) { manual.hidden = false; } });
  }
  window.setTimeout(poll, 3000);
}());
