// Mail in a real browser: an agent replies in the console, the mail arrives
// at a real SMTP server, and its link opens the ticket signed in on the
// standalone portal; the same link a second time does not sign in.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { eventually, portalAndBrowser, signInToConsole } from "../harness.mjs";

const shared = portalAndBrowser({ mail: true });
const AGENT = { email: "agent@acme.test", password: "demo-password" };

/** The ticket link of a raw mail (its quoted-printable undone). */
function linkOf(mail) {
  const text = mail.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const found = text.match(/https?:\/\/[^\s"<>]+\/p\/demo\/link\?ticket=\d+&(amp;)?code=[0-9a-f]{64}/);
  assert.ok(found, `a ticket link in\n${text}`);
  return found[0].replace("&amp;", "&");
}

describe("mail to customers", () => {
  test("a console reply is mailed, and its link opens the ticket signed in once", async (t) => {
    const { portalUrl, demoUrl } = shared.portal;
    const agent = await signInToConsole(shared.browser, portalUrl, AGENT, t);
    await agent.goto(`${portalUrl}/console/inbox?q=CSV+export`);
    await agent.locator("[data-testid=inbox-row] a", { hasText: "CSV export" }).click();
    const words = `Mailed from the console ${Date.now()}`;
    const composer = agent.locator("[data-testid=console-composer]");
    await composer.locator("textarea").fill(words);
    await composer.locator("[data-testid=send-reply]").click();

    const mail = await eventually(() => shared.mail.messages().find((m) => m.includes(words)), { what: "the mail at the SMTP server", timeout: 20_000 });
    assert.match(mail, /^To: .*alice@example\.com/m);
    const link = linkOf(mail);
    assert.ok(link.startsWith(`${portalUrl}/p/demo/link?`), link);

    const context = await shared.browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(link);
    await page.locator("[data-testid=ticket]").waitFor({ timeout: 20_000 });
    await page.locator("[data-testid=message]", { hasText: words }).waitFor();
    assert.match(page.url(), /\/p\/demo\/tickets\/\d+$/);

    // The same link again, in a browser with no session: the normal sign-in.
    const other = await shared.browser.newContext();
    t.after(() => other.close());
    const again = await other.newPage();
    await again.goto(link);
    await eventually(async () => again.url().startsWith(`${demoUrl}/sign-in?`), { what: "the site's login page" });
  });
});
