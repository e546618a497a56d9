// Unit checks of widget-loader/{stub,loader}.js in a tiny fake DOM (no browser,
// no server): queueing, ordering, the ready handshake, stop and its timeout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const read = (f) => readFileSync(new URL(`../../widget-loader/${f}`, import.meta.url), "utf8");
const STUB = read("stub.js")
  .replaceAll("__PORTAL_URL__", "http://localhost:3000")
  .replaceAll("__WORKSPACE__", "de mo");
const LOADER = read("loader.js");
const ORIGIN = "http://localhost:3000";
const EMBED = "http://localhost:3000/embed/de%20mo";

function env({ readyState = "complete", withFrame = true, hash = "" } = {}) {
  const logs = { warn: [], error: [] };
  const listeners = { message: [], DOMContentLoaded: [] };
  const timers = [];
  const posted = []; // [message, targetOrigin]
  const scripts = [];
  let frame = null;
  const makeFrame = () => {
    const f = {
      tagName: "IFRAME",
      isConnected: true,
      srcs: [],
      set src(v) { this.srcs.push(v); },
      get src() { return this.srcs.at(-1) ?? ""; },
      contentWindow: {
        postMessage(m, target) {
          structuredClone(m); // throws DataCloneError like a browser
          posted.push([JSON.parse(JSON.stringify(m)), target]);
        },
      },
    };
    return f;
  };
  if (withFrame) frame = makeFrame();
  const document = {
    readyState,
    head: { appendChild: (s) => scripts.push(s) },
    createElement: () => ({}),
    querySelector: (sel) => (sel === "iframe#unthread_help_center" ? frame : null),
    addEventListener: (t, f) => listeners[t].push(f),
  };
  const window = {
    document,
    location: { origin: "https://shop.example", hash },
    URL,
    console: {
      warn: (...a) => logs.warn.push(a.join(" ")),
      error: (...a) => logs.error.push(a.join(" ")),
      log() {},
    },
    addEventListener: (t, f) => listeners[t].push(f),
    setTimeout: (f, ms) => timers.push({ f, ms, live: true }) - 1,
    clearTimeout: (id) => { if (timers[id]) timers[id].live = false; },
  };
  window.window = window;
  const ctx = vm.createContext(window);
  const e = {
    window, document, logs, posted, scripts, timers, ctx,
    get frame() { return frame; },
    addFrame() { frame = makeFrame(); return frame; },
    run: (code) => vm.runInContext(code, ctx),
    stub() { this.run(STUB); },
    loader() { this.run(LOADER); },
    hc: (...args) => window.$unthread.helpCenter(...args),
    fromFrame(data, { origin = ORIGIN, source = frame?.contentWindow } = {}) {
      for (const f of listeners.message) f({ data, origin, source });
    },
    domReady() {
      document.readyState = "interactive";
      for (const f of listeners.DOMContentLoaded) f();
    },
    fireTimers() {
      for (const t of timers.splice(0)) if (t.live) t.f();
    },
    liveTimers: () => timers.filter((t) => t.live).length,
    types: () => posted.map(([m]) => m.type),
  };
  return e;
}

const alice = { name: "Alice", email: "alice@example.com", verificationHash: "a".repeat(64) };
const bob = { name: "Bob", email: "bob@example.com", verificationHash: "b".repeat(64) };

test("stub defines the queue and appends the loader script", () => {
  const e = env();
  e.stub();
  const u = e.window.$unthread;
  assert.equal(u.base, "http://localhost:3000");
  assert.equal(u.workspace, "de mo");
  assert.equal(e.scripts.length, 1);
  assert.equal(e.scripts[0].src, "http://localhost:3000/widget/loader.js");
  assert.equal(e.scripts[0].async, true);
  e.hc("init", { user: alice });
  assert.equal(u.q.length, 1);
  e.stub(); // pasted twice: keeps the queue, no second script
  assert.equal(u.q.length, 1);
  assert.equal(e.scripts.length, 1);
});

