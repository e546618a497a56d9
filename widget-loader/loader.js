// Help-center loader (/widget/loader.js): drives iframe#unthread_help_center
// over postMessage. Identity is only ever posted, never put in a URL.
(function (w, d) {
  "use strict";
  var u = w.$unthread;
  if (!u || !Array.isArray(u.q)) return; // no snippet, or already loaded
  var T = "[unthread] ", origin, src;
  try {
    origin = new URL(u.base).origin;
    src = u.base + "/embed/" + encodeURIComponent(u.workspace);
  } catch (e) {
    return console.error(T + "bad portal URL", u.base);
  }
  var frame, warned, timer, quiet;
  var calls = []; // calls made before the iframe exists
  var out = [];   // messages held until the frame may receive them
  var ready;      // the frame's current document said "ready"
  var stopping;   // a stop was posted and not yet answered: hold the rest
  var locale = ""; // the language init asked for: the frame's page is served in it
  // A link to this page with #ticket=<number> (from the portal's mail)
  // opens that ticket, for the customer who signs in first; a stop forgets it.
  var ticket = (/^#ticket=(\d{1,18})$/.exec((w.location || {}).hash || "") || [])[1] || "";
  var watchers = []; // onCounts callbacks
  var counts = { awaitingCustomer: 0, open: 0 }; // the last counts told them

  function find() {
    if (frame && frame.isConnected) return 1;
    frame = d.querySelector("iframe#unthread_help_center");
    if (!frame) {
      ready = 0;
      // Before DOMContentLoaded it may just not be parsed yet.
      if (d.readyState != "loading" && !warned) {
        warned = 1;
        console.warn(T + "no iframe#unthread_help_center; calls stay queued");
      }
      return 0;
    }
    queued(calls);
    load();
    calls.splice(0).forEach(function (a) { run(a[0], a[1]); });
    return 1;
  }

  // A fresh document keeps nothing of a previous user; wait for its "ready".
  // A frame the portal refuses to appear in (this page's origin is not
  // allowed) never says it: tell the site's developer which origin to allow.
  function load() {
    ready = stopping = 0;
    clearTimeout(timer);
    clearTimeout(quiet);
    frame.src = src + (ticket ? "/tickets/" + ticket : "") + (locale ? "?locale=" + encodeURIComponent(locale) : "");
    quiet = setTimeout(function () {
      console.warn(T + "the portal at " + origin + " has not started in iframe#unthread_help_center after 15 s. " +
        "If this page's origin (" + (w.location || {}).origin + ") is not among the workspace's allowed " +
        "origins, an admin adds it in the console (Portal settings, Allowed embed origins).");
    }, 15000);
  }

  function post(m) {
    try {
      frame.contentWindow.postMessage(m, origin); // never "*"
    } catch (e) {
      return console.error(T + "could not send " + m.type, e);
    }
    if (m.type == "stop") stopping = arm();
  }

  function flush() {
    while (ready && !stopping && out.length) post(out.shift());
  }

  // No "stopped" within 2 s (frame dead or never ready): reload the frame so
  // no signed-in view outlives the stop; the stop itself is then moot.
  function arm() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      out = out.filter(function (m) { return m.type != "stop"; });
      if (frame) load();
    }, 2000);
    return 1;
  }

  function run(cmd, o) {
    if (cmd == "init") {
      out.push({ type: "init", user: o && o.user });
      // Another language: a page in it, which signs in with this init.
      if (localeOf(o) != locale) {
        locale = localeOf(o);
        load();
      }
    } else if (cmd == "stop") {
      out = [{ type: "stop" }]; // an undelivered init must never show after it
      ticket = "";
      arm();
    } else {
      return console.warn(T + "unknown command", cmd);
    }
    flush();
  }

  function localeOf(o) {
    var l = o && o.locale;
    return typeof l == "string" && /^[A-Za-z0-9-]{1,35}$/.test(l) ? l : "";
  }

  // Calls waiting to run: the frame loads straight in the language their
  // last init asks for, not once more when it runs.
  function queued(list) {
    list.forEach(function (a) { if (a[0] == "init") locale = localeOf(a[1]); });
  }

  // The signed-in customer's ticket counts, for a badge in the site's own
  // navigation: numbers only ever cross to this page, never titles.
  function onCounts(fn) {
    if (typeof fn != "function") return console.warn(T + "onCounts needs a function");
    watchers.push(fn);
    tell(fn);
  }

  function setCounts(awaiting, open) {
    if (awaiting == counts.awaitingCustomer && open == counts.open) return;
    counts = { awaitingCustomer: awaiting, open: open };
    watchers.forEach(tell);
  }

  function tell(fn) {
    try {
      fn({ awaitingCustomer: counts.awaitingCustomer, open: counts.open });
    } catch (e) {
      console.error(T + "an onCounts callback failed", e);
    }
  }

  function isCount(n) {
    return typeof n == "number" && n >= 0 && n % 1 == 0;
  }

  function helpCenter(cmd, o) {
    if (cmd == "onCounts") return onCounts(o);
    if (find()) run(cmd, o);
    else calls.push([cmd, o]);
  }

  w.addEventListener("message", function (e) {
    var m = e.data;
    if (!frame || e.source !== frame.contentWindow || e.origin !== origin) return;
    if (!m || typeof m != "object" || typeof m.type != "string") return;
    if (m.type == "counts") {
      if (isCount(m.awaitingCustomer) && isCount(m.open)) setCounts(m.awaitingCustomer, m.open);
    } else if (m.type == "ready" || m.type == "stopped") {
      // Signed out: no counts. A newly ready document is signed out too,
      // which also answers a stop.
      setCounts(0, 0);
      if (m.type == "ready") {
        ready = 1;
        clearTimeout(quiet);
      }
      stopping = 0;
      clearTimeout(timer);
      flush();
    } else if (m.type == "error") {
      console.warn(T + m.message);
    }
  });

  var q = u.q;
  u.helpCenter = helpCenter;
  // Stub references taken earlier push to u.q: run those calls directly.
  u.q = { push: function (a) { helpCenter.apply(0, a); } };
  queued(q);
  q.forEach(u.q.push);
  if (!find() && d.readyState == "loading") d.addEventListener("DOMContentLoaded", find);
})(window, document);
