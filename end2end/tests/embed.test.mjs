// User stories of the embed, in headless Chromium, through the real snippet on
// the demo host site (a second origin: 127.0.0.1 vs the portal's localhost).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { eventually, launchBrowser, redactUrl, sleep, startPortal } from "../harness.mjs";

const ALICE = "alice@example.com";
const BOB = "bob@example.com";
const CAROL = "carol@example.com";
const SIGN_IN_PROMPT = /sign in/i;
const SIGNED_OUT = /signed out/i;
const NOT_VERIFIED = /could not verify your identity/i;

let portal;
let browser;

before(async () => {
  portal = await startPortal();
  // Which database this run used, for the CI log.
  console.log(`e2e database: ${portal.databaseKind} (${redactUrl(portal.databaseUrl)})`);
  console.log(`portal ${portal.portalUrl}, demo host site ${portal.demoUrl}`);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  // The server's warnings and errors, to explain a red run.
  const notes = (portal?.output() ?? "").split("\n").filter((l) => /\b(WARN|ERROR)\b|panicked/.test(l));
  if (notes.length) console.log(`portal warnings/errors (last 50):\n${notes.slice(-50).join("\n")}`);
});

/** The same demo server on the other hostname: a different, non-allowed origin. */
function otherHostname(url) {
  const u = new URL(url);
  u.hostname = u.hostname === "localhost" ? "127.0.0.1" : "localhost";
  return u.origin;
}

/**
 * Opens the host page in a fresh context. Records console errors and
 * uncaught errors of the page and its frames, and (through an init script on
 * the top window only) every message the top window receives.
 */
async function openHost(t, { url = `${portal.demoUrl}/`, beforeGoto } = {}) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push({ text: m.text(), url: m.location()?.url ?? "" });
  });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.addInitScript(() => {
    if (window !== window.top) return;
    window.__e2eMessages = [];
    window.addEventListener("message", (e) => {
      const d = e.data;
      window.__e2eMessages.push({ origin: e.origin, type: d && typeof d === "object" ? d.type : typeof d });
    });
  });
  if (beforeGoto) await beforeGoto(page);
  await page.goto(url);
  const frame = page.frameLocator("#unthread_help_center");
  return { context, page, frame, consoleErrors, pageErrors };
}

/** The portal frame as a Playwright Frame (for content() and evaluate()). */
async function portalFrame(page) {
  const handle = await page.waitForSelector("#unthread_help_center", { state: "attached" });
  return eventually(async () => {
    const f = await handle.contentFrame();
    return f && f.url().startsWith(portal.portalUrl) ? f : null;
  }, { what: "the portal frame to navigate" });
}

async function statusText(frame) {
  return (await frame.locator("[data-testid=status]").first().textContent({ timeout: 1_000 })) ?? "";
}

async function waitStatus(frame, re, timeout = 20_000) {
  return eventually(async () => re.test(await statusText(frame)), { timeout, what: `status matching ${re}` })
    .catch(async (e) => {
      throw new Error(`${e.message}; status is ${JSON.stringify(await statusText(frame).catch(() => "(none)"))}`);
    });
}

async function waitReady(h) {
  await h.frame.locator("[data-testid=greeting]").waitFor({ timeout: 30_000 });
  await eventually(() => h.page.evaluate((o) => window.__e2eMessages.some((m) => m.type === "ready" && m.origin === o), new URL(portal.portalUrl).origin), {
    timeout: 30_000,
    what: 'the frame to post {type:"ready"}',
  });
  await waitStatus(h.frame, SIGN_IN_PROMPT);
}

async function login(page, email) {
  await page.selectOption("#demo-user", email);
  await page.click("#login");
}

/** Waits for the ticket list and returns its rows' cells. */
async function ticketRows(frame, { timeout = 20_000 } = {}) {
  const rows = frame.locator("[data-testid=ticket-list] [data-testid=ticket-row]");
  await rows.first().waitFor({ timeout }).catch(async (e) => {
    throw new Error(`no ticket rows within ${timeout} ms; status is ${JSON.stringify(await statusText(frame).catch(() => "(none)"))}\n${e.message}`);
  });
  const n = await rows.count();
  const out = [];
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    const cell = async (id) => ((await row.locator(`[data-testid=${id}]`).first().textContent()) ?? "").trim();
    out.push({
      number: await cell("ticket-number"),
      title: await cell("ticket-title"),
      status: await cell("ticket-status"),
      updated: await cell("ticket-updated"),
    });
  }
  return out;
}

