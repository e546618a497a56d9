// Mail in a real browser: an agent replies in the console, the mail arrives
// at a real SMTP server, and its link opens the ticket signed in on the
// standalone portal; the same link a second time does not sign in. Email
// sign-in: an admin turns it on, and customers sign in with the mailed code
// or link (the pages checked for WCAG 2.1 AA on the way).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, eventually, portalAndBrowser, signInToConsole } from "../harness.mjs";

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

/** The 8-digit code and the sign-in link of a raw sign-in mail. */
function codeAndLinkOf(mail) {
  const text = mail.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const code = text.match(/^\s*(\d{8})\s*$/m);
  const link = text.match(/https?:\/\/[^\s"<>]+\/p\/demo\/sign-in\/link\?code=[0-9a-f]{64}[^\s"<>]*/);
  assert.ok(code && link, `a code and a link in\n${text}`);
  return { code: code[1], link: link[0].replaceAll("&amp;", "&") };
}

describe("email sign-in", () => {
  test("an admin turns it on; a customer signs in with the mailed code, another with the link", async (t) => {
    const { portalUrl } = shared.portal;
    const admin = await signInToConsole(shared.browser, portalUrl, { email: "admin@acme.test", password: "demo-password" }, t);
    await admin.goto(`${portalUrl}/console/settings`);
    const form = admin.locator("[data-testid=settings-standalone]");
    await form.locator("[data-testid=email-sign-in]").check();
    await form.locator("button[type=submit]").click();
    await admin.locator("[data-testid=notice]").waitFor();
    assert.ok(await admin.locator("[data-testid=settings-standalone] [data-testid=email-sign-in]").isChecked());

    const signInWithCode = async (email) => {
      const context = await shared.browser.newContext();
      t.after(() => context.close());
      const page = await context.newPage();
      await page.goto(`${portalUrl}/p/demo/`);
      await page.locator("[data-testid=sign-in-email]").waitFor();
      await assertAccessible(page, "the email sign-in form");
      await page.locator("[data-testid=sign-in-email]").fill(email);
      const before = shared.mail.messages().length;
      await page.locator("[data-testid=sign-in-send]").click();
      await page.locator("[data-testid=sign-in-code]").waitFor();
      await assertAccessible(page, "the code form");
      const mail = await eventually(() => shared.mail.messages().slice(before).find((m) => m.includes(email)), { what: "the sign-in mail", timeout: 20_000 });
      return { page, ...codeAndLinkOf(mail) };
    };

    const first = await signInWithCode("bob@example.com");
    await first.page.locator("[data-testid=sign-in-code]").fill(first.code);
    await first.page.locator("[data-testid=sign-in-submit]").click();
    await first.page.locator("[data-testid=ticket-list], [data-testid=no-tickets]").first().waitFor({ timeout: 20_000 });
    assert.match(first.page.url(), /\/p\/demo\/$/);

    const second = await signInWithCode("carol@example.com");
    const other = await shared.browser.newContext();
    t.after(() => other.close());
    const clicked = await other.newPage();
    await clicked.goto(second.link);
    await clicked.locator("[data-testid=ticket-list], [data-testid=no-tickets]").first().waitFor({ timeout: 20_000 });
    // Used once: the same link again is the sign-in form with a notice, not an error.
    const again = await (await shared.browser.newContext()).newPage();
    await again.goto(second.link);
    await again.locator("[data-testid=status]").waitFor();
    assert.match(await again.locator("[data-testid=status]").textContent(), /already used or has expired/);
    await again.context().close();
  });
});

describe("links to the site's own support page", () => {
  test("with the site's page set, a reply's mail links there with #ticket=, and the frame opens that ticket", async (t) => {
    const { portalUrl, demoUrl } = shared.portal;
    // The demo site logs its user in with ?autologin=, as a real site does with its own cookie.
    const sitePage = `${demoUrl}/?autologin=alice@example.com`;
    const admin = await signInToConsole(shared.browser, portalUrl, { email: "admin@acme.test", password: "demo-password" }, t);
    await admin.goto(`${portalUrl}/console/settings`);
    const form = admin.locator("[data-testid=settings-standalone]");
    await form.locator("input[name=site_page]").fill(sitePage);
    await form.locator("button[type=submit]").click();
    await admin.locator("[data-testid=notice]").waitFor();

    await admin.goto(`${portalUrl}/console/inbox?q=CSV+export`);
    await admin.locator("[data-testid=inbox-row] a", { hasText: "CSV export" }).click();
    await admin.locator("[data-testid=console-ticket]").waitFor();
    const number = admin.url().match(/\/console\/tickets\/(\d+)/)[1];
    const words = `Linked to the site ${Date.now()}`;
    const composer = admin.locator("[data-testid=console-composer]");
    await composer.locator("textarea").fill(words);
    await composer.locator("[data-testid=send-reply]").click();
    const mail = await eventually(() => shared.mail.messages().find((m) => m.includes(words)), { what: "the mail", timeout: 20_000 });
    const text = mail.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    assert.ok(text.includes(`${sitePage}#ticket=${number}`), `the site's page in\n${text}`);

    const context = await shared.browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${sitePage}#ticket=${number}`);
    const frame = page.frameLocator("#unthread_help_center");
    await frame.locator("[data-testid=message]", { hasText: words }).waitFor({ timeout: 30_000 });
    assert.equal((await frame.locator("[data-testid=ticket-number]").first().textContent()).trim(), `#${number}`);
  });
});
