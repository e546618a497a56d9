// The console in a real browser: admins sign in, change the portal's
// greeting and brand colour and see the embedded portal take them without
// touching the host page; allow an origin (copying the embed code onto a
// page there) while another stays refused; rotate the secret so old hashes
// fail; test the portal as a customer. Agents answer in the console and the
// customer's frame shows the reply live, and never an internal note.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { eventually, openTicket, portalAndBrowser, signInAsAlice, signInToConsole, sleep } from "../harness.mjs";

const shared = portalAndBrowser();
const ADMIN = { email: "admin@acme.test", password: "demo-password" };
const AGENT = { email: "agent@acme.test", password: "demo-password" };

/** A fresh browser context signed in to the console as `who`. */
function consoleAs(t, who) {
  return signInToConsole(shared.browser, shared.portal.portalUrl, who, t);
}

/**
 * Saves the settings form `name` after `fill` has changed it; returns the
 * notice. The browser's own checks of the fields are turned off: the
 * server's are under test.
 */
async function saveSettings(page, name, fill) {
  await page.goto(`${shared.portal.portalUrl}/console/settings`);
  const form = page.locator(`[data-testid=settings-${name}]`);
  await form.evaluate((f) => (f.noValidate = true));
  await fill(form);
  await form.locator("button[type=submit]").last().click();
  return (await page.locator("[data-testid=notice]").textContent()).trim();
}

/** A page that serves `html` on 127.0.0.1 (and, being the same server, on localhost). */
async function hostPage(t, html) {
  const server = http.createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return server.address().port;
}