function assertOnly(rows, mine, other) {
  assert.ok(rows.length > 0, "at least one ticket");
  for (const r of rows) {
    assert.match(r.number, /^#\d+$/, `ticket number of ${JSON.stringify(r)}`);
    assert.ok(r.title.includes(mine), `title has ${mine}: ${JSON.stringify(r)}`);
    assert.ok(!r.title.includes(other), `title has no ${other}: ${JSON.stringify(r)}`);
    assert.ok(r.status.length > 0, `status of ${JSON.stringify(r)}`);
    assert.ok(r.updated.length > 0, `updated of ${JSON.stringify(r)}`);
  }
}

/** The portal frame's markup and rendered text. */
async function frameText(page) {
  const f = await portalFrame(page);
  return `${await f.content()}\n${await f.evaluate(() => document.body.innerText)}`;
}

/** Every text of the page and the portal frame: markup and rendered text. */
async function allText(page) {
  return `${await page.content()}\n${await page.evaluate(() => document.body.innerText)}\n${await frameText(page)}`;
}

async function rowCount(frame) {
  return frame.locator("[data-testid=ticket-row]").count();
}

/** Asserts no ticket appears now or within `ms`. */
async function assertNoTicketsFor(frame, ms) {
  const end = Date.now() + ms;
  do {
    assert.equal(await rowCount(frame), 0, "no ticket rows");
    await sleep(200);
  } while (Date.now() < end);
}

/** Alice's real {name, email, verificationHash}, from the host site's own /login. */
async function aliceUser(t) {
  const h = await openHost(t);
  await waitReady(h);
  const [resp] = await Promise.all([
    h.page.waitForResponse((r) => new URL(r.url()).pathname === "/login" && r.request().method() === "POST"),
    login(h.page, ALICE),
  ]);
  const user = await resp.json();
  assert.equal(user.email, ALICE);
  assert.match(user.verificationHash, /^[0-9a-f]{64}$/);
  await h.context.close();
  return user;
}

describe("embed through the real snippet on a second origin", () => {
  test("1. the host page loads and the frame shows the greeting (SSR + hydration)", async (t) => {
    const h = await openHost(t);
    const greeting = h.frame.locator("[data-testid=greeting]");
    await greeting.waitFor({ timeout: 30_000 });
    assert.ok(((await greeting.textContent()) ?? "").trim().length > 0, "greeting has text");
    // The loader set the embed URL, without any identity in it.
    const src = await h.page.$eval("#unthread_help_center", (f) => f.src);
    assert.ok(src.startsWith(`${portal.portalUrl}/embed/`), src);
    assert.doesNotMatch(src, /@|hash|token/i);
    await waitReady(h);
    assert.equal(await rowCount(h.frame), 0);
    await sleep(500); // let late errors surface
    const portalOrigin = new URL(portal.portalUrl).origin;
    const frameErrors = h.consoleErrors.filter((e) => e.url.startsWith(portalOrigin));
    assert.deepEqual(frameErrors, [], "no console errors from the frame");
    assert.deepEqual(h.pageErrors, [], "no uncaught errors");
  });

  test("2. logging in as Alice shows only Alice's tickets", async (t) => {
    const h = await openHost(t);
    await waitReady(h);
    await login(h.page, ALICE);
    const rows = await ticketRows(h.frame);
    assertOnly(rows, "CANARY-A", "CANARY-B");
    const name = await h.frame.locator("[data-testid=customer-name]").first().textContent();
    assert.match(name ?? "", /Alice/);
    assert.ok(!(await allText(h.page)).includes("CANARY-B"), "no CANARY-B anywhere");
  });

  test("3. log out, then Bob in the same tab: nothing of Alice is left and her token is dead", async (t) => {
    const h = await openHost(t);
    await waitReady(h);
    const portalOrigin = new URL(portal.portalUrl).origin;
    const bearerRequests = [];
    // Which user's turn a request was sent in, noted when it is sent: its
    // headers arrive later, maybe after the turn has changed.
    let turn = "alice";
    h.page.on("request", async (req) => {
      if (!req.url().startsWith(portalOrigin)) return;
      const sentIn = turn;
      const headers = await req.allHeaders().catch(() => ({}));
      if (/^Bearer /.test(headers.authorization ?? "")) {
        bearerRequests.push({ url: req.url(), method: req.method(), headers, body: req.postData(), sentIn });
      }
    });

    await login(h.page, ALICE);
    assertOnly(await ticketRows(h.frame), "CANARY-A", "CANARY-B");
    await eventually(() => bearerRequests.length > 0, { what: "a request from the frame with a bearer token" });
    const alice = bearerRequests.slice();
    const token = alice[0].headers.authorization;
    // Replays the frame's own requests with Alice's token from outside the browser.
    const replay = () =>
      Promise.all(
        alice
          .filter((r) => r.headers.authorization === token)
          .map(async (r) => {
            const headers = { authorization: token };
            for (const k of ["content-type", "accept", "origin"]) if (r.headers[k]) headers[k] = r.headers[k];
            const res = await fetch(r.url, { method: r.method, headers, body: r.method === "GET" ? undefined : r.body ?? undefined });
            return { url: r.url, status: res.status, text: await res.text() };
          }),
      );
    // Control: while signed in the replay works, so a 401 later means revocation.
    const live = await replay();
    assert.ok(live.some((r) => r.status === 200 && r.text.includes("CANARY-A")), `replay while signed in: ${JSON.stringify(live.map((r) => [r.url, r.status]))}`);

    await h.page.click("#logout");
    await waitStatus(h.frame, SIGNED_OUT);
    assert.equal(await rowCount(h.frame), 0, "no tickets after logout");
    await eventually(async () => (await replay()).every((r) => r.status === 401), {
      timeout: 10_000,
      what: "Alice's token to be refused (401) after logout",
    });

    turn = "bob";
    await login(h.page, BOB);
    const rows = await ticketRows(h.frame);
    assertOnly(rows, "CANARY-B", "CANARY-A");
    await sleep(300);
    const text = await allText(h.page);
    assert.ok(!text.includes("CANARY-A"), "CANARY-A in no DOM node of the page or the frame");
    assert.ok(!(await frameText(h.page)).includes(ALICE), "Alice's email is gone from the frame");
    const name = await h.frame.locator("[data-testid=customer-name]").first().textContent();
    assert.match(name ?? "", /Bob/);
    const bobs = bearerRequests.filter((r) => r.sentIn === "bob");
    assert.ok(bobs.length > 0, "Bob's requests were seen");
    const stale = bobs.filter((r) => r.headers.authorization === token).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(stale, [], "Bob's requests do not carry Alice's token");
    for (const r of await replay()) assert.equal(r.status, 401, `replay of ${r.url}`);
  });

  test("3b. a second init for another user, without stop, ends the first session", async (t) => {
    const h = await openHost(t);
    await waitReady(h);
    const portalOrigin = new URL(portal.portalUrl).origin;
    const tokens = new Set();
    h.page.on("request", async (req) => {
      if (!req.url().startsWith(portalOrigin) || !req.url().includes("/api/portal/page")) return;
      const auth = (await req.allHeaders().catch(() => ({}))).authorization;
      if (auth) tokens.add(auth);
    });
    await login(h.page, ALICE);
    assertOnly(await ticketRows(h.frame), "CANARY-A", "CANARY-B");
    const [aliceToken] = [...tokens];
    assert.ok(aliceToken, "the frame listed Alice's tickets with a bearer token");

    await login(h.page, BOB); // no logout in between
    await eventually(async () => (await allText(h.page)).includes("CANARY-B"), { what: "Bob's tickets" });
    assertOnly(await ticketRows(h.frame), "CANARY-B", "CANARY-A");
    assert.ok(!(await allText(h.page)).includes("CANARY-A"), "CANARY-A in no DOM node");
    const res = await fetch(`${portal.portalUrl}/api/portal/tickets`, {
      method: "POST",
      headers: { authorization: aliceToken, "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(res.status, 401, "Alice's session was revoked by Bob's init");
  });

  test("4. wrong, missing and truncated hashes are refused", async (t) => {
    const user = await aliceUser(t);
    const flipped = user.verificationHash.slice(0, -1) + (user.verificationHash.endsWith("0") ? "1" : "0");
    const cases = {
      wrong: { ...user, verificationHash: flipped },
      "another user's": { ...user, email: BOB },
      missing: { name: user.name, email: user.email },
      empty: { ...user, verificationHash: "" },
      truncated: { ...user, verificationHash: user.verificationHash.slice(0, 63) },
    };
    for (const [name, bad] of Object.entries(cases)) {
      await t.test(`${name} hash`, async (t) => {
        const h = await openHost(t);
        await waitReady(h);
        await h.page.evaluate((u) => window.$unthread.helpCenter("init", { user: u }), bad);
        await waitStatus(h.frame, NOT_VERIFIED);
        await assertNoTicketsFor(h.frame, 1_000);
        assert.ok(!(await allText(h.page)).includes("CANARY-"), "no ticket text");
      });
    }
  });

  test("5. the demo page on a non-allowed origin does not show the portal", async (t) => {
    const url = `${otherHostname(portal.demoUrl)}/`;
    const h = await openHost(t, { url });
    // The loader did run and point the frame at the portal...
    await eventually(() => h.page.$eval("#unthread_help_center", (f, p) => f.src.startsWith(`${p}/embed/`), portal.portalUrl), {
      what: "the loader to set the frame's src",
    });
    // ...but frame-ancestors keeps the portal out of it.
    const end = Date.now() + 5_000;
    while (Date.now() < end) {
      assert.equal(await h.frame.locator("[data-testid=greeting]").count(), 0, "greeting must not render");
      await sleep(250);
    }
  });

  test("6. a forged init from a cross-origin child frame is ignored", async (t) => {
    const h = await openHost(t);
    await waitReady(h);
    const forgerUrl = `${otherHostname(portal.demoUrl)}/forger`;
    // The portal frame stays frames[0]; the forger is a second child frame.
    await h.page.evaluate(
      (src) =>
        new Promise((resolve, reject) => {
          const f = document.createElement("iframe");
          f.id = "e2e-forger";
          f.onload = resolve;
          f.onerror = reject;
          f.src = src;
          document.body.appendChild(f);
        }),
      forgerUrl,
    );
    const forger = await (await h.page.$("#e2e-forger")).contentFrame();
    assert.ok(forger && forger.url().startsWith(forgerUrl), `forger loaded: ${forger?.url()}`);
    // The demo's forger titles itself once it has posted its init.
    await eventually(async () => (await forger.title()) === "forger-sent", { what: "the forger to post" });
    await assertNoTicketsFor(h.frame, 3_000);
    assert.match(await statusText(h.frame), SIGN_IN_PROMPT);
    assert.equal(await h.frame.locator("[data-testid=customer-name]").count(), 0);
    assert.ok(!(await allText(h.page)).includes("CANARY-A"));
    // The frame still works for the real site afterwards.
    await login(h.page, BOB);
    assertOnly(await ticketRows(h.frame), "CANARY-B", "CANARY-A");
  });

  test("7. calls made before the loader arrives are queued and replayed", async (t) => {
    let loaderRequested = 0;
    let queuedWhenLoaderArrived = null;
    const h = await openHost(t, {
      url: `${portal.demoUrl}/?autologin=${encodeURIComponent(ALICE)}`,
      // Hold loader.js back so the inline init surely runs against the stub.
      beforeGoto: (page) =>
        page.route("**/widget/loader.js", async (route) => {
          loaderRequested++;
          await sleep(1_500);
          queuedWhenLoaderArrived = await page
            .evaluate(() => {
              const q = window.$unthread && window.$unthread.q;
              return Array.isArray(q) ? q.map((a) => a[0]) : "not an array";
            })
            .catch((e) => `evaluate failed: ${e.message}`);
          await route.continue();
        }),
    });
    assertOnly(await ticketRows(h.frame, { timeout: 30_000 }), "CANARY-A", "CANARY-B");
    assert.equal(loaderRequested, 1, "the stub requested loader.js once");
    assert.deepEqual(
      queuedWhenLoaderArrived,
      ["init", "onCounts"],
      "the early init, then the demo page's onCounts, were queued by the stub",
    );
  });

  test("8. malformed init payloads show a clear message and no tickets", async (t) => {
    const cases = [
      ["no options", () => window.$unthread.helpCenter("init"), /user/i],
      ["email is a number", () => window.$unthread.helpCenter("init", { user: { name: "Mallory", email: 5, verificationHash: "0".repeat(64) } }), /email/i],
      [
        "a 10 MB name",
        () => window.$unthread.helpCenter("init", { user: { name: "N".repeat(10 * 1024 * 1024), email: "alice@example.com", verificationHash: "0".repeat(64) } }),
        /name/i,
      ],
    ];
    for (const [name, call, want] of cases) {
      await t.test(name, async (t) => {
        const h = await openHost(t);
        await waitReady(h);
        await h.page.evaluate(call);
        await eventually(async () => {
          const s = await statusText(h.frame);
          return !SIGN_IN_PROMPT.test(s) && want.test(s);
        }, { timeout: 20_000, what: `a status message matching ${want}` }).catch(async (e) => {
          throw new Error(`${e.message}; status is ${JSON.stringify(await statusText(h.frame).catch(() => "(none)"))}`);
        });
        const s = await statusText(h.frame);
        assert.ok(s.length < 1_000, "the message does not echo the payload");
        await assertNoTicketsFor(h.frame, 1_000);
        assert.equal(await h.frame.locator("[data-testid=customer-name]").count(), 0);
      });
    }
  });

  test("Carol, who has no tickets, sees the empty state", async (t) => {
    const h = await openHost(t);
    await waitReady(h);
    await login(h.page, CAROL);
    await h.frame.locator("[data-testid=no-tickets]").waitFor({ timeout: 20_000 });
    assert.equal(await rowCount(h.frame), 0);
    assert.match((await h.frame.locator("[data-testid=customer-name]").first().textContent()) ?? "", /Carol/);
  });
});
