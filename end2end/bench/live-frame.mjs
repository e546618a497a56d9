// How long an agent's reply takes to reach a customer's screen: the portal
// and its demo host site started as the browser tests start them, Alice
// signed in through the real snippet with a ticket open in her frame, then
// SAMPLES agent replies through the REST API, one at a time, each timed from
// just before its POST until its text is visible in the frame (the first
// animation frame after it is in the page and laid out). Prints p50, p95 and
// max. A figure, not a test: nothing here passes or fails on time.
//
//   node end2end/bench/live-frame.mjs
//
// Env: those of the browser tests (see ../harness.mjs): PORTAL_BIN,
// PORTAL_E2E_BROWSER (chromium by default), CHROMIUM_PATH, ...
import { launchBrowser, openTicket, portalFrameOf, signInAsAlice, startPortal, BROWSER } from "../harness.mjs";

const SAMPLES = 30;
/** Replies sent first and not counted: the first ones pay for cold caches and connections. */
const WARM_UP = 3;
/** Pause between replies, so that one reply's follow-up work (a refetch) is not timed with the next. */
const PAUSE_MS = 300;
const TICKET = "Invoice 1042";

/**
 * Runs in the frame: resolves to the wall-clock time of the first
 * animation frame in which a message body containing `text` is rendered.
 * Installed before the reply is posted, so nothing is missed.
 */
function watchFor(text) {
  const shown = () =>
    [...document.querySelectorAll("[data-testid=message-body]")].some(
      (body) => body.textContent.includes(text) && body.checkVisibility(),
    );
  window.__liveBenchSeen = new Promise((resolve) => {
    const painted = () => requestAnimationFrame(() => resolve(Date.now()));
    if (shown()) return painted();
    const observer = new MutationObserver(() => {
      if (shown()) {
        observer.disconnect();
        painted();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** The `p`-th percentile of sorted `values`, by the nearest-rank method. */
function percentile(values, p) {
  return values[Math.max(0, Math.ceil((p / 100) * values.length) - 1)];
}

async function main() {
  const cleanups = [];
  // The harness's sign-in closes its browser context when a test ends; here, when the run ends.
  const run = { after: (cleanup) => cleanups.unshift(cleanup) };
  const portal = await startPortal();
  cleanups.push(() => portal.stop());
  try {
    const browser = await launchBrowser();
    cleanups.unshift(() => browser.close());
    const created = await portal.cli("token", "create", "--workspace", "demo", "--name", "live-frame-bench");
    const token = created.trim().split("\n").pop().trim();
    const { page, frame: frameLocator } = await signInAsAlice(browser, portal.demoUrl, run);
    await openTicket(frameLocator, TICKET);
    const number = (await frameLocator.locator("[data-testid=ticket] [data-testid=ticket-number]").textContent()).replace("#", "");
    const frame = await portalFrameOf(page);
    const marker = Math.random().toString(36).slice(2, 8);

    const reply = async (i) => {
      const text = `Live bench reply ${i} (LB-${marker}-${i}).`;
      await frame.evaluate(watchFor, `LB-${marker}-${i})`);
      const sent = Date.now();
      const response = await fetch(`${portal.portalUrl}/api/v1/tickets/${number}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ body: text, author_name: "Sam from Acme" }),
      });
      if (response.status !== 201) throw new Error(`the reply was refused: ${response.status} ${await response.text()}`);
      const seen = await frame.evaluate(
        () => Promise.race([window.__liveBenchSeen, new Promise((_, no) => setTimeout(() => no(new Error("not shown within 10 s")), 10_000))]),
      );
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      return seen - sent;
    };

    for (let i = 0; i < WARM_UP; i++) await reply(`warm-${i}`);
    const times = [];
    for (let i = 0; i < SAMPLES; i++) times.push(await reply(i));
    times.sort((a, b) => a - b);
    console.log(`live reply to the customer's frame (${BROWSER}, ${SAMPLES} agent replies through the REST API, one at a time)`);
    console.log(`  p50 ${percentile(times, 50)} ms  p95 ${percentile(times, 95)} ms  max ${times[times.length - 1]} ms`);
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
