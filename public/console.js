// The console's few conveniences; every page works without them.
// - [data-copy="#id"]: copies the element's text, saying so for a moment
//   in the words of its `data-copied`.
// - form[data-preview=URL]: previews whom its conditions pick (the audience,
//   the visibility rule), as typed, from the server's fragment at URL; when
//   it cannot, its box says the words of its `data-unavailable`.
// - [data-test-as]: embeds the portal as a site would, signed by the server.
(function (d) {
  "use strict";

  d.addEventListener("click", function (e) {
    var button = e.target.closest("[data-copy]");
    if (!button) return;
    var source = d.querySelector(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    // The label as written, not "Copied" when clicked again within the moment.
    var label = button.dataset.label || (button.dataset.label = button.textContent);
    navigator.clipboard.writeText(source.textContent).then(function () {
      button.textContent = button.getAttribute("data-copied") || label;
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });

  function preview(form) {
    var box = form.querySelector("[data-preview-box]");
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute("data-preview"), { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { box.innerHTML = html; }) // escaped by the server's templates
      .catch(function () { box.textContent = box.getAttribute("data-unavailable") || ""; });
  }

  function testAs(el) {
    var u = (window.$unthread = { base: el.dataset.portal, workspace: el.dataset.workspace, q: [] });
    u.helpCenter = function () { u.q.push(arguments); };
    var user = el.dataset.jwt
      ? { jwt: el.dataset.jwt }
      : { name: el.dataset.name, email: el.dataset.email, verificationHash: el.dataset.hash };
    u.helpCenter("init", { user: user });
    var s = d.createElement("script");
    s.src = "/widget/loader.js";
    d.head.appendChild(s);
  }

  d.addEventListener("DOMContentLoaded", function () {
    d.querySelectorAll("form[data-preview]").forEach(function (form) {
      var timer;
      form.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { preview(form); }, 300);
      });
      preview(form);
    });
    var test = d.querySelector("[data-test-as]");
    if (test) testAs(test);
  });
})(document);
