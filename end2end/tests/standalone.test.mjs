// The standalone portal (/p/demo) in a real browser: a visitor is sent to
// the site's login page (the demo host site plays it and signs a JWT), comes
// back signed in, reads and answers a ticket, sees their account, and signs
// out back to the site. Tokens that must not work are refused with a page
// that says why; "Open in a new tab" hands the frame's session over once.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { eventually, portalAndBrowser, portalFrameOf, signInAs } from "../harness.mjs";

const shared = portalAndBrowser();

async function newPage(t) {
  const context = await shared.browser.newContext();
  t.after(() => context.close());
  return { context, page: await context.newPage() };
}

const b64 = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

/** An HS256 token over `claims`, as a site's server signs one. */
function jwt(secret, claims, header = { alg: "HS256", typ: "JWT" }) {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

function claims(more = {}) {
  const now = Math.floor(Date.now() / 1000);
  const jti = randomBytes(16).toString("hex");
  return { email: "alice@example.com", name: "Alice Example", aud: "demo", iat: now, exp: now + 300, jti, ...more };
}

describe("the standalone portal", () => {
  test("custom sign-on: the site's login, a ticket, a reply, the account, and signing out back to the site", async (t) => {
    const { portalUrl, demoUrl } = shared.portal;
    const { page } = await newPage(t);
    await page.goto(`${portalUrl}/p/demo/`);
    await eventually(async () => page.url().startsWith(`${demoUrl}/sign-in?`), { what: "the site's login page" });
    await page.selectOption("#user", "alice@example.com");
    await page.click("[data-testid=site-sign-in]");

    const row = page.locator("[data-testid=ticket-row]").first();
    await row.waitFor({ timeout: 20_000 });
    assert.ok(page.url().startsWith(`${portalUrl}/p/demo/`), page.url());
    assert.equal(await page.locator("[data-testid=customer-name]").textContent(), "Alice Example");
    await row.locator("a").click();
    await page.locator("[data-testid=ticket]").waitFor();
    assert.match(page.url(), /\/p\/demo\/tickets\/\d+$/);

    const words = `Answered from the standalone portal ${Date.now()}`;
    await page.fill("[data-testid=ticket] textarea[name=body]", words);
    await page.click("[data-testid=ticket] button[type=submit]");
    await page.locator(".conversation .message").filter({ hasText: words }).waitFor({ timeout: 20_000 });

    // A reload keeps the session (a cookie), and lands on the same ticket.
    await page.reload();
    await page.locator(".conversation .message").filter({ hasText: words }).waitFor({ timeout: 20_000 });

    await page.click("[data-testid=back]");
    await page.click("[data-testid=account-link]");
    await page.locator("[data-testid=account]").waitFor();
    assert.ok((await page.locator("[data-testid=account-session]").count()) >= 1);
    assert.match(await page.locator("[data-testid=account]").textContent(), /Support portal/);

    await page.click("[data-testid=sign-out]");
    await eventually(async () => page.url().startsWith(`${demoUrl}/sign-in?`), { what: "back at the site's login page" });
    await page.goto(`${portalUrl}/p/demo/`);
    await eventually(async () => page.url().startsWith(`${demoUrl}/sign-in?`), { what: "signed out for good" });
  });

  test("tokens that must not sign in are refused with a page that says why, and write nothing", async (t) => {
    const { portalUrl, demoUrl } = shared.portal;
    const secret = (await shared.portal.cli("secret", "show", "--workspace", "demo")).trim();
    const { page } = await newPage(t);
    // A token the site signed once, used twice.
    const fresh = await (await fetch(`${demoUrl}/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "alice@example.com", identity: "jwt" }),
    })).json();
    await page.goto(`${portalUrl}/p/demo/sso?jwt=${fresh.jwt}`);
    await page.locator("[data-testid=ticket-row]").first().waitFor({ timeout: 20_000 });
    const { page: again } = await newPage(t);

    const now = Math.floor(Date.now() / 1000);
    const cases = [
      ["a replayed token", fresh.jwt, /already been used/],
      ["an expired token", jwt(secret, claims({ iat: now - 1200, exp: now - 600 })), /expired/],
      ["a token for another workspace", jwt(secret, claims({ aud: "globex" })), /another support portal/],
      ["a token signed with a secret that is not active", jwt(randomBytes(32).toString("hex"), claims()), /could not verify/],
      ["alg none", `${b64({ alg: "none", typ: "JWT" })}.${b64(claims())}.`, /HS256/],
    ];
    for (const [what, token, says] of cases) {
      const response = await again.goto(`${portalUrl}/p/demo/sso?jwt=${token}`);
      assert.equal(response.status(), 401, what);
      assert.match(await again.locator("[data-testid=status]").textContent(), says, what);
      assert.equal(await again.locator("[data-testid=sign-in-again]").count(), 1, `${what}: a way to sign in again`);
    }
    // Refused, so not signed in: the portal sends the visitor to sign in.
    await again.goto(`${portalUrl}/p/demo/`);
    await eventually(async () => again.url().startsWith(`${demoUrl}/sign-in?`), { what: "still signed out" });
  });

  test("'Open in a new tab' lands signed in, and its code works once", async (t) => {
    const { portalUrl } = shared.portal;
    const { page, frame } = await signInAs(shared.browser, shared.portal.demoUrl, "alice@example.com", t);
    const [tab] = await Promise.all([
      page.context().waitForEvent("page"),
      frame.locator("[data-testid=open-new-tab]").click(),
    ]);
    await eventually(async () => /\/p\/demo\/$/.test(tab.url()), { what: "the new tab at the portal", timeout: 20_000 });
    await tab.locator("[data-testid=ticket-row]").first().waitFor({ timeout: 20_000 });
    assert.equal(await tab.locator("[data-testid=customer-name]").textContent(), "Alice Example");

    // The address a code makes, caught instead of opened, works once.
    const portalFrame = await portalFrameOf(page);
    await portalFrame.evaluate(() => {
      window.open = () => ({ opener: null, close() {}, location: { set href(address) { window.handedOver = address; } } });
    });
    await frame.locator("[data-testid=open-new-tab]").click();
    const address = await eventually(() => portalFrame.evaluate(() => window.handedOver), { what: "a new-tab address" });
    assert.ok(address.startsWith(`${portalUrl}/p/demo/new-tab?code=`), address);
    const { page: other } = await newPage(t);
    await other.goto(address);
    await other.locator("[data-testid=ticket-row]").first().waitFor({ timeout: 20_000 });
    const { page: third } = await newPage(t);
    const used = await third.goto(address);
    assert.equal(used.status(), 401);
    assert.match(await third.locator("[data-testid=status]").textContent(), /expired or was used already/);
  });
});
