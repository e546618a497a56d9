// Two `portal` processes on one PostgreSQL database: an agent's reply
// posted to instance A reaches a customer whose frame is served, and whose
// live socket is held, by instance B.
//
// Only on PostgreSQL: there, processes tell each other about new events
// (LISTEN/NOTIFY). A SQLite database belongs to one process. `scripts/test`
// runs the browser suite on both databases, so this test runs in the
// PostgreSQL pass and is skipped, saying why, in the SQLite pass.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openTicket, signInAsAlice, startPortal } from "../harness.mjs";

const onPostgres = /^postgres(ql)?:/i.test(process.env.PORTAL_E2E_DATABASE_URL || "");
const skip = onPostgres ? false : "needs PostgreSQL (instances share events through it); runs in the PostgreSQL pass";

let a;
let b;
let browser;

before(async () => {
  if (skip) return;
  a = await startPortal();
  // B seeds nothing new (the demo workspace exists) and points the
  // workspace's allowed origin at its own demo host site.
  b = await startPortal();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await b?.stop();
  await a?.stop();
});

describe("several portal instances on one database", () => {
  test("an agent reply posted to instance A appears live in a frame on instance B", { skip }, async (t) => {
    assert.notEqual(a.portalUrl, b.portalUrl);
    const token = (await a.cli("token", "create", "--workspace", "demo", "--name", "e2e-instances")).trim().split("\n").pop();
    const { page, frame } = await signInAsAlice(browser, b.demoUrl, t);
    const src = await page.locator("#unthread_help_center").getAttribute("src");
    assert.ok(src.startsWith(b.portalUrl), `the frame is served by B: ${src}`);
    await openTicket(frame, "Invoice 1042");
    const number = (await frame.locator("[data-testid=ticket] [data-testid=ticket-number]").textContent()).replace("#", "");

    const response = await fetch(`${a.portalUrl}/api/v1/tickets/${number}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ body: "Sent to instance A (CROSS-INSTANCE).", author_name: "Sam from Acme" }),
    });
    assert.equal(response.status, 201, await response.text());
    await frame.locator("[data-testid=message]", { hasText: "CROSS-INSTANCE" }).waitFor({ timeout: 10_000 });
  });
});
