// Ticket participants in a real browser, through the real snippet on the
// demo host site. An agent adds Carol (who has no tickets of her own) to
// Alice's invoice ticket in the console, and the ticket arrives in Carol's
// open frame; she reads it (never its internal note) and replies. Dana, of
// Northwind, reads Eve's Northwind ticket but finds "Join conversation" in
// place of the reply box; she joins by keyboard and replies.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  accessibilityAudit,
  openHostPage,
  openTicket,
  portalAndBrowser,
  portalFrameOf,
  signInAs,
  signInToConsole,
} from "../harness.mjs";

const shared = portalAndBrowser();
const AGENT = { email: "agent@acme.test", password: "demo-password" };

/** A console page signed in as `who`. */
function consoleAs(t, who) {
  return signInToConsole(shared.browser, shared.portal.portalUrl, who, t);
}

/** The demo host site signed in as `email`, who may have no tickets yet. */
async function signInWithoutTickets(t, email) {
  const { page, frame } = await openHostPage(shared.browser, shared.portal.demoUrl, t);
  await page.selectOption("#demo-user", email);
  await page.click("#login");
  await frame.locator("[data-testid=tabs]").waitFor({ timeout: 20_000 });
  return { page, frame };
}

/** All markup and text of the portal frame. */
async function frameText(page) {
  const f = await portalFrameOf(page);
  return `${await f.content()}\n${await f.evaluate(() => document.body.innerText)}`;
}

describe("ticket participants", () => {
  test("an agent adds a participant in the console; the ticket arrives in their frame and they reply", async (t) => {
    const { page, frame } = await signInWithoutTickets(t, "carol@example.com");
    assert.equal(await frame.locator("[data-testid=ticket-row]").count(), 0, "Carol has no tickets yet");

    const agent = await consoleAs(t, AGENT);
    await agent.fill("[data-testid=inbox-filters] input[name=q]", "Invoice 1042");
    await agent.click("[data-testid=inbox-filters] button[type=submit]");
    await agent.locator("[data-testid=inbox-row] a", { hasText: "Invoice 1042" }).click();
    const participants = agent.locator("[data-testid=participants]");
    await participants.locator("[data-testid=no-participants]").waitFor();
    await participants.locator("[data-testid=participant-email]").fill("carol@example.com");
    await participants.locator("[data-testid=add-participant]").click();
    assert.match(await agent.locator("[data-testid=notice]").textContent(), /now see this ticket/);
    const row = agent.locator("[data-testid=participant-row]");
    assert.match(await row.textContent(), /carol@example\.com/);
    const remove = row.locator("[data-testid=remove-participant]");
    assert.equal(await remove.getAttribute("aria-label"), "Remove carol@example.com from the participants");
    await assertConsoleAccessible(agent, "the console's ticket with a participant");

    // Live: the ticket arrives in Carol's open list, without a reload.
    await frame.locator("[data-testid=ticket-row]", { hasText: "Invoice 1042" }).waitFor({ timeout: 15_000 });
    await openTicket(frame, "Invoice 1042");
    assert.equal(await frame.locator("[data-testid=join]").count(), 0, "she takes part: no joining");
    assert.ok(!(await frameText(page)).includes("CANARY-INTERNAL"), "the internal note is in no DOM node");
    await frame.locator("[data-testid=reply-text]").fill("Carol here: I handle our invoices.");
    await frame.locator("[data-testid=send]").click();
    await frame.locator("[data-testid=send-state]", { hasText: "Sent" }).waitFor();
    await frame.locator("[data-testid=message]", { hasText: "Carol here" }).waitFor();

    // The agent sees her reply in the conversation (the ticket's page, not
    // the form's answer again: reloading that would send the form twice).
    await agent.goto(agent.url().replace(/\/participants$/, ""));
    await agent.locator("[data-testid=message]", { hasText: "Carol here" }).waitFor();
  });

  test("a company member reads a colleague's ticket, joins the conversation by keyboard, and replies", async (t) => {
    const { page, frame } = await signInAs(shared.browser, shared.portal.demoUrl, "dana@northwind.example", t);
    await openTicket(frame, "CANARY-E");
    const join = frame.locator("[data-testid=join]");
    await join.waitFor();
    assert.equal(await frame.locator("[data-testid=reply-text]").count(), 0, "no reply box before joining");
    assert.equal((await join.textContent()).trim(), "Join conversation");
    assert.match(await frame.locator("#join-hint").textContent(), /belongs to your company/);
    const audit = accessibilityAudit();
    await audit.check(await portalFrameOf(page), "a colleague's ticket, before joining");

    // By keyboard: the button takes the focus and Enter joins; the focus
    // moves on to the reply box that takes its place.
    await join.press("Enter");
    const box = frame.locator("[data-testid=reply-text]");
    await box.waitFor({ timeout: 15_000 });
    assert.equal(await join.count(), 0);
    const f = await portalFrameOf(page);
    await f.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "reply-text");
    await audit.check(f, "a colleague's ticket, joined");
    audit.assertNone();

    await page.keyboard.type("Dana here: staging is ready for Eve.");
    await frame.locator("[data-testid=send]").click();
    await frame.locator("[data-testid=send-state]", { hasText: "Sent" }).waitFor();
    await frame.locator("[data-testid=message]", { hasText: "Dana here" }).waitFor();
  });
});

/** axe-core on a console page. */
async function assertConsoleAccessible(page, what) {
  const audit = accessibilityAudit();
  await audit.check(page, what);
  audit.assertNone();
}
