// The list's search, filters and sort in the embedded portal, through the
// real snippet on the demo host site, as Alice (one of her tickets has an
// internal note about "billing" she must never see). Other test files may
// have opened tickets for her on the same database: nothing here counts on
// how many she has.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { portalAndBrowser, signInAsAlice } from "../harness.mjs";

const shared = portalAndBrowser();

const titles = (frame) => frame.locator("[data-testid=ticket-row] [data-testid=ticket-title]").allTextContents();
const portalFrame = (page) => page.frames().find((f) => f.url().includes("/embed/"));

describe("search, filters and sort in the embedded portal", () => {
  test("a search shows the matches with a highlighted preview, and back returns to the list", async (t) => {
    const { page, frame } = await signInAsAlice(shared.browser, shared.portal.demoUrl, t);
    const everything = (await titles(frame)).length;

    await frame.locator("[data-testid=search]").fill("billing address");
    await frame.locator("[data-testid=search]").press("Enter");
    await frame.locator("[data-testid=preview-heading]").waitFor();
    assert.deepEqual(await titles(frame), ["Invoice 1042 shows the wrong VAT number (CANARY-A)"]);
    const marked = await frame.locator("[data-testid=snippet] mark").allTextContents();
    assert.deepEqual(marked.map((m) => m.toLowerCase()), ["billing", "address"]);
    assert.match(await frame.locator("[data-testid=snippet-by]").textContent(), /·/);
    assert.match(portalFrame(page).url(), /\?q=billing\+address|\?q=billing%20address/);
    const html = await portalFrame(page).content();
    assert.ok(!html.includes("CANARY-INTERNAL"), "the internal note about billing is in no DOM node");

    // A word only the internal note has finds nothing.
    await frame.locator("[data-testid=search]").fill("legacy");
    await frame.locator("[data-testid=search]").press("Enter");
    await frame.locator("[data-testid=no-tickets]").waitFor();

    await page.evaluate(() => history.back());
    await frame.locator("[data-testid=preview-heading]").waitFor();
    assert.equal(await frame.locator("[data-testid=search]").inputValue(), "billing address");
    await page.evaluate(() => history.back());
    await frame.locator("[data-testid=preview-heading]").waitFor({ state: "detached" });
    assert.equal((await titles(frame)).length, everything);
  });

  test("a filter narrows the list and a sort orders it, both kept in the frame's URL", async (t) => {
    const { page, frame } = await signInAsAlice(shared.browser, shared.portal.demoUrl, t);
    await frame.locator(".filters summary").click();
    await frame.locator("[data-testid=filter-state]").selectOption("in_progress");
    await frame.locator("[data-testid=filter-state] option[value=in_progress][selected]").waitFor({ state: "attached" });
    assert.deepEqual(await titles(frame), ["CSV export times out on large projects (CANARY-A)"]);
    assert.match(portalFrame(page).url(), /state=in_progress/);

    await frame.locator("[data-testid=filter-state]").selectOption("");
    await frame.locator("[data-testid=sort]").selectOption("number-asc");
    await frame.locator("[data-testid=sort] option[value=number-asc][selected]").waitFor({ state: "attached" });
    const ascending = await frame.locator("[data-testid=ticket-number]").allTextContents();
    assert.ok(ascending.length >= 3, ascending.join(" "));
    assert.deepEqual(ascending, [...ascending].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));

    await frame.locator("[data-testid=sort]").selectOption("number-desc");
    await frame.locator("[data-testid=sort] option[value=number-desc][selected]").waitFor({ state: "attached" });
    assert.deepEqual(await frame.locator("[data-testid=ticket-number]").allTextContents(), [...ascending].reverse());
  });

  test("clicking a column heading sorts by it, a second click the other way, and says so", async (t) => {
    const { page, frame } = await signInAsAlice(shared.browser, shared.portal.demoUrl, t);
    const number = frame.locator("[data-testid=sort-by-number]");
    assert.equal(await number.getAttribute("aria-sort"), "none");
    await number.locator("a").click();
    await frame.locator("[data-testid=sort-by-number][aria-sort=descending]").waitFor();
    const descending = await frame.locator("[data-testid=ticket-number]").allTextContents();
    assert.ok(descending.length >= 3, descending.join(" "));
    assert.deepEqual(descending, [...descending].sort((a, b) => Number(b.slice(1)) - Number(a.slice(1))));
    assert.match(portalFrame(page).url(), /sort=number-desc/);
    assert.equal(await frame.locator("[data-testid=sort-by-updated]").getAttribute("aria-sort"), "none");

    await frame.locator("[data-testid=sort-by-number] a").click();
    await frame.locator("[data-testid=sort-by-number][aria-sort=ascending]").waitFor();
    assert.deepEqual(await frame.locator("[data-testid=ticket-number]").allTextContents(), [...descending].reverse());
    assert.ok((await frame.locator("[data-testid=ticket-created]").count()) >= 3, "a Created column");
  });
});
