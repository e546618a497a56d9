// Customers working their tickets inside the embedded portal, through the
// real snippet on the demo host site: read a ticket (with the attributes the
// workspace shows), reply, reopen, open a new one, and see an agent's answer
// arrive live.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { eventually, openTicket, portalAndBrowser, signInAsAlice, sleep } from "../harness.mjs";

const shared = portalAndBrowser();

/** Alice signed in on the demo host site; her ticket list shown. */
const signedIn = (t) => signInAsAlice(shared.browser, shared.portal.demoUrl, t);

/** An API token of the demo workspace: an agent's, for the REST API. */
async function agentToken(name) {
  const created = await shared.portal.cli("token", "create", "--workspace", "demo", "--name", name);
  return created.trim().split("\n").pop().trim();
}

/** Posts a message to ticket `number` through the REST API, as an agent. */
async function agentPosts(token, number, body, { internal = false } = {}) {
  const response = await fetch(`${shared.portal.portalUrl}/api/v1/tickets/${number}/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ body, internal, author_name: "Sam from Acme" }),
  });
  assert.equal(response.status, 201, await response.text());
}

/** All markup and text of the portal frame. */
async function frameText(page) {
  const handle = await page.$("#unthread_help_center");
  const f = await handle.contentFrame();
  return `${await f.content()}\n${await f.evaluate(() => document.body.innerText)}`;
}

describe("conversations in the embedded portal", () => {
  test("a ticket shows its details and public conversation, never an internal note", async (t) => {
    const { page, frame } = await signedIn(t);
    await openTicket(frame, "Invoice 1042");
    const ticket = frame.locator("[data-testid=ticket]");
    assert.match(await ticket.locator("[data-testid=ticket-title]").textContent(), /Invoice 1042/);
    assert.match(await ticket.locator("[data-testid=ticket-number]").textContent(), /^#\d+$/);
    assert.equal((await ticket.locator("[data-testid=ticket-status]").textContent()).trim(), "Open");
    assert.equal((await ticket.locator("[data-testid=ticket-channel]").textContent()).trim(), "portal");
    // The attribute the workspace shows, under its name; never the others.
    assert.deepEqual(await ticket.locator("[data-testid=ticket-attribute]").allTextContents(), ["Business"]);
    assert.match(await ticket.locator(".facts").textContent(), /Plan\s*Business/);
    // Markdown is rendered (and sanitised) on the server.
    assert.equal(await ticket.locator(".description strong").textContent(), "DE123456789");
    const messages = ticket.locator("[data-testid=message]");
    assert.equal(await messages.count(), 1, "one public answer; the internal note is not sent");
    assert.equal(await messages.first().locator("[data-testid=message-author]").textContent(), "Sam from Acme");
    assert.equal(await messages.first().locator("[data-testid=message-kind]").textContent(), "Support");
    const text = await frameText(page);
    assert.ok(!text.includes("CANARY-INTERNAL"), "the internal note is in no DOM node");
    assert.ok(!text.includes("CANARY-HIDDEN-ATTRIBUTE"), "an attribute the workspace does not show is in no DOM node");
  });

  test("a reply shows as sending, then sent, joins the conversation; back returns to the list", async (t) => {
    const { page, frame } = await signedIn(t);
    await openTicket(frame, "CSV export");
    const box = frame.locator("[data-testid=reply-text]");
    const reply = "The project has **12,000** rows.";
    await box.fill(reply);
    assert.equal(await frame.locator("[data-testid=reply-count]").textContent(), `${reply.length} / 10240`);
    await frame.locator("[data-testid=send]").click();
    await frame.locator("[data-testid=send-state]", { hasText: "Sent" }).waitFor();
    const mine = frame.locator("[data-testid=message]", { hasText: "12,000" });
    await mine.waitFor();
    assert.equal(await mine.locator("strong").last().textContent(), "12,000");
    assert.equal(await box.inputValue(), "", "the box is emptied once the server has the reply");

    // The browser's back button: the frame's page changes share the tab's history.
    await page.evaluate(() => history.back());
    await frame.locator("[data-testid=ticket-list]").waitFor();
    assert.equal(await frame.locator("[data-testid=ticket]").count(), 0);
  });

  test("a reply over 10,240 characters cannot be sent", async (t) => {
    const { frame } = await signedIn(t);
    await openTicket(frame, "CSV export");
    await frame.locator("[data-testid=reply-text]").fill("x".repeat(10_241));
    assert.equal(await frame.locator("[data-testid=reply-count]").textContent(), "10241 / 10240");
    assert.ok(await frame.locator("[data-testid=send]").isDisabled());
  });

  test("a closed ticket can be reopened", async (t) => {
    const { frame } = await signedIn(t);
    await openTicket(frame, "second admin");
    const status = frame.locator("[data-testid=ticket] [data-testid=ticket-status]");
    assert.equal((await status.textContent()).trim(), "Closed");
    await frame.locator("[data-testid=reopen]").click();
    await eventually(async () => (await status.textContent()).trim() === "Open", { what: "the ticket to reopen" });
  });

  test("a new ticket appears at the top of the list at once", async (t) => {
    // Alice's titles all carry her marker (the embed tests check that).
    const { frame } = await signedIn(t);
    await frame.locator("[data-testid=new-ticket]").click();
    await frame.locator("[data-testid=new-title]").fill("Printer on fire (CANARY-A)");
    await frame.locator("[data-testid=new-type]").selectOption("Problem");
    await frame.locator("[data-testid=new-description]").fill("It is *really* on fire.");
    await frame.locator("[data-testid=create]").click();
    const first = frame.locator("[data-testid=ticket-row]").first();
    await first.waitFor();
    assert.equal((await first.locator("[data-testid=ticket-title]").textContent()).trim(), "Printer on fire (CANARY-A)");
  });

  test("an agent's reply through the REST API appears without a reload, and a half-written reply keeps its caret", async (t) => {
    const token = (await shared.portal.cli("token", "create", "--workspace", "demo", "--name", "e2e")).trim().split("\n").pop().trim();
    assert.match(token, /^pt_[0-9a-f]{64}$/);
    const { page, frame } = await signedIn(t);
    await openTicket(frame, "Invoice 1042");
    const number = (await frame.locator("[data-testid=ticket] [data-testid=ticket-number]").textContent()).replace("#", "");
    const box = frame.locator("[data-testid=reply-text]");
    await box.click();
    await page.keyboard.type("Thanks, I was about");
    const response = await fetch(`${shared.portal.portalUrl}/api/v1/tickets/${number}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ body: "The corrected invoice is on its way (LIVE-1).", author_name: "Sam from Acme" }),
    });
    assert.equal(response.status, 201, await response.text());
    await frame.locator("[data-testid=message]", { hasText: "LIVE-1" }).waitFor({ timeout: 10_000 });
    // The refresh kept the box, its text and the focus: typing simply goes on.
    assert.equal(await box.evaluate((el) => el === document.activeElement), true, "the box still has the focus");
    await page.keyboard.type(" to ask.");
    assert.equal(await box.inputValue(), "Thanks, I was about to ask.");
  });

  test("an agent's reply joins the open conversation in place: once, in order, and never an internal note", async (t) => {
    const token = await agentToken("e2e-live-patch");
    const { page, frame } = await signedIn(t);
    await openTicket(frame, "CSV export");
    const number = (await frame.locator("[data-testid=ticket] [data-testid=ticket-number]").textContent()).replace("#", "");
    const bodies = () => frame.locator("[data-testid=message] [data-testid=message-body]").allTextContents();
    const earlier = await bodies();
    assert.ok(earlier.length > 0, "the ticket has a conversation already");
    // Marks that a reload of the frame, or a refetch of its page, would wipe out.
    const conversation = frame.locator("[data-testid=conversation]");
    await conversation.evaluate((list) => {
      window.notReloaded = true;
      list.dataset.marked = "yes";
    });

    await agentPosts(token, number, "CANARY-LIVE-NOTE: refund them quietly", { internal: true });
    await agentPosts(token, number, "First answer (LIVE-A).");
    await frame.locator("[data-testid=message]", { hasText: "LIVE-A" }).waitFor({ timeout: 10_000 });
    assert.equal(
      await frame.locator("[data-testid=conversation][data-marked=yes] [data-testid=message]", { hasText: "LIVE-A" }).count(),
      1,
      "the answer went into the conversation shown, not a refetched page",
    );

    // The customer's own reply (the page refetches after it) and another answer.
    await frame.locator("[data-testid=reply-text]").fill("Her own words (LIVE-B).");
    await frame.locator("[data-testid=send]").click();
    await frame.locator("[data-testid=send-state]", { hasText: "Sent" }).waitFor();
    await agentPosts(token, number, "Second answer (LIVE-C).");
    await frame.locator("[data-testid=message]", { hasText: "LIVE-C" }).waitFor({ timeout: 10_000 });
    // Long enough for any refetch the events set off to have landed.
    await sleep(1_000);

    const now = await bodies();
    assert.deepEqual(now.slice(0, earlier.length), earlier, "the earlier messages stay as they were");
    assert.deepEqual(
      now.slice(earlier.length).map((text) => text.trim()),
      ["First answer (LIVE-A).", "Her own words (LIVE-B).", "Second answer (LIVE-C)."],
      "each new message exactly once, in the order written",
    );
    assert.equal(await conversation.evaluate(() => window.notReloaded), true, "the frame was not reloaded");
    assert.ok(!(await frameText(page)).includes("CANARY-LIVE-NOTE"), "the internal note is in no DOM node");
  });
});
