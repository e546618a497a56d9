// Companies and access in the embedded portal, through the real snippet on
// the demo host site. The demo's Northwind has Dana (staff) and Eve (a
// contractor); the workspace restricts contractors to their own tickets,
// and its audience (emails containing "example") keeps Frank out.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { openHostPage, portalAndBrowser, signInAs } from "../harness.mjs";

const shared = portalAndBrowser();

const titles = (frame) => frame.locator("[data-testid=ticket-row] [data-testid=ticket-title]").allTextContents();

describe("companies in the embedded portal", () => {
  test("staff see all of their company's tickets, and only their own under Created by me", async (t) => {
    const { page, frame } = await signInAs(shared.browser, shared.portal.demoUrl, "dana@northwind.example", t);
    const all = frame.locator("[data-testid=tab-all]");
    assert.equal(await all.getAttribute("aria-current"), "page");
    const listed = (await titles(frame)).join("\n");
    assert.match(listed, /CANARY-N/, "Dana's own ticket");
    assert.match(listed, /CANARY-E/, "Eve's ticket, also Northwind's");

    await frame.locator("[data-testid=tab-mine]").click();
    await frame.locator("[data-testid=tab-mine][aria-current=page]").waitFor();
    const mine = await titles(frame);
    assert.ok(mine.length > 0 && mine.every((title) => title.includes("CANARY-N")), mine.join("\n"));

    // The tab is in the frame's history.
    await page.evaluate(() => history.back());
    await frame.locator("[data-testid=tab-all][aria-current=page]").waitFor();
    assert.match((await titles(frame)).join("\n"), /CANARY-E/);
  });

  test("a restricted customer sees only their own tickets, with no All tab", async (t) => {
    const { page, frame } = await signInAs(shared.browser, shared.portal.demoUrl, "eve@contractor.example", t);
    assert.equal(await frame.locator("[data-testid=tab-all]").count(), 0);
    const listed = await titles(frame);
    assert.ok(listed.length > 0 && listed.every((title) => title.includes("CANARY-E")), listed.join("\n"));
    const handle = await page.$("#unthread_help_center");
    const html = await (await handle.contentFrame()).content();
    assert.ok(!html.includes("CANARY-N"), "Dana's ticket is in no DOM node");
  });

  test("someone outside the portal's audience sees the no-access screen and no data", async (t) => {
    const { page, frame } = await openHostPage(shared.browser, shared.portal.demoUrl, t);
    await page.selectOption("#demo-user", "frank@outsider.test");
    await page.click("#login");
    await frame.locator("[data-testid=status]").filter({ hasText: /do not have access/i }).waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator("[data-testid=ticket-row], [data-testid=tabs]").count(), 0);
  });
});
