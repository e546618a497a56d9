// Help center (Unthread-compatible). Calls made before loader.js arrives are
// queued in $unthread.q and replayed in order.
(function (w, d) {
  var u = (w.$unthread = w.$unthread || {});
  u.base = "__PORTAL_URL__";
  u.workspace = "__WORKSPACE__";
  u.q = u.q || [];
  if (u.helpCenter) return; // loaded already, or snippet pasted twice
  u.helpCenter = function () { u.q.push(arguments); };
  var s = d.createElement("script");
  s.async = true;
  s.src = u.base + "/widget/loader.js";
  d.head.appendChild(s);
})(window, document);
