/* Dashboard filters, faster with JavaScript: the same GET form, fetched and swapped in place.
   Without JavaScript the form submits as a normal page load and everything works the same. */
(function () {
  "use strict";
  var form = document.querySelector("[data-dashboard-filters]");
  if (!form || !window.fetch || !window.DOMParser) { return; }
  function load(url, push) {
    return fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok || response.redirected) { window.location.href = url; return null; }
        return response.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("dashboard-inhoud");
        var current = document.getElementById("dashboard-inhoud");
        if (!fresh || !current) { window.location.href = url; return; }
        current.replaceWith(fresh);
        document.title = doc.title;
        if (push) { history.pushState({ dashboard: true }, "", url); }
      })
      .catch(function () { window.location.href = url; });
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "jaar") { return; } // another year is another page (its own address)
    var params = new URLSearchParams(new FormData(form));
    params.delete("jaar");
    var url = form.action + (params.toString() && params.get("vorm") ? "?" + params.toString() : "");
    load(url, true);
  });
  window.addEventListener("popstate", function () { load(window.location.href, false); });
})();