test("queued calls replay in order, held until ready, posted to the portal origin only", () => {
  const e = env();
  e.stub();
  const early = e.window.$unthread.helpCenter; // captured stub reference
  e.hc("init", { user: alice });
  e.loader();
  assert.deepEqual(e.frame.srcs, [EMBED]);
  assert.deepEqual(e.posted, [], "nothing posted before ready");
  e.fromFrame({ type: "ready" }, { origin: "http://evil.example" });
  e.fromFrame({ type: "ready" }, { source: {} });
  e.fromFrame("ready");
  assert.deepEqual(e.posted, [], "foreign messages ignored");
  e.fromFrame({ type: "ready" });
  assert.deepEqual(e.posted, [[{ type: "init", user: alice }, ORIGIN]]);
  early("init", { user: bob }); // the stale stub reference still works
  assert.deepEqual(e.posted.at(-1), [{ type: "init", user: bob }, ORIGIN]);
  assert.ok(e.posted.every(([, t]) => t === ORIGIN));
  assert.deepEqual(e.logs.error, []);
  assert.deepEqual(e.logs.warn, []);
});

test("init's locale: the frame loads in that language, once, and the init waits for its ready", () => {
  const e = env();
  e.stub();
  e.hc("init", { user: alice, locale: "de" });
  e.loader();
  assert.deepEqual(e.frame.srcs, [`${EMBED}?locale=de`], "loaded straight in German, not twice");
  e.fromFrame({ type: "ready" });
  assert.deepEqual(e.types(), ["init"]);
  e.hc("init", { user: bob, locale: "de" }); // same language: no reload
  assert.equal(e.frame.srcs.length, 1);
  assert.deepEqual(e.types(), ["init", "init"]);
  e.hc("init", { user: bob, locale: "ar" }); // another: a page in it, then the init
  assert.deepEqual(e.frame.srcs.at(-1), `${EMBED}?locale=ar`);
  assert.deepEqual(e.types(), ["init", "init"], "held until the new page is ready");
  e.fromFrame({ type: "ready" });
  assert.deepEqual(e.types(), ["init", "init", "init"]);
  e.hc("init", { user: bob, locale: "x y<script>" }); // not a language tag: the site's default page
  assert.deepEqual(e.frame.srcs.at(-1), EMBED);
  assert.deepEqual(e.posted.map(([m]) => Object.keys(m).sort().join()), ["type,user", "type,user", "type,user"]);
});

test("a user's jwt passes through to the frame as given, queued or not", () => {
  const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFsaWNlQGV4YW1wbGUuY29tIn0.c2lnbmF0dXJl";
  const e = env();
  e.stub();
  e.hc("init", { user: { jwt } });
  e.loader();
  e.fromFrame({ type: "ready" });
  assert.deepEqual(e.posted, [[{ type: "init", user: { jwt } }, ORIGIN]]);
  e.hc("stop");
  e.fromFrame({ type: "stopped" });
  e.hc("init", { user: { jwt: jwt + "x", name: "ignored by the frame" }, locale: "ja" });
  assert.deepEqual(e.frame.srcs.at(-1), `${EMBED}?locale=ja`);
  e.fromFrame({ type: "ready" });
  assert.deepEqual(e.posted.at(-1), [{ type: "init", user: { jwt: jwt + "x", name: "ignored by the frame" } }, ORIGIN]);
  assert.ok(e.posted.every(([, t]) => t === ORIGIN));
  assert.ok(!e.frame.srcs.some((src) => src.includes(jwt)), "the token never goes into a URL");
  assert.deepEqual(e.logs.error, []);
});

