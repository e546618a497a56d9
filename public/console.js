// The console's few conveniences; every page works without them.
// - [data-copy="#id"]: copies the element's text.
// - [data-audience]: previews who the audience conditions admit, as typed.
// - [data-test-as]: embeds the portal as a site would, signed by the server.
(function (d) {
  "use strict";

  d.addEventListener("click", function (e) {
    var button = e.target.closest("[data-copy]");
    if (!button) return;
    var source = d.querySelector(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent).then(function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy"; }, 1500);
    });
  });

  function previewAudience(form) {
    var box = form.querySelector("[data-audience-preview]");
    var body = new URLSearchParams(new FormData(form));
    fetch("/console/audience-preview", { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { box.innerHTML = html; }) // escaped by the server's templates
      .catch(function () { box.textContent = "The preview is not available right now."; });
  }

  function testAs(el) {
    var u = (window.$unthread = { base: el.dataset.portal, workspace: el.dataset.workspace, q: [] });
    u.helpCenter = function () { u.q.push(arguments); };
    u.helpCenter("init", { user: { name: el.dataset.name, email: el.dataset.email, verificationHash: el.dataset.hash } });
    var s = d.createElement("script");
    s.src = "/widget/loader.js";
    d.head.appendChild(s);
  }

  d.addEventListener("DOMContentLoaded", function () {
    d.querySelectorAll("[data-audience]").forEach(function (form) {
      var timer;
      form.querySelector("[data-audience-conditions]").addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { previewAudience(form); }, 300);
      });
      previewAudience(form);
    });
    var test = d.querySelector("[data-test-as]");
    if (test) testAs(test);
  });
})(document);
