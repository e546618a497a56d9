// Files in the embedded portal, through the real snippet on the demo host
// site: attach a PNG and a PDF to a reply, download one back, attach a file
// to a new ticket, and see refusals that name the file and say why.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { eventually, openTicket, portalAndBrowser, signInAsAlice } from "../harness.mjs";

const shared = portalAndBrowser();

// A real 1x1 PNG and a small PDF.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const THREE_MB = 3 * 1024 * 1024;

const file = (name, mimeType, buffer) => ({ name, mimeType, buffer });
// Texts this run writes, told apart from any other run's on a shared database.
const run = Math.random().toString(36).slice(2, 8);

/** Alice signed in on the demo host site; her ticket list shown. */
const signedIn = (t) => signInAsAlice(shared.browser, shared.portal.demoUrl, t);

/** Waits until every picked file has left the "sending" state. */
async function settled(frame, count) {
  const picked = frame.locator("[data-testid=picked-file]");
  await picked.nth(count - 1).waitFor();
  const sending = frame.locator("[data-testid=picked-file][data-state=sending]");
  await eventually(async () => (await sending.count()) === 0, { what: "the uploads to finish" });
  return picked;
}

describe("attachments in the embedded portal", () => {
  test("a reply carries a PNG and a PDF, and a file downloads back intact", async (t) => {
    const { page, frame } = await signedIn(t);
    await openTicket(frame, "CSV export");
    await frame.locator("[data-testid=file-input]").setInputFiles([
      file("screenshot.png", "image/png", PNG),
      file("invoice.pdf", "application/pdf", PDF),
    ]);
    const picked = await settled(frame, 2);
    assert.deepEqual(await picked.evaluateAll((rows) => rows.map((r) => r.dataset.state)), ["ready", "ready"]);
    await frame.locator("[data-testid=reply-text]").fill(`Both files attached (${run}).`);
    await frame.locator("[data-testid=send]").click();
    const message = frame.locator("[data-testid=message]", { hasText: `Both files attached (${run}).` });
    await message.waitFor();
    // Files are listed in the order their uploads finished.
    const links = message.locator("[data-testid=file]", { hasText: "screenshot.png" });
    assert.deepEqual((await message.locator("[data-testid=file]").allTextContents()).sort(), ["invoice.pdf", "screenshot.png"]);
    assert.equal(await frame.locator("[data-testid=picked-file]").count(), 0, "the picker is emptied once sent");

    const [download] = await Promise.all([page.waitForEvent("download"), links.click()]);
    assert.equal(download.suggestedFilename(), "screenshot.png");
    assert.deepEqual(await readFile(await download.path()), PNG);
  });

  test("a new ticket carries a file", async (t) => {
    const { frame } = await signedIn(t);
    await frame.locator("[data-testid=new-ticket]").click();
    // Alice's titles all carry her marker (the embed tests check that).
    await frame.locator("[data-testid=new-title]").fill(`Statement ${run} attached (CANARY-A)`);
    await frame.locator("[data-testid=file-input]").setInputFiles([file("statement.pdf", "application/pdf", PDF)]);
    await settled(frame, 1);
    await frame.locator("[data-testid=create]").click();
    await openTicket(frame, `Statement ${run} attached`);
    assert.deepEqual(await frame.locator("[data-testid=ticket] [data-testid=file]").allTextContents(), ["statement.pdf"]);
  });

  test("a file of 3 MB + 1 byte and an SVG named .png are refused by name, and never sent", async (t) => {
    const { frame } = await signedIn(t);
    await openTicket(frame, "CSV export");
    const big = Buffer.alloc(THREE_MB + 1);
    PNG.copy(big);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    await frame.locator("[data-testid=file-input]").setInputFiles([
      file("huge.png", "image/png", big),
      file("cat.png", "image/png", svg),
      file("fine.png", "image/png", PNG),
    ]);
    const picked = await settled(frame, 3);
    const rows = await picked.evaluateAll((els) => els.map((r) => [r.dataset.state, r.textContent]));
    assert.equal(rows[0][0], "refused");
    assert.match(rows[0][1], /huge\.png: the file is larger than 3 MB/);
    assert.equal(rows[1][0], "refused");
    assert.match(rows[1][1], /cat\.png: the content is not a PNG file/);
    assert.equal(rows[2][0], "ready");

    await frame.locator("[data-testid=reply-text]").fill(`Only the fine one (${run}).`);
    await frame.locator("[data-testid=send]").click();
    const message = frame.locator("[data-testid=message]", { hasText: `Only the fine one (${run}).` });
    await message.waitFor();
    assert.deepEqual(await message.locator("[data-testid=file]").allTextContents(), ["fine.png"]);
  });
});
