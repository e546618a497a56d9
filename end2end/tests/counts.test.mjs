// The badge in the site's own navigation: the demo site asks for
// helpCenter("onCounts", ...) and shows "N awaiting your reply, M open" in
// its header. An agent's answer moves it live; the customer's own reply
// moves it back; signing out clears it. Only numbers reach the host page.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { eventually, openTicket, portalAndBrowser, signInAsAlice, signInToConsole } from "../harness.mjs";

const shared = portalAndBrowser();
const AGENT = { email: "agent@acme.test", password: "demo-password" };

/** The numbers of the demo site's badge, or null when it shows none. */
async function badge(page) {
  const text = (await page.locator("#demo-counts").textContent()).trim();
  if (!text) return null;
  const [, awaiting, open] = text.match(/^(\d+) awaiting your reply, (\d+) open$/) ?? [];
  assert.ok(open, `the badge says "${text}"`);
  return { awaiting: Number(awaiting), open: Number(open) };
}

/** Sends a reply from the frame's open ticket and waits for it to show. */
async function reply(frame, text) {
  await frame.locator("[data-testid=reply-text]").fill(text);
  await frame.locator("[data-testid=send]").click();
  await frame.locator("[data-testid=message]", { hasText: text }).waitFor();
}

/** The badge once it has stopped changing (the frame tells it after each change). */
async function settled(page) {
  let last = null;
  return eventually(async () => {
    const now = JSON.stringify(await badge(page));
    const same = now === last;
    last = now;
    if (!same) await new Promise((r) => setTimeout(r, 500));
    return same ? JSON.parse(now) : null;
  }, { what: "the badge to settle" });
}

describe("ticket counts for the host page", () => {
  test("an agent's answer raises the badge live, the customer's reply lowers it, signing out clears it", async (t) => {
    const { page, frame } = await signInAsAlice(shared.browser, shared.portal.demoUrl, t);
    await eventually(() => badge(page), { what: "the badge after signing in" });
    // Alice writes last on this ticket: it awaits the agent, not her.
    await openTicket(frame, "CSV export");
    await reply(frame, "It happens every night.");
    const before = await settled(page);
    assert.ok(before.open > 0, "Alice has open tickets");

    const agent = await signInToConsole(shared.browser, shared.portal.portalUrl, AGENT, t);
    await agent.goto(`${shared.portal.portalUrl}/console/inbox?q=CSV+export`);
    await agent.locator("[data-testid=inbox-row] a", { hasText: "CSV export" }).click();
    const composer = agent.locator("[data-testid=console-composer]");
    await composer.locator("textarea").fill("Could you send the project id?");
    await composer.locator("[data-testid=send-reply]").click();
    await agent.locator("[data-testid=message]", { hasText: "Could you send the project id?" }).waitFor();
    await eventually(async () => (await badge(page))?.awaiting === before.awaiting + 1, {
      what: "the badge to count the agent's question",
    });
    assert.equal((await badge(page)).open, before.open, "no ticket opened or closed");

    await frame.locator("[data-testid=message]", { hasText: "Could you send the project id?" }).waitFor();
    await reply(frame, "Project 4711.");
    await eventually(async () => (await badge(page))?.awaiting === before.awaiting, {
      what: "the badge to drop once Alice answered",
    });

    // Nothing but the counts reached the host page's callback.
    const told = await page.evaluate(() => new Promise((resolve) => window.$unthread.helpCenter("onCounts", resolve)));
    assert.deepEqual(Object.keys(told).sort(), ["awaitingCustomer", "open"]);

    await page.click("#logout");
    await eventually(async () => (await badge(page)) === null, { what: "the badge to clear on sign-out" });
  });
});
