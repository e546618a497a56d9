// Where the team works: an admin connects Slack and writes routing rules in
// the console (the pages checked for WCAG 2.1 AA on the way); a ticket
// opened in the frame posts to the fake Slack, and an agent's reply in its
// thread shows in the customer's frame live. The tests run in order: the
// second needs the Slack connection the first makes.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, eventually, openTicket, portalAndBrowser, signInAsAlice, signInToConsole } from "../harness.mjs";
import { BOT_TOKEN, CHANNEL, SIGNING_SECRET } from "../fake-slack.mjs";

const shared = portalAndBrowser({ slack: true });
const ADMIN = { email: "admin@acme.test", password: "demo-password" };
const run = Date.now().toString(36);

describe("integrations", () => {
  test("an admin connects Slack and sets up assignment and escalation rules", async (t) => {
    const { portalUrl } = shared.portal;
    const admin = await signInToConsole(shared.browser, portalUrl, ADMIN, t);
    await admin.goto(`${portalUrl}/console/integrations`);
    await assertAccessible(admin, "the Integrations page");
    const connect = admin.locator("[data-testid=slack-connect]");
    await connect.locator("input[name=bot_token]").fill(BOT_TOKEN);
    await connect.locator("input[name=signing_secret]").fill(SIGNING_SECRET);
    await connect.locator("button[type=submit]").click();
    const settings = admin.locator("[data-testid=slack-settings]");
    await settings.waitFor();
    await settings.locator("[data-testid=slack-channel]").selectOption(CHANNEL.id);
    await settings.locator("button[value=save]").click();
    await admin.locator("[data-testid=slack-state]", { hasText: `#${CHANNEL.name}` }).waitFor();
    await admin.locator("[data-testid=slack-settings] button[value=test]").click();
    await admin.locator("[data-testid=notice]").waitFor();
    await eventually(() => shared.slack.posts().some((p) => p.channel === CHANNEL.id), { what: "the test message in Slack" });
    await assertAccessible(admin, "the Integrations page, Slack connected");

    await admin.goto(`${portalUrl}/console/rules`);
    await assertAccessible(admin, "the Rules page");
    const assignment = admin.locator("[data-testid=assignment-form]");
    // The first account in the list (option 0 is "nobody").
    const agent = await assignment.locator("select[name=agent] option").nth(1).getAttribute("value");
    await assignment.locator("input[name=name]").fill(`Everything to the agent ${run}`);
    await assignment.locator("select[name=agent]").selectOption(agent);
    await assignment.locator("button[value=preview]").click();
    await admin.locator("[data-testid=rule-preview]").waitFor();
    const again = admin.locator("[data-testid=assignment-form]");
    await again.locator("input[name=name]").fill(`Everything to the agent ${run}`);
    await again.locator("select[name=agent]").selectOption(agent);
    await again.locator("button[value=add]").click();
    await admin.locator("[data-testid=assignment-rule]", { hasText: run }).waitFor();

    const escalation = admin.locator("[data-testid=escalation-form]");
    await escalation.locator("input[name=name]").fill(`Slow ${run}`);
    await escalation.locator("input[name=minutes]").fill("30");
    await escalation.locator("input[name=post_to_slack]").check();
    await escalation.locator("button[value=add]").click();
    await admin.locator("[data-testid=escalation-rule]", { hasText: run }).waitFor();
    await assertAccessible(admin, "the Rules page with rules");
  });

  test("a ticket from the frame posts to Slack, and the agent's thread reply shows in the frame live", async (t) => {
    const { portalUrl, demoUrl } = shared.portal;
    const { frame } = await signInAsAlice(shared.browser, demoUrl, t);
    const title = `Printer jam ${run} (CANARY-A)`;
    await frame.locator("[data-testid=new-ticket]").click();
    await frame.locator("[data-testid=new-title]").fill(title);
    await frame.locator("[data-testid=create]").click();
    await openTicket(frame, `Printer jam ${run}`);

    const root = await eventually(() => shared.slack.posts().find((p) => JSON.stringify(p.blocks ?? "").includes(title)), {
      what: "the ticket's message in Slack",
      timeout: 20_000,
    });
    assert.equal(root.channel, CHANNEL.id);
    const words = `Slack says the printer is fixed ${run}`;
    const status = await shared.slack.sendEvent(portalUrl, "demo", {
      type: "message",
      channel: CHANNEL.id,
      user: "U0AGENT",
      text: words,
      ts: `1700000999.${run.slice(-6).padStart(6, "0")}`,
      thread_ts: root.ts,
    });
    assert.equal(status, 200);
    // Live: no reload, no navigation.
    await frame.locator("[data-testid=message]", { hasText: words }).waitFor({ timeout: 15_000 });
  });
});
