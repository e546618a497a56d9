// WCAG 2.1 AA in a real browser: axe-core finds no violation on any page of
// the embedded portal (signed out, the list, a search with the filters open,
// a ticket, a closed ticket, the new-ticket form, a list that says what is
// wrong; on a desktop and on a 375 px phone), of the standalone portal and
// the customer's account, nor of the console, in the
// light and the dark colour scheme. Then the main story with the keyboard
// alone: every Tab stop shows where the focus is, nothing traps it, and a
// live update is announced without taking the focus or the draft.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  accessibilityAudit,
  assertAccessible,
  eventually,
  openHostPage,
  portalAndBrowser,
  portalFrameOf,
  signInToConsole,
} from "../harness.mjs";

const shared = portalAndBrowser();
const ADMIN = { email: "admin@acme.test", password: "demo-password" };
const SCHEMES = ["light", "dark"];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };

/** A fresh browser context (closed when `t` ends) and a page in it. */
async function newPage(t, options) {
  const context = await shared.browser.newContext(options);
  t.after(() => context.close());
  const page = await context.newPage();
  await assertColorScheme(page, options?.colorScheme);
  return page;
}

/** Fails unless `page` is shown in `colorScheme` (light unless told), so neither scheme goes unchecked. */
async function assertColorScheme(page, colorScheme = "light") {
  const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
  assert.equal(dark ? "dark" : "light", colorScheme, "the colour scheme the page is shown in");
}

/** The demo host site, its portal frame waiting for a sign-in. */
async function hostPage(t, options) {
  const { page, frame } = await openHostPage(shared.browser, shared.portal.demoUrl, t, options);
  await assertColorScheme(page, options?.colorScheme);
  return { page, frame };
}

async function signIn(page, frame, email = "alice@example.com") {
  await page.selectOption("#demo-user", email);
  await page.click("#login");
  await frame.locator("[data-testid=ticket-row]").first().waitFor({ timeout: 20_000 });
}

/** Shows the list page `query` in the frame the way back and forward do. */
async function showList(page, query) {
  const frame = await portalFrameOf(page);
  await frame.evaluate((query) => {
    history.pushState(null, "", `${location.pathname.replace(/\/(new|tickets\/\d+)$/, "")}${query}`);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, query);
}

/** A console page signed in as `who`. */
function consoleAs(t, who, options) {
  return signInToConsole(shared.browser, shared.portal.portalUrl, who, t, options);
}

describe("WCAG 2.1 AA: the embedded portal", () => {
  for (const colorScheme of SCHEMES) {
    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["375 px phone", PHONE],
    ]) {
      test(`every page of the frame, ${colorScheme}, ${size}`, async (t) => {
        const { page, frame } = await hostPage(t, { colorScheme, viewport });
        const audit = accessibilityAudit();
        const check = async (what) => audit.check(await portalFrameOf(page), what);

        await audit.check(page, "the host page, with the documented iframe tag");
        await check("the frame waiting for a sign-in");
        await signIn(page, frame);
        await check("the ticket list");

        await frame.locator("[data-testid=search]").fill("billing address");
        await frame.locator("[data-testid=search]").press("Enter");
        await frame.locator("[data-testid=ticket-preview]").first().waitFor();
        await frame.locator(".filters summary").click();
        await frame.locator("[data-testid=filter-state]").waitFor();
        await check("a search with results and the filters open");

        await frame.locator("[data-testid=ticket-title] a", { hasText: "Invoice 1042" }).click();
        await frame.locator("[data-testid=ticket]").waitFor();
        await check("a ticket");
        // A refused reply says why.
        await frame.locator("[data-testid=reply-text]").fill("x".repeat(10_241));
        await frame.locator("[data-testid=reply-count].error").waitFor();
        await check("a ticket with a reply that is too long");

        await frame.locator("[data-testid=back]").click();
        await frame.locator("[data-testid=ticket-title] a", { hasText: "second admin" }).click();
        await frame.locator("[data-testid=reopen]").waitFor();
        await check("a closed ticket");

        await frame.locator("[data-testid=back]").click();
        await frame.locator("[data-testid=new-ticket]").click();
        await frame.locator("[data-testid=new-ticket-form]").waitFor();
        await check("the new-ticket form");
        await frame.locator("[data-testid=create]").click();
        await eventually(async () => (await frame.locator("[data-testid=new-problem]").textContent()).trim() !== "", {
          what: "the form to say what is missing",
        });
        await check("the new-ticket form saying what is missing");

        await showList(page, '?q="*:-"');
        await frame.locator("[data-testid=list-problem]").waitFor();
        await check("a list that cannot be shown, saying why");
        await showList(page, "?q=nothing-matches-this-search");
        await frame.locator("[data-testid=no-tickets]").waitFor();
        await check("a search without results");

        // On the phone the searches left the host page scrolled down to the
        // frame. Chromium then delivers a click that scrolls the button back
        // into view at the coordinates the frame held before the scroll, so
        // the page is brought to its top first, as a person would scroll up.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.click("#logout");
        await frame.locator("[data-testid=status]").filter({ hasText: /signed out/i }).waitFor();
        await check("the frame after signing out");
        audit.assertNone();
      });
    }
  }

  test("a frame whose sign-in is refused says so accessibly", async (t) => {
    const { page, frame } = await hostPage(t, { viewport: PHONE });
    await page.evaluate(() =>
      window.$unthread.helpCenter("init", { user: { name: "Alice", email: "alice@example.com", verificationHash: "0".repeat(64) } }),
    );
    await frame.locator("[data-testid=status][role=alert]").waitFor();
    await assertAccessible(await portalFrameOf(page), "a refused sign-in");
  });
});

