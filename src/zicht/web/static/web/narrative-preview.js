// Live preview for the narrative editor: while the analyst types, the section is rendered by the
// server (the report's own template) and shown beside the text. Without JavaScript the
// "Voorbeeld" button does the same with a full page.
(function () {
  "use strict";
  var form = document.getElementById("narrative-form");
  var target = document.getElementById("narrative-preview");
  if (!form || !target || !window.fetch) { return; }
  var text = form.querySelector("textarea[name=text]");
  var timer = null;
  var pending = null;
  function refresh() {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var data = new FormData();
    data.append("text", text.value);
    data.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
    fetch(form.getAttribute("data-preview-url"), {
      method: "POST", body: data, credentials: "same-origin", signal: pending.signal,
      headers: {"X-Requested-With": "fetch"}
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    }).then(function (html) {
      target.innerHTML = html;
    }).catch(function () { /* keep the last preview; the button still works */ });
  }
  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
}());
