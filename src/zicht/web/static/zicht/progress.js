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
  // The script refreshes the region itself, so the manual link is hidden, also in every fresh copy
  // of the region (otherwise a keyboard user meets it only when a poll happens to land mid-job).
  function hideManual() {
    var link = document.getElementById("refresh-link");
    if (link) { link.hidden = true; }
    return link;
  }
  hideManual();
  function poll() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live-progress");
        if (!fresh) { return; }
        region.innerHTML = fresh.innerHTML;
        hideManual();
        region.setAttribute("data-running", fresh.getAttribute("data-running"));
        if (fresh.getAttribute("data-running") === "true") { window.setTimeout(poll, 3000); }
      })
      .catch(function () {
        var link = document.getElementById("refresh-link");
        if (link) { link.hidden = false; }
      });
  }
  window.setTimeout(poll, 3000);
}());