describe("the console", () => {
  test("an admin signs in (a wrong password is refused) and signs out", async (t) => {
    const context = await shared.browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${shared.portal.portalUrl}/console/login`);
    await page.fill("input[name=workspace]", "demo");
    await page.fill("input[name=email]", ADMIN.email);
    await page.fill("input[name=password]", "not the password");
    await page.click("[data-testid=login-form] button[type=submit]");
    assert.match(await page.locator("[data-testid=notice]").textContent(), /not right/);
    const admin = await consoleAs(t, ADMIN);
    assert.match(await admin.locator("[data-testid=console-user]").textContent(), /admin/);
    await admin.click("[data-testid=logout]");
    await admin.locator("[data-testid=login-form]").waitFor();
    await admin.goto(`${shared.portal.portalUrl}/console/inbox`);
    await admin.locator("[data-testid=login-form]").waitFor();
  });

  test("a new greeting and brand colour reach the embedded portal; the host page is untouched", async (t) => {
    const admin = await consoleAs(t, ADMIN);
    const notice = await saveSettings(admin, "look", async (form) => {
      await form.locator("input[name=greeting]").fill("Welcome to Acme help (console)");
      await form.locator("input[name=brand_color]").fill("#aa3300");
    });
    assert.match(notice, /saved/);
    const { frame } = await signInAsAlice(shared.browser, shared.portal.demoUrl, t);
    assert.equal(await frame.locator("[data-testid=greeting]").textContent(), "Welcome to Acme help (console)");
    const colour = await frame.locator(".portal-header .workspace").evaluate((el) => getComputedStyle(el).color);
    assert.equal(colour, "rgb(170, 51, 0)");
    // A bad colour is refused and changes nothing.
    const refused = await saveSettings(admin, "look", (form) => form.locator("input[name=brand_color]").fill("red"));
    assert.match(refused, /Nothing was changed: the brand colour must be a hex colour/);
    assert.equal(await admin.locator("[data-testid=settings-look] input[name=brand_color]").inputValue(), "red", "what was typed stays");
  });

  test("a page on an added origin embeds the portal; another origin is still refused", async (t) => {
    const admin = await consoleAs(t, ADMIN);
    await admin.goto(`${shared.portal.portalUrl}/console/embed`);
    // The site owner's copy of the embed code.
    const snippet = await admin.locator("#snippet").textContent();
    const iframe = await admin.locator("#iframe-tag").textContent();
    const port = await hostPage(t, `<!doctype html><html><head>${snippet}</head><body>${iframe}</body></html>`);
    const allowed = `http://127.0.0.1:${port}`;
    const other = `http://localhost:${port}`;

    const visit = async (url) => {
      const context = await shared.browser.newContext();
      t.after(() => context.close());
      const page = await context.newPage();
      await page.goto(url);
      return page.frameLocator("#unthread_help_center");
    };
    const refusedFor = async (url) => {
      const frame = await visit(url);
      await sleep(2_000);
      assert.equal(await frame.locator("[data-testid=greeting]").count(), 0, `${url} must not show the portal`);
    };
    await refusedFor(allowed);

    const notice = await saveSettings(admin, "origins", async (form) => {
      const box = form.locator("textarea[name=origins]");
      await box.fill(`${await box.inputValue()}\n${allowed}`);
    });
    assert.match(notice, /allowed origin\(s\) saved/);
    const frame = await visit(`${allowed}/`);
    await frame.locator("[data-testid=greeting]").waitFor({ timeout: 20_000 });
    await frame.locator("[data-testid=status]").filter({ hasText: /sign in/i }).waitFor();
    await refusedFor(`${other}/`);

    // Not origins: refused with the reason, nothing changed.
    for (const bad of ["*", "https://example.com/path", "javascript:alert(1)"]) {
      const refused = await saveSettings(admin, "origins", (form) => form.locator("textarea[name=origins]").fill(bad));
      assert.match(refused, /Nothing was changed: .* is not an origin/, bad);
    }
  });

  test("an agent's reply appears live in the customer's frame; an internal note never does", async (t) => {
    const { page, frame } = await signInAsAlice(shared.browser, shared.portal.demoUrl, t);
    await openTicket(frame, "CSV export");
    const agent = await consoleAs(t, AGENT);
    await agent.fill("[data-testid=inbox-filters] input[name=q]", "CSV export");
    await agent.click("[data-testid=inbox-filters] button[type=submit]");
    await agent.locator("[data-testid=inbox-row] a", { hasText: "CSV export" }).click();
    const composer = agent.locator("[data-testid=console-composer]");
    await composer.locator("textarea").fill("CANARY-CONSOLE-NOTE: check the export worker");
    await composer.locator("[data-testid=add-note]").click();
    await agent.locator("[data-testid=internal-note]", { hasText: "CANARY-CONSOLE-NOTE" }).waitFor();
    await composer.locator("textarea").fill("Live from the console: the fix ships tonight.");
    await composer.locator("[data-testid=send-reply]").click();

    await frame.locator("[data-testid=message]", { hasText: "Live from the console" }).waitFor({ timeout: 15_000 });
    const handle = await page.$("#unthread_help_center");
    const text = await (await handle.contentFrame()).content();
    assert.ok(!text.includes("CANARY-CONSOLE-NOTE"), "the note written before the reply is in no DOM node");

    // The inbox search reads notes: a word only the note has finds the ticket, and says where it was.
    await agent.goto(`${shared.portal.portalUrl}/console/inbox?q=worker`);
    const row = agent.locator("[data-testid=inbox-row]", { hasText: "CSV export" });
    await row.waitFor();
    assert.match(await row.innerText(), /\(internal note\): .*worker/);
  });

  test("rotating the secret without overlap: the old hashes fail, the site's new ones work", async (t) => {
    const oldHash = (await shared.portal.cli("hash", "--workspace", "demo", "--email", "alice@example.com")).trim();
    const admin = await consoleAs(t, ADMIN);
    await admin.goto(`${shared.portal.portalUrl}/console/embed`);
    await admin.selectOption("[data-testid=overlap]", "0");
    await admin.click("[data-testid=rotate]");
    assert.match(await admin.locator("[data-testid=notice]").textContent(), /no longer verifies/);
    const secret = (await admin.locator("[data-testid=secret]").textContent()).trim();
    assert.match(secret, /^[0-9a-f]{64}$/);

    // The host page signs with the new secret...
    const { page, frame } = await signInAsAlice(shared.browser, shared.portal.demoUrl, t);
    // ...and an init with a hash of the old one is refused.
    await page.evaluate(
      (hash) => window.$unthread.helpCenter("init", { user: { name: "Alice Example", email: "alice@example.com", verificationHash: hash } }),
      oldHash.split(/\s+/).pop(),
    );
    await eventually(async () => /could not verify/i.test(await frame.locator("[data-testid=status]").first().textContent()), {
      what: "the old hash to be refused",
    });
  });

  test("an admin opens the portal as a customer, through the real verification", async (t) => {
    const admin = await consoleAs(t, ADMIN);
    await admin.goto(`${shared.portal.portalUrl}/console/embed`);
    await admin.fill("[data-testid=test-as-email]", "bob@example.com");
    await admin.click("[data-testid=test-as]");
    const frame = admin.frameLocator("#unthread_help_center");
    await frame.locator("[data-testid=customer-name]", { hasText: "Bob" }).waitFor({ timeout: 20_000 });
    await frame.locator("[data-testid=ticket-row]").first().waitFor();
  });

  test("the audience preview counts the matching customers as conditions are typed, changing nothing", async (t) => {
    const admin = await consoleAs(t, ADMIN);
    await admin.goto(`${shared.portal.portalUrl}/console/settings`);
    const box = admin.locator("[data-testid=audience-conditions]");
    const saved = await box.inputValue();
    const preview = admin.locator("[data-testid=audience-preview]");
    await box.fill("email contains alice");
    await eventually(async () => /^1 of \d+ customers match/.test(await preview.innerText()), { what: "a preview of one customer" });
    assert.match(await preview.innerText(), /alice@example\.com/);
    await box.fill("shoe_size equals 9");
    await eventually(async () => /unknown customer attribute/.test(await preview.innerText()), { what: "the reason it cannot preview" });
    await admin.reload();
    assert.equal(await admin.locator("[data-testid=audience-conditions]").inputValue(), saved, "previewing saved nothing");
  });

  test("the visibility preview names the customers a restricting rule would keep to their own tickets", async (t) => {
    const admin = await consoleAs(t, ADMIN);
    await admin.goto(`${shared.portal.portalUrl}/console/settings`);
    const form = admin.locator("[data-testid=settings-visibility]");
    const restricted = form.locator("input[name=restricted]");
    const wasRestricted = await restricted.isChecked();
    const preview = admin.locator("[data-testid=visibility-preview]");
    await form.locator("[data-testid=visibility-conditions]").fill("email contains alice");
    await restricted.setChecked(true);
    // The stored rule is previewed on load; wait for the one typed.
    await eventually(async () => /alice@example\.com/.test(await preview.innerText()), {
      what: "a preview of the customer the typed rule restricts",
    });
    assert.match(await preview.innerText(), /^1 of \d+ customers see only their own tickets/);
    await restricted.setChecked(false);
    await eventually(async () => /^0 of \d+ customers/.test(await preview.innerText()), { what: "nobody, unrestricted" });
    await admin.reload();
    assert.equal(await admin.locator("[data-testid=settings-visibility] input[name=restricted]").isChecked(), wasRestricted, "previewing saved nothing");
  });

  test("an admin adds an agent, who signs in with the password they were given", async (t) => {
    const admin = await consoleAs(t, ADMIN);
    await admin.click("a[href='/console/accounts']");
    const form = admin.locator("[data-testid=account-form]");
    await form.locator("input[name=name]").fill("Robin from Acme");
    await form.locator("input[name=email]").fill("robin@acme.test");
    await form.locator("button[type=submit]").click();
    const notice = await admin.locator("[data-testid=notice]").textContent();
    const password = notice.match(/the password (\S+) \(shown once\)/)?.[1];
    assert.ok(password, notice);
    await admin.locator("[data-testid=account-row]", { hasText: "robin@acme.test" }).waitFor();
    const robin = await consoleAs(t, { email: "robin@acme.test", password });
    assert.match(await robin.locator("[data-testid=console-user]").textContent(), /Robin from Acme \(agent\)/);
  });

  test("an agent opens a company, adds a member by email and removes them again", async (t) => {
    const agent = await consoleAs(t, AGENT);
    await agent.click("a[href='/console/companies']");
    await agent.click("[data-testid=company-row] a:text('northwind')");
    const members = agent.locator("[data-testid=member-row]");
    assert.deepEqual((await members.locator("td:first-child").allTextContents()).sort(), [
      "dana@northwind.example",
      "eve@contractor.example",
    ]);
    await agent.fill("[data-testid=member-form] input[name=add]", "bob@example.com");
    await agent.click("[data-testid=member-form] button[type=submit]");
    assert.match(await agent.locator("[data-testid=notice]").textContent(), /Added/);
    const bob = members.filter({ hasText: "bob@example.com" });
    await bob.waitFor();
    await bob.locator("button[name=remove]").click();
    assert.match(await agent.locator("[data-testid=notice]").textContent(), /Removed/);
    assert.equal(await members.filter({ hasText: "bob@example.com" }).count(), 0);
    await agent.fill("[data-testid=member-form] input[name=add]", "nobody@example.com");
    await agent.click("[data-testid=member-form] button[type=submit]");
    assert.match(await agent.locator("[data-testid=notice]").textContent(), /Nothing was changed: there is no customer nobody@example.com/);
  });

  test("an agent cannot open the portal settings", async (t) => {
    const agent = await consoleAs(t, AGENT);
    const response = await agent.goto(`${shared.portal.portalUrl}/console/settings`);
    assert.equal(response.status(), 403);
    assert.equal(await agent.locator("a[href='/console/settings']").count(), 0);
  });
});