test("onCounts: the frame's counts reach every callback when they change, zero once signed out", () => {
  const e = env();
  e.stub();
  const seen = [];
  e.hc("onCounts", (c) => seen.push(["early", { ...c }])); // queued before the loader
  e.loader();
  e.hc("onCounts", (c) => seen.push(["late", { ...c }]));
  e.hc("onCounts", () => { throw new Error("a site's bug"); });
  const zero = { awaitingCustomer: 0, open: 0 };
  assert.deepEqual(seen, [["early", zero], ["late", zero]], "each is told the counts at once");
  e.fromFrame({ type: "ready" });
  e.hc("init", { user: alice });
  seen.length = 0;
  e.fromFrame({ type: "counts", awaitingCustomer: 2, open: 5 });
  e.fromFrame({ type: "counts", awaitingCustomer: 2, open: 5 }); // unchanged: told once
  const two = { awaitingCustomer: 2, open: 5 };
  assert.deepEqual(seen, [["early", two], ["late", two]]);
  for (const bad of [{ awaitingCustomer: -1, open: 5 }, { awaitingCustomer: 1.5, open: 5 }, { awaitingCustomer: "2", open: 5 }, { open: 5 }]) {
    e.fromFrame({ type: "counts", ...bad });
  }
  e.fromFrame({ type: "counts", awaitingCustomer: 9, open: 9 }, { origin: "http://evil.example" });
  assert.equal(seen.length, 2, "malformed or foreign counts are ignored");
  assert.equal(e.logs.error.length, 2, "a throwing callback is reported, the others still told");
  e.hc("stop");
  e.fromFrame({ type: "stopped" });
  assert.deepEqual(seen.slice(2), [["early", zero], ["late", zero]], "signed out: no badge");
  e.hc("onCounts", "not a function");
  assert.match(e.logs.warn.at(-1), /onCounts needs a function/);
});

test("stop, stopped, then init works without reload", () => {
  const e = env();
  e.stub();
  e.loader();
  e.fromFrame({ type: "ready" });
  e.hc("init", { user: alice });
  e.hc("stop");
  e.hc("init", { user: bob }); // held until the stop is confirmed
  assert.deepEqual(e.types(), ["init", "stop"]);
  e.fromFrame({ type: "stopped" });
  assert.deepEqual(e.types(), ["init", "stop", "init"]);
  assert.equal(e.posted[2][0].user.email, "bob@example.com");
  assert.equal(e.liveTimers(), 0);
  assert.equal(e.frame.srcs.length, 1, "no reload needed");
});

test("stop without answer resets the frame; the later init waits for the new ready", () => {
  const e = env();
  e.stub();
  e.loader();
  e.fromFrame({ type: "ready" });
  e.hc("init", { user: alice });
  e.hc("stop");
  e.hc("init", { user: bob });
  assert.deepEqual(e.types(), ["init", "stop"]);
  e.fireTimers();
  assert.deepEqual(e.frame.srcs, [EMBED, EMBED], "frame reloaded");
  e.fromFrame({ type: "stopped" }); // late answer from the old document: must not post yet
  assert.deepEqual(e.types(), ["init", "stop"]);
  e.fromFrame({ type: "ready" });
  assert.deepEqual(e.types(), ["init", "stop", "init"]);
  assert.equal(e.posted[2][0].user.email, "bob@example.com");
});

test("a never-ready frame: init then stop drops the init; reset after the timeout", () => {
  const e = env();
  e.stub();
  e.hc("init", { user: alice });
  e.hc("stop");
  e.loader();
  e.fireTimers();
  assert.deepEqual(e.frame.srcs, [EMBED, EMBED]);
  e.hc("init", { user: bob });
  e.fromFrame({ type: "ready" });
  assert.deepEqual(e.types(), ["init"]);
  assert.equal(e.posted[0][0].user.email, "bob@example.com", "alice never delivered");
});

test("no iframe yet: waits for DOMContentLoaded, then warns once and keeps calls", () => {
  const e = env({ readyState: "loading", withFrame: false });
  e.stub();
  e.hc("init", { user: alice });
  e.loader();
  assert.deepEqual(e.logs.warn, [], "no warning while the document is loading");
  e.domReady();
  assert.equal(e.logs.warn.length, 1);
  e.hc("init", { user: bob });
  e.hc("init", { user: alice });
  assert.equal(e.logs.warn.length, 1, "warned once");
  e.addFrame();
  e.hc("stop"); // finds the frame now, replays everything in order
  assert.deepEqual(e.frame.srcs, [EMBED]);
  e.fromFrame({ type: "ready" });
  assert.deepEqual(e.types(), ["stop"], "inits before the stop dropped");
});

