// The browser runs with third-party cookies blocked, as many customers'
// browsers do (Firefox's strict mode, Safari, Chromium's setting): the
// embedded portal is a third party on the host site, so it must never need
// cookies in its frame. This checks that the blocking is really in effect in
// whichever engine runs (PORTAL_E2E_BROWSER), then that the portal works.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { BROWSER, openHostPage, portalAndBrowser } from "../harness.mjs";

const shared = portalAndBrowser();

/** The site, as cookies see it: for these loopback names, the host name. */
const site = (url) => new URL(url).hostname;

describe(`third-party cookies in ${BROWSER}`, () => {
  test("the portal frame on the host site cannot keep a cookie; the host site can; the portal still works", async (t) => {
    const { portalUrl, demoUrl } = shared.portal;
    assert.notEqual(site(portalUrl), site(demoUrl), "the portal is on another site than the host page");

    const { page, frame } = await openHostPage(shared.browser, demoUrl, t);

    // SameSite=None; Secure is what a third-party cookie needs to be kept at
    // all where nothing blocks it (loopback hosts count as secure): without
    // the blocking, the frame would read it back.
    const setAndRead = (name) => {
      document.cookie = `${name}=1; SameSite=None; Secure; Path=/`;
      return document.cookie;
    };
    const top = await page.evaluate(setAndRead, "e2e_first_party");
    assert.match(top, /e2e_first_party=1/, "the host page, a first party, keeps its cookie");

    const handle = await page.waitForSelector("#unthread_help_center", { state: "attached" });
    const portal = await handle.contentFrame();
    assert.ok(portal.url().startsWith(portalUrl), `the frame shows the portal: ${portal.url()}`);
    const inFrame = await portal.evaluate(setAndRead, "e2e_third_party");
    assert.doesNotMatch(inFrame, /e2e_third_party/, `the portal frame, a third party, was refused its cookie (document.cookie: ${JSON.stringify(inFrame)})`);

    // The portal keeps its session in memory, not in cookies: signing in works.
    await page.selectOption("#demo-user", "alice@example.com");
    await page.click("#login");
    await frame.locator("[data-testid=ticket-row]").first().waitFor({ timeout: 20_000 });
  });
});
