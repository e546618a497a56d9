// Signing in with a JWT through the real snippet on the demo host site: the
// site's server signs a single-use token, the page passes it to init, and
// the list shows. The same token a second time is refused in the frame.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { openHostPage, portalAndBrowser } from "../harness.mjs";

const shared = portalAndBrowser();

function hostPage(t) {
  return openHostPage(shared.browser, shared.portal.demoUrl, t);
}

describe("signing in with a JWT", () => {
  test("the demo site's login signs a token, and the customer's list shows", async (t) => {
    const { page, frame } = await hostPage(t);
    await page.selectOption("#demo-identity", "jwt");
    await page.selectOption("#demo-user", "alice@example.com");
    await page.click("#login");
    await frame.locator("[data-testid=ticket-row]").first().waitFor({ timeout: 20_000 });
    assert.ok((await frame.locator("[data-testid=ticket-row]").count()) > 0);
  });

  test("a token used once is refused the second time, and shows nothing", async (t) => {
    const { page, frame } = await hostPage(t);
    // The site's server, asked for a token; the page then signs in with it twice.
    const user = await page.evaluate(async () => {
      const response = await fetch("/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "alice@example.com", identity: "jwt" }),
      });
      return response.json();
    });
    assert.match(user.jwt, /^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    await page.evaluate((jwt) => window.$unthread.helpCenter("init", { user: { jwt } }), user.jwt);
    await frame.locator("[data-testid=ticket-row]").first().waitFor({ timeout: 20_000 });

    await page.evaluate((jwt) => window.$unthread.helpCenter("init", { user: { jwt } }), user.jwt);
    await frame.locator("[data-testid=status]").filter({ hasText: /already been used/i }).waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator("[data-testid=ticket-row]").count(), 0, "the list is gone");
  });
});
