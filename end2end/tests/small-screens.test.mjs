// The portal on small phones: at 320, 375 and 414 px wide, no page of the
// frame scrolls sideways (the ticket table becomes a list of cards).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { openTicket, portalAndBrowser, signInAsAlice } from "../harness.mjs";

const WIDTHS = [320, 375, 414];

/** Whether the frame's document is wider than the frame. */
async function overflow(frame) {
  return frame.locator("html").evaluate((html) => ({ scroll: html.scrollWidth, client: html.clientWidth }));
}

describe("small screens", () => {
  const shared = portalAndBrowser();

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

/** Interactive elements of the frame's page smaller than 44 px tall, links in running text aside. */
async function smallTargets(frame) {
  return frame.locator("body").evaluate((body) =>
    [...body.querySelectorAll("a, button, input, select, textarea, summary")]
      .filter((el) => el.getClientRects().length > 0 && !el.closest(".markdown, p"))
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
