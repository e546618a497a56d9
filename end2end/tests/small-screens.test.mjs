// The portal on small phones: at 320, 375 and 414 px wide, no page of the
// frame nor of the console scrolls sideways (ticket tables become lists of
// cards), and every control is a touch target at least 44 px tall.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { openTicket, portalAndBrowser, signInAsAlice, signInToConsole } from "../harness.mjs";

const WIDTHS = [320, 375, 414];

/** How wide the document of `frame` (a page or a frame) is, and how wide its window. */
async function overflow(frame) {
  return frame.locator("html").evaluate((html) => ({ scroll: html.scrollWidth, client: html.clientWidth }));
}

describe("small screens", () => {
  const shared = portalAndBrowser();

  test("the standalone portal and the account page never scroll sideways, and their controls are 44 px tall", async (t) => {
    const { portalUrl, demoUrl } = shared.portal;
    const context = await shared.browser.newContext({ viewport: { width: 320, height: 740 } });
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${portalUrl}/p/demo/`);
    await page.locator("[data-testid=site-sign-in]").waitFor();
    assert.ok(page.url().startsWith(`${demoUrl}/sign-in?`), page.url());
    await page.click("[data-testid=site-sign-in]");
    await page.locator("[data-testid=ticket-row]").first().waitFor({ timeout: 20_000 });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 740 });
      const list = await overflow(page);
      assert.ok(list.scroll <= list.client, `the standalone list at ${width} px: ${JSON.stringify(list)}`);
      await page.click("[data-testid=account-link]");
      await page.locator("[data-testid=account-session]").first().waitFor();
      const account = await overflow(page);
      assert.ok(account.scroll <= account.client, `the account page at ${width} px: ${JSON.stringify(account)}`);
      if (width === 375) assert.deepEqual(await smallTargets(page), [], "the account page's controls");
      await page.click("[data-testid=back]");
      await page.locator("[data-testid=ticket-row]").first().waitFor();
    }
  });

  test("the list, a ticket and the new-ticket form never scroll sideways", async (t) => {
    const { page, frame } = await signInAsAlice(shared.browser, shared.portal.demoUrl, t);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 740 });
      await frame.locator("[data-testid=ticket-list]").waitFor();
      const list = await overflow(frame);
      assert.ok(list.scroll <= list.client, `the list at ${width} px: ${JSON.stringify(list)}`);

      await openTicket(frame, "CSV export times out on large projects (CANARY-A)");
      const ticket = await overflow(frame);
      assert.ok(ticket.scroll <= ticket.client, `a ticket at ${width} px: ${JSON.stringify(ticket)}`);
      // The frame's pages share the tab's history.
      await page.evaluate(() => history.back());
      await frame.locator("[data-testid=new-ticket]").click();
      await frame.locator("[data-action=create]").waitFor();
      const form = await overflow(frame);
      assert.ok(form.scroll <= form.client, `the new-ticket form at ${width} px: ${JSON.stringify(form)}`);
      await page.evaluate(() => history.back());
    }
  });
});

/** Interactive elements of a page or frame smaller than 44 px tall, links in running text aside. */
async function smallTargets(frame) {
  return frame.locator("body").evaluate((body) =>
    [...body.querySelectorAll("a, button, input, select, textarea, summary")]
      .filter((el) => el.getClientRects().length > 0 && !el.closest(".markdown, p, pre, .visually-hidden"))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44)
      .map(({ el, box }) => `${el.tagName.toLowerCase()}[${el.getAttribute("data-testid") ?? el.getAttribute("name") ?? el.textContent.trim().slice(0, 20)}] ${Math.round(box.height)} px`),
  );
}

describe("touch targets", () => {
  const shared = portalAndBrowser();

  test("every control of the list, a ticket and the new-ticket form is at least 44 px tall on a phone", async (t) => {
    const { page, frame } = await signInAsAlice(shared.browser, shared.portal.demoUrl, t);
    await page.setViewportSize({ width: 375, height: 740 });
    await frame.locator(".filters summary").click();
    assert.deepEqual(await smallTargets(frame), [], "the list");
    await openTicket(frame, "CSV export times out on large projects (CANARY-A)");
    assert.deepEqual(await smallTargets(frame), [], "a ticket");
    await page.evaluate(() => history.back());
    await frame.locator("[data-testid=new-ticket]").click();
    await frame.locator("[data-action=create]").waitFor();
    assert.deepEqual(await smallTargets(frame), [], "the new-ticket form");
  });
});

describe("the console on small screens", () => {
  const shared = portalAndBrowser();
  const ADMIN = { email: "admin@acme.test", password: "demo-password" };

  /** Every console page: its path (or a step that reaches it) and what shows it is ready. */
  const PAGES = [
    ["the inbox", "/console/inbox", "[data-testid=inbox-row]"],
    ["a ticket", async (page) => page.locator("[data-testid=inbox-row] a", { hasText: "CSV export" }).first().click(), "[data-testid=console-ticket]"],
    ["the customers", "/console/customers", "[data-testid=customer-row]"],
    ["a customer", async (page) => page.locator("[data-testid=customer-row] a").first().click(), "[data-testid=customer]"],
    ["the companies", "/console/companies", "[data-testid=company-row]"],
    ["a company", async (page) => page.locator("[data-testid=company-row] a").first().click(), "[data-testid=company]"],
    ["the accounts", "/console/accounts", "[data-testid=account-row]"],
    ["your account", "/console/password", "[data-testid=password-form]"],
    ["the embed code", "/console/embed", "[data-testid=portal-state]"],
    ["the settings", "/console/settings", "[data-testid=settings-audience]"],
    ["testing the portal as a customer", "/console/test-as?email=bob%40example.com", "#unthread_help_center"],
  ];

  /** Visits every console page in turn, calling `check(page, what)` on each. */
  async function everyPage(page, check) {
    for (const [what, reach, ready] of PAGES) {
      if (typeof reach === "string") await page.goto(`${shared.portal.portalUrl}${reach}`);
      else await reach(page);
      await page.locator(ready).first().waitFor();
      await check(page, what);
    }
  }

  test("no console page scrolls sideways at 320, 375 or 414 px", async (t) => {
    const page = await signInToConsole(shared.browser, shared.portal.portalUrl, ADMIN, t);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 740 });
      await everyPage(page, async (page, what) => {
        const { scroll, client } = await overflow(page);
        assert.ok(scroll <= client, `${what} at ${width} px is ${scroll} px wide in ${client} px`);
      });
    }
  });

  test("every console control is at least 44 px tall on a phone", async (t) => {
    const page = await signInToConsole(shared.browser, shared.portal.portalUrl, ADMIN, t, { viewport: { width: 375, height: 740 } });
    await everyPage(page, async (page, what) => assert.deepEqual(await smallTargets(page), [], what));
  });
});