test("iframe parsed by DOMContentLoaded is picked up", () => {
  const e = env({ readyState: "loading", withFrame: false });
  e.stub();
  e.hc("init", { user: alice });
  e.loader();
  e.addFrame();
  e.domReady();
  e.fromFrame({ type: "ready" });
  assert.deepEqual(e.types(), ["init"]);
});

test("unknown commands warn; un-cloneable payloads log an error; missing options pass through", () => {
  const e = env();
  e.stub();
  e.loader();
  e.fromFrame({ type: "ready" });
  e.hc("open");
  assert.match(e.logs.warn[0], /unknown command/);
  e.hc("init", { user: { name: () => 1 } });
  assert.equal(e.logs.error.length, 1);
  e.hc("init");
  assert.deepEqual(e.posted.at(-1)[0], { type: "init" }); // user undefined is dropped by cloning
  e.fromFrame({ type: "error", message: "user.email must be a string" });
  assert.match(e.logs.warn.at(-1), /user.email must be a string/);
});

test("a second loader copy does nothing", () => {
  const e = env();
  e.stub();
  e.loader();
  const hc = e.window.$unthread.helpCenter;
  e.loader();
  assert.equal(e.window.$unthread.helpCenter, hc);
  assert.equal(e.frame.srcs.length, 1);
});

test("nothing but $unthread is exposed globally", () => {
  const e = env();
  const before = new Set(Object.keys(e.ctx));
  e.stub();
  e.loader();
  const added = Object.keys(e.ctx).filter((k) => !before.has(k));
  assert.deepEqual(added, ["$unthread"]);
});

test("a replaced iframe is picked up as a fresh document", () => {
  const e = env();
  e.stub();
  e.loader();
  e.fromFrame({ type: "ready" });
  const old = e.frame;
  old.isConnected = false;
  const fresh = e.addFrame();
  e.hc("init", { user: alice });
  assert.deepEqual(fresh.srcs, [EMBED]);
  assert.deepEqual(e.posted, [], "waits for the new frame's ready");
  e.fromFrame({ type: "ready" }, { source: old.contentWindow });
  assert.deepEqual(e.posted, [], "the old frame is no longer listened to");
  e.fromFrame({ type: "ready" });
  assert.deepEqual(e.types(), ["init"]);
});

test("a frame that never starts (origin not allowed) is explained once, naming this page's origin", () => {
  const e = env();
  e.stub();
  e.hc("init", { user: alice });
  e.loader();
  e.fireTimers(); // the portal refused to appear: no "ready" ever comes
  assert.equal(e.logs.warn.length, 1, e.logs.warn.join("\n"));
  assert.match(e.logs.warn[0], /^\[unthread\] .*https:\/\/shop\.example.*allowed origins/);
  assert.deepEqual(e.posted, [], "nothing is posted to a frame that never started");

  const ok = env();
  ok.stub();
  ok.loader();
  ok.fromFrame({ type: "ready" });
  ok.fireTimers();
  assert.deepEqual(ok.logs.warn, [], "a frame that started says nothing");
});

test("a #ticket= link opens that ticket in the frame, until a stop; anything else in the hash is ignored", () => {
  const e = env({ hash: "#ticket=42" });
  e.stub();
  e.hc("init", { user: alice, locale: "de" });
  e.loader();
  assert.equal(e.frame.src, `${EMBED}/tickets/42?locale=de`);
  e.fromFrame({ type: "ready" });
  e.hc("stop");
  e.fromFrame({ type: "stopped" });
  e.hc("init", { user: bob, locale: "fr" });
  assert.equal(e.frame.src, `${EMBED}?locale=fr`, "the next customer starts at their list");
  for (const hash of ["#ticket=", "#ticket=4x", "#ticket=1/../x", "#tickets=4", "#ticket=1234567890123456789"]) {
    const other = env({ hash });
    other.stub();
    other.loader();
    assert.equal(other.frame.src, EMBED, hash);
  }
});
