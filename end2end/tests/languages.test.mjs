// The frame in the customer's language: the one the site's init names, else
// the browser's; right to left in Arabic, with the layout mirrored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { portalAndBrowser } from "../harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = portalAndBrowser();

/** A message of the portal's catalog in a language, as its file has it. */
function catalog(tag, id) {
  const file = path.resolve(here, `../../crates/portal-i18n/locales/${tag}/portal.ftl`);
  const line = readFileSync(file, "utf8").split("\n").find((l) => l.startsWith(`${id} = `));
  assert.ok(line, `${tag}/${id} in the catalog`);
  return line.slice(id.length + 3).trim();
}

/** Signs Alice in on the demo site, the site asking for `locale` ("" for none). */
async function signInWith(t, locale, contextOptions = {}) {
  const context = await shared.browser.newContext(contextOptions);
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${shared.portal.demoUrl}/`);
  const frame = page.frameLocator("#unthread_help_center");
  await frame.locator("[data-testid=status]").waitFor({ timeout: 30_000 });
  await page.selectOption("#demo-user", "alice@example.com");
  await page.selectOption("#demo-locale", locale);
  await page.click("#login");
  await frame.locator("[data-testid=ticket-row]").first().waitFor({ timeout: 20_000 });
  return { page, frame };
}

const documentOf = (frame) => frame.locator("html");

test("the site's locale: the frame reads in German, dates and all", async (t) => {
  const { frame } = await signInWith(t, "de");
  assert.equal(await documentOf(frame).getAttribute("lang"), "de");
  assert.equal(await documentOf(frame).getAttribute("dir"), "ltr");
  assert.equal((await frame.locator("[data-testid=new-ticket]").textContent()).trim(), catalog("de", "new-ticket"));
  assert.equal((await frame.locator("[data-testid=tab-mine]").textContent()).trim(), catalog("de", "list-tab-mine"));
  // Relative times in German ("vor 3 Tg."), from the server's catalog.
  const updated = await frame.locator("[data-testid=ticket-updated]").first().textContent();
  assert.match(updated.trim(), /^(vor |gerade eben)/, updated);
  // A ticket page, and what the browser writes itself, are German too.
  await frame.locator("[data-testid=ticket-title] a").first().click();
  await frame.locator("[data-testid=ticket]").waitFor();
  assert.equal((await frame.locator("[data-testid=send]").textContent()).trim(), catalog("de", "reply-send"));
  assert.equal((await frame.locator(".who").textContent()).includes(catalog("de", "frame-signed-in-as")), true);
});

test("no locale from the site: the browser's language, then English for one the portal does not speak", async (t) => {
  const french = await signInWith(t, "", { locale: "fr-FR" });
  assert.equal(await documentOf(french.frame).getAttribute("lang"), "fr");
  assert.equal((await french.frame.locator("[data-testid=new-ticket]").textContent()).trim(), catalog("fr", "new-ticket"));

  const swedish = await signInWith(t, "", { locale: "sv-SE" });
  assert.equal(await documentOf(swedish.frame).getAttribute("lang"), "en", "the workspace's default");
  assert.equal((await swedish.frame.locator("[data-testid=new-ticket]").textContent()).trim(), "New ticket");
});

test("Arabic reads right to left: the list is mirrored (screenshot in end2end/artifacts)", async (t) => {
  const { page, frame } = await signInWith(t, "ar");
  await page.setViewportSize({ width: 1000, height: 800 });
  assert.equal(await documentOf(frame).getAttribute("lang"), "ar");
  assert.equal(await documentOf(frame).getAttribute("dir"), "rtl");
  // The first column (the number) is the rightmost; the tabs start at the right.
  const number = await frame.locator("[data-testid=sort-by-number]").boundingBox();
  const updated = await frame.locator("[data-testid=sort-by-updated]").boundingBox();
  assert.ok(number.x > updated.x, `number column ${number.x} right of last updated ${updated.x}`);
  const tabs = await frame.locator("[data-testid=tabs]").boundingBox();
  const newTicket = await frame.locator("[data-testid=new-ticket]").boundingBox();
  assert.ok(tabs.x > newTicket.x, "tabs at the start (right), the new-ticket button at the end (left)");
  assert.equal((await frame.locator("[data-testid=new-ticket]").textContent()).trim(), catalog("ar", "new-ticket"));
  const artifacts = path.resolve(here, "../artifacts");
  mkdirSync(artifacts, { recursive: true });
  const shot = await page.screenshot({ path: path.join(artifacts, "list-ar.png") });
  assert.ok(shot.length > 10_000, "a real screenshot");
});