describe("WCAG 2.1 AA: the standalone portal and the customer's account", () => {
  for (const colorScheme of SCHEMES) {
    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["375 px phone", PHONE],
    ]) {
      test(`its pages, ${colorScheme}, ${size}`, async (t) => {
        const { portalUrl, demoUrl } = shared.portal;
        const page = await newPage(t, { colorScheme, viewport });
        const audit = accessibilityAudit();
        await page.goto(`${portalUrl}/p/demo/sso?jwt=not-a-token`);
        await page.locator("[data-testid=status][role=alert]").waitFor();
        await audit.check(page, "a refused sign-in");

        await page.goto(`${portalUrl}/p/demo/`);
        await eventually(async () => page.url().startsWith(`${demoUrl}/sign-in?`), { what: "the site's login page" });
        await page.click("[data-testid=site-sign-in]");
        await page.locator("[data-testid=ticket-row]").first().waitFor({ timeout: 20_000 });
        await audit.check(page, "the standalone list");
        await page.click("[data-testid=account-link]");
        await page.locator("[data-testid=account-session]").first().waitFor();
        await audit.check(page, "the account page, standalone");

        // The same page in the site's frame, with "Open in a new tab".
        const { page: host, frame } = await hostPage(t, { colorScheme, viewport });
        await signIn(host, frame);
        await frame.locator("[data-testid=open-new-tab]").waitFor();
        await frame.locator("[data-testid=account-link]").click();
        await frame.locator("[data-testid=account-session]").first().waitFor();
        await audit.check(await portalFrameOf(host), "the account page in the frame");
        audit.assertNone();
      });
    }
  }
});

describe("WCAG 2.1 AA: the console", () => {
  for (const colorScheme of SCHEMES) {
    test(`every console page, ${colorScheme}`, async (t) => {
      const audit = accessibilityAudit();
      const assertAccessible = (target, what) => audit.check(target, what);
      const login = await newPage(t, { colorScheme, viewport: DESKTOP });
      await login.goto(`${shared.portal.portalUrl}/console/login`);
      await assertAccessible(login, "the sign-in page");
      await login.fill("input[name=workspace]", "demo");
      await login.fill("input[name=email]", ADMIN.email);
      await login.fill("input[name=password]", "not the password");
      await login.click("[data-testid=login-form] button[type=submit]");
      await login.locator("[data-testid=notice]").waitFor();
      await assertAccessible(login, "the sign-in page saying the password is wrong");

      const page = await consoleAs(t, ADMIN, { colorScheme, viewport: DESKTOP });
      await assertColorScheme(page, colorScheme);
      const visit = async (path, what, ready) => {
        await page.goto(`${shared.portal.portalUrl}${path}`);
        if (ready) await page.locator(ready).first().waitFor();
        await assertAccessible(page, what);
      };
      await visit("/console/inbox", "the inbox", "[data-testid=inbox-row]");
      await visit("/console/inbox?q=CSV+export", "the inbox, searched", "[data-testid=inbox-row]");
      await page.locator("[data-testid=inbox-row] a", { hasText: "CSV export" }).first().click();
      await page.locator("[data-testid=console-ticket]").waitFor();
      await assertAccessible(page, "a ticket in the console");
      const composer = page.locator("[data-testid=console-composer]");
      await composer.locator("textarea").fill(`An internal note (${colorScheme})`);
      await composer.locator("[data-testid=add-note]").click();
      await page.locator("[data-testid=internal-note]").first().waitFor();
      await assertAccessible(page, "a ticket with an internal note");

      await visit("/console/customers", "the customers", "[data-testid=customer-row]");
      await page.locator("[data-testid=customer-row] a").first().click();
      await page.locator("[data-testid=customer]").waitFor();
      await assertAccessible(page, "a customer");
      await visit("/console/companies", "the companies", "[data-testid=company-row]");
      await page.locator("[data-testid=company-row] a").first().click();
      await page.locator("[data-testid=company]").waitFor();
      await assertAccessible(page, "a company");
      await visit("/console/accounts", "the accounts", "[data-testid=account-row]");
      await visit("/console/password", "your account", "[data-testid=password-form]");
      await visit("/console/embed", "the embed code", "[data-testid=portal-state]");
      await page.click("[data-testid=reveal-secret]");
      await page.locator("[data-testid=secret]").waitFor();
      await assertAccessible(page, "the embed code with the secret shown");
      await visit("/console/settings", "every section of the portal settings", "[data-testid=settings-audience]");
      await page.locator("[data-testid=settings-look] button[type=submit]").click();
      await page.locator("[data-testid=notice]").waitFor();
      await assertAccessible(page, "the settings saying they were saved");
      await page.locator("[data-testid=settings-look]").evaluate((f) => (f.noValidate = true));
      await page.locator("[data-testid=settings-look] input[name=brand_color]").fill("red");
      await page.locator("[data-testid=settings-look] button[type=submit]").click();
      await page.locator("[data-testid=notice].error").waitFor();
      await assertAccessible(page, "the settings saying what was refused");
      // The console's page of the portal as a customer: the frame itself is checked above.
      await visit("/console/test-as?email=bob%40example.com", "testing the portal as a customer", "#unthread_help_center");
      audit.assertNone();
    });
  }
});

/**
 * Where the focus is in the portal's frame: null when the frame does not
 * have it, else the focused element, and whether it shows a focus indicator
 * (an outline or a box shadow).
 */
function focusIn(frame) {
  return frame.evaluate(() => {
    if (!document.hasFocus()) return null;
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: "body", shows: false, label: "body" };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
    const testid = el.getAttribute("data-testid");
    const text = (el.innerText ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
    return {
      tag: el.tagName.toLowerCase(),
      testid,
      text,
      shows: outline || shadow,
      label: `${el.tagName.toLowerCase()}${testid ? `[${testid}]` : ""}${text ? ` "${text}"` : ""}`,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the frame's focused element matches
 * `wanted`; every stop on the way in the frame must show where the focus is.
 */
async function tabTo(page, frame, wanted, { backwards = false, max = 60, what = "the element" } = {}) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    const at = await focusIn(frame);
    if (!at) continue; // on the host page
    stops.push(at.label);
    assert.ok(at.shows, `${at.label} has the focus but shows no focus indicator (after ${stops.join(" → ")})`);
    if (wanted(at)) return at;
  }
  throw new Error(`${what} was not reached with ${backwards ? "Shift+Tab" : "Tab"}; the stops: ${stops.join(" → ")}`);
}

/** Tab leaves the frame for the host page, and Shift+Tab comes back: no trap. */
async function assertNoTrap(page, frame, where) {
  let left = false;
  for (let i = 0; i < 80 && !left; i++) {
    await page.keyboard.press("Tab");
    left = (await focusIn(frame)) === null;
  }
  assert.ok(left, `Tab never leaves the frame from ${where}`);
  let back = null;
  for (let i = 0; i < 10 && !back; i++) {
    await page.keyboard.press("Shift+Tab");
    back = await focusIn(frame);
  }
  assert.ok(back, `Shift+Tab does not come back into the frame from the host page (${where})`);
  return back;
}

describe("the keyboard alone", () => {
  test("search, open a ticket, reply, go back and open a ticket, with every Tab stop visible and no trap", async (t) => {
    const token = (await shared.portal.cli("token", "create", "--workspace", "demo", "--name", "a11y")).trim().split("\n").pop().trim();
    const { page } = await hostPage(t, { viewport: DESKTOP });
    const frameLocator = page.frameLocator("#unthread_help_center");
    await signIn(page, frameLocator);
    const frame = await portalFrameOf(page);
    const announcer = frameLocator.locator("[data-testid=announcer]");
    assert.equal(await announcer.getAttribute("aria-live"), "polite");

    // From the host page's controls into the frame, to the search box.
    await tabTo(page, frame, (at) => at.testid === "search", { what: "the search box" });
    await page.keyboard.type("CSV export");
    await page.keyboard.press("Enter");
    await frameLocator.locator("[data-testid=ticket-preview]").first().waitFor();
    assert.equal((await focusIn(frame))?.testid, "search", "the search box keeps the focus on the results page");
    assert.equal(await frameLocator.locator("[data-testid=search]").inputValue(), "CSV export");

    // Open the ticket from the results.
    await tabTo(page, frame, (at) => at.tag === "a" && at.text.startsWith("CSV export"), { what: "the ticket's link" });
    await page.keyboard.press("Enter");
    await frameLocator.locator("[data-testid=ticket]").waitFor();
    assert.equal((await focusIn(frame))?.tag, "h2", "a new page starts at its heading");
    await assertNoTrap(page, frame, "a ticket");

    // Back in from the end of the frame: the reply box, a reply, sent with Enter on Send.
    await tabTo(page, frame, (at) => at.testid === "reply-text", { backwards: true, what: "the reply box" });
    await page.keyboard.type("Sent with the keyboard alone (KBD-1).");
    await tabTo(page, frame, (at) => at.testid === "send", { what: "the send button" });
    await page.keyboard.press("Enter");
    await frameLocator.locator("[data-testid=message]", { hasText: "KBD-1" }).waitFor();
    await frameLocator.locator("[data-testid=send-state]", { hasText: "Sent" }).waitFor();
    assert.equal((await focusIn(frame))?.testid, "reply-text", "the emptied reply box has the focus again");
    assert.doesNotMatch(await announcer.textContent(), /Alice/, "her own reply is not announced to her");

    // A reply from support arrives live: announced politely; the focus and the draft stay.
    await page.keyboard.type("Half a thought");
    const number = (await frameLocator.locator("[data-testid=ticket] [data-testid=ticket-number]").textContent()).replace("#", "");
    const response = await fetch(`${shared.portal.portalUrl}/api/v1/tickets/${number}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ body: "We are on it (KBD-LIVE).", author_name: "Sam from Acme" }),
    });
    assert.equal(response.status, 201, await response.text());
    await frameLocator.locator("[data-testid=message]", { hasText: "KBD-LIVE" }).waitFor({ timeout: 10_000 });
    await eventually(async () => /Sam from Acme/.test(await announcer.textContent()), { what: "the new message to be announced" });
    assert.equal((await focusIn(frame))?.testid, "reply-text", "the reply box keeps the focus through the live refresh");
    await page.keyboard.type(", continued.");
    assert.equal(await frameLocator.locator("[data-testid=reply-text]").inputValue(), "Half a thought, continued.");

    // Back to the list with the ticket's back link.
    await tabTo(page, frame, (at) => at.testid === "back", { backwards: true, what: "the back link" });
    await page.keyboard.press("Enter");
    await frameLocator.locator("[data-testid=ticket-list]").waitFor();

    // A new ticket, from the form to the list, pressing Space on its button.
    await tabTo(page, frame, (at) => at.testid === "new-ticket", { what: "the new-ticket button" });
    await page.keyboard.press("Enter");
    await frameLocator.locator("[data-testid=new-ticket-form]").waitFor();
    assert.equal((await focusIn(frame))?.tag, "h2", "the form starts at its heading");
    await tabTo(page, frame, (at) => at.testid === "new-title", { what: "the title" });
    await page.keyboard.type("Opened with the keyboard alone (CANARY-A)");
    await tabTo(page, frame, (at) => at.testid === "new-type", { what: "the type" });
    const type = frameLocator.locator("[data-testid=new-type]");
    const firstType = await type.inputValue();
    await page.keyboard.press("ArrowDown");
    assert.notEqual(await type.inputValue(), firstType, "the arrow keys choose another type");
    await tabTo(page, frame, (at) => at.testid === "new-description", { what: "the description" });
    await page.keyboard.type("Every step by keyboard.");
    await tabTo(page, frame, (at) => at.testid === "create", { what: "the create button" });
    await page.keyboard.press("Space");
    const first = frameLocator.locator("[data-testid=ticket-row]").first();
    await eventually(async () => (await first.locator("[data-testid=ticket-title]").textContent()).includes("Opened with the keyboard alone"), {
      what: "the new ticket on top of the list",
    });
    await assertNoTrap(page, frame, "the list");
  });
});
