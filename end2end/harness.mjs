// Test harness: starts the portal (with its demo host site) on free ports and
// launches a headless browser: Debian's Chromium through playwright-core, or
// Debian's Firefox ESR through puppeteer-core behind a Playwright-shaped
// adapter (firefox.mjs). Either way third-party cookies are blocked.
//
// Env:
//   PORTAL_BIN               portal binary (default ../target/debug/portal)
//   PORTAL_E2E_DATABASE_URL  database (default: SQLite in a fresh temp dir)
//   PORTAL_E2E_BROWSER       chromium (default) or firefox
//   CHROMIUM_PATH            Chromium (default: `chromium` on PATH)
//   FIREFOX_PATH             Firefox (default: `firefox-esr`, else `firefox`, on PATH)
import { execFile, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { launchFirefox } from "./firefox.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

export const PORTAL_RE = /portal:\s+(http\S+)/;
export const DEMO_RE = /demo host site:\s+(http\S+)/;
const START_TIMEOUT_MS = 60_000;

/** The database URL with any password hidden, for logs. */
export function redactUrl(url) {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}

/**
 * Starts `portal serve --demo` and resolves once both URLs are printed.
 * Returns { portalUrl, demoUrl, databaseUrl, databaseKind, output(), stop() }.
 */
export async function startPortal({ env: extra = {} } = {}) {
  const bin = process.env.PORTAL_BIN
    ? path.resolve(process.env.PORTAL_BIN)
    : path.resolve(here, "../target/debug/portal");
  if (!existsSync(bin)) {
    throw new Error(`portal binary not found at ${bin}: build it (cargo build -p portal) or set PORTAL_BIN`);
  }
  // Attached files, and the SQLite database unless another is named, live
  // in a fresh folder that goes when the portal stops.
  const tmp = mkdtempSync(path.join(tmpdir(), "portal-e2e-"));
  const databaseUrl = process.env.PORTAL_E2E_DATABASE_URL || `sqlite://${path.join(tmp, "portal.db")}`;
  const databaseKind = /^postgres(ql)?:/i.test(databaseUrl) ? "postgres" : /^sqlite:/i.test(databaseUrl) ? "sqlite" : "unknown";

  const args = ["serve", "--demo", "--bind", "127.0.0.1:0", "--demo-bind", "127.0.0.1:0", "--database-url", databaseUrl];
  // From the repository root, where the portal finds target/site (its default
  // --site-root) as in development. PORTAL_BIN is ours, not a portal setting.
  const { PORTAL_BIN: _, ...inherited } = process.env;
  const env = { ...inherited, PORTAL_BLOB_DIR: path.join(tmp, "blobs"), ...extra };
  const child = spawn(bin, args, { cwd: path.resolve(here, ".."), stdio: ["ignore", "pipe", "pipe"], env });
  let out = "";
  const output = () => out;
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (s) => (out += s));
  child.stderr.on("data", (s) => (out += s));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(tmp, { recursive: true, force: true });
  };

  try {
    const urls = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`portal did not print its URLs within ${START_TIMEOUT_MS / 1000} s; output:\n${out}`)),
        START_TIMEOUT_MS,
      );
      const check = () => {
        const p = out.match(PORTAL_RE);
        const d = out.match(DEMO_RE);
        if (p && d) {
          clearTimeout(timer);
          resolve({ portalUrl: p[1].replace(/\/$/, ""), demoUrl: d[1].replace(/\/$/, "") });
        }
      };
      child.stdout.on("data", check);
      child.stderr.on("data", check);
      child.once("error", (e) => {
        clearTimeout(timer);
        reject(new Error(`could not start ${bin}: ${e.message}`));
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`portal exited early (code ${code}, signal ${signal}); output:\n${out}`));
      });
    });
    /** Runs another `portal` command on the same database; resolves to its stdout. */
    const cli = (...more) =>
      new Promise((resolve, reject) => {
        execFile(bin, ["--database-url", databaseUrl, ...more], { cwd: path.resolve(here, ".."), env }, (e, stdout, stderr) =>
          e ? reject(new Error(`portal ${more.join(" ")}: ${e.message}\n${stderr}`)) : resolve(stdout),
        );
      });
    return { ...urls, databaseUrl, databaseKind, output, stop, cli };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The engine the tests run in: PORTAL_E2E_BROWSER, chromium unless told. */
export const BROWSER = (() => {
  const name = process.env.PORTAL_E2E_BROWSER || "chromium";
  if (name !== "chromium" && name !== "firefox") {
    throw new Error(`PORTAL_E2E_BROWSER must be chromium or firefox, not ${JSON.stringify(name)}`);
  }
  return name;
})();

/** The first of `names` on PATH, or null. */
function onPath(...names) {
  for (const name of names) {
    try {
      const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (found) return found;
    } catch {
      // not on PATH; try the next name
    }
  }
  return null;
}

/** Debian's Chromium: CHROMIUM_PATH, else `chromium` on PATH. */
export function chromiumPath() {
  const found = process.env.CHROMIUM_PATH || onPath("chromium", "chromium-browser");
  if (!found) throw new Error("Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH");
  return found;
}

/** Debian's Firefox ESR: FIREFOX_PATH, else `firefox-esr` or `firefox` on PATH. */
export function firefoxPath() {
  const found = process.env.FIREFOX_PATH || onPath("firefox-esr", "firefox");
  if (!found) throw new Error("Firefox not found: apt-get install -y firefox-esr, or set FIREFOX_PATH");
  return found;
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Chromium's profile preferences (Default/Preferences of a fresh user data
 * dir): third-party cookies blocked. cookie_controls_mode 1 is the setting
 * the browser's own "Block third-party cookies" writes; a new profile of
 * Debian's Chromium 156 happens to start there too, but the tests must not
 * depend on that default. The contexts that tests open with newContext()
 * read it from this profile.
 */
export const CHROMIUM_PREFERENCES = { profile: { cookie_controls_mode: 1, block_third_party_cookies: true } };

/**
 * Firefox's preferences: cookieBehavior 1 rejects every third-party cookie
 * (Firefox's own default, 5, would give a third-party frame partitioned
 * cookies instead).
 */
export const FIREFOX_PREFS = { "network.cookie.cookieBehavior": 1 };

/**
 * Launches the headless browser PORTAL_E2E_BROWSER names, in a fresh profile
 * removed on close(); each test then takes its own `browser.newContext()`.
 * Both give the tests Playwright's API (Firefox through firefox.mjs).
 */
export async function launchBrowser() {
  if (BROWSER === "firefox") return launchFirefox({ executablePath: firefoxPath(), prefs: FIREFOX_PREFS });
  const { context, close } = await launchPersistent();
  const browser = context.browser();
  // Closing the persistent context ends the browser; the profile goes after.
  return {
    newContext: (options) => browser.newContext(options),
    version: () => browser.version(),
    close,
  };
}

/**
 * Chromium with an explicit profile: one persistent context in a new temp
 * dir whose preferences are CHROMIUM_PREFERENCES (playwright-core refuses
 * --user-data-dir in `args`), removed by the returned close().
 */
export async function launchPersistent() {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-e2e-chromium-"));
  mkdirSync(path.join(dir, "Default"));
  writeFileSync(path.join(dir, "Default", "Preferences"), JSON.stringify(CHROMIUM_PREFERENCES));
  let context;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` until it returns a truthy value; throws with `what` on timeout. */
export async function eventually(fn, { timeout = 15_000, interval = 100, what = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A portal and a browser shared by the calling test file's tests: started
 * before the first, stopped after the last. Read `portal` and `browser`
 * from the returned object inside tests (they are unset until then).
 */
export function portalAndBrowser({ mail = false, slack = false } = {}) {
  const shared = {};
  before(async () => {
    if (mail) shared.mail = await startMailSink();
    if (slack) shared.slack = await (await import("./fake-slack.mjs")).startFakeSlack();
    const env = {
      ...(mail ? { PORTAL_SMTP_URL: shared.mail.url, PORTAL_MAIL_FROM: "support@acme.test" } : {}),
      ...(slack ? { PORTAL_SLACK_API_URL: shared.slack.url } : {}),
    };
    shared.portal = await startPortal({ env });
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.portal?.stop();
    shared.mail?.stop();
    await shared.slack?.stop();
  });
  return shared;
}

/**
 * An SMTP server (aiosmtpd, which `scripts/setup --test` installs) on a
 * free port, keeping what it receives in a Maildir:
 * { url, messages() (raw, oldest first), stop() }.
 */
export async function startMailSink() {
  const { createServer } = await import("node:net");
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const dir = mkdtempSync(path.join(tmpdir(), "portal-mail-"));
  const python = path.resolve(here, "../.tools/venv/bin/python");
  const child = spawn(python, ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", path.join(dir, "mail")], { stdio: "ignore" });
  const { connect } = await import("node:net");
  await eventually(() => new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => { socket.destroy(); resolve(true); });
    socket.on("error", () => resolve(false));
  }), { what: "the SMTP sink to listen" });
  const messages = () => {
    const fresh = path.join(dir, "mail", "new");
    if (!existsSync(fresh)) return [];
    // In the order they arrived: Maildir names do not sort by time.
    const files = readdirSync(fresh).map((name) => path.join(fresh, name));
    const arrived = (file) => statSync(file).mtimeMs;
    return files.sort((a, b) => arrived(a) - arrived(b) || a.localeCompare(b)).map((file) => readFileSync(file, "utf8"));
  };
  const stop = () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `smtp://127.0.0.1:${port}`, messages, stop };
}

/**
 * Alice, signed in on the demo host site at `demoUrl` through the real
 * snippet, her ticket list shown in the frame. The browser context closes
 * when test `t` ends.
 */
export async function signInAsAlice(browser, demoUrl, t) {
  return signInAs(browser, demoUrl, "alice@example.com", t);
}

/**
 * The demo host site at `demoUrl` in a fresh browser context (with
 * `options`, closed when test `t` ends), its portal frame waiting for a
 * sign-in.
 */
export async function openHostPage(browser, demoUrl, t, options) {
  const context = await browser.newContext(options);
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${demoUrl}/`);
  const frame = page.frameLocator("#unthread_help_center");
  await frame.locator("[data-testid=status]").filter({ hasText: /sign in/i }).waitFor({ timeout: 30_000 });
  return { page, frame };
}

/** Like `signInAsAlice`, as the demo user with this email (who has tickets). */
export async function signInAs(browser, demoUrl, email, t) {
  const { page, frame } = await openHostPage(browser, demoUrl, t);
  await page.selectOption("#demo-user", email);
  await page.click("#login");
  await frame.locator("[data-testid=ticket-row]").first().waitFor({ timeout: 20_000 });
  return { page, frame };
}

/**
 * A fresh browser context (with `options`, closed when test `t` ends) signed
 * in to the demo workspace's console at `portalUrl` as `who` ({ email, password }).
 */
export async function signInToConsole(browser, portalUrl, who, t, options) {
  const context = await browser.newContext(options);
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${portalUrl}/console`);
  await page.fill("input[name=workspace]", "demo");
  await page.fill("input[name=email]", who.email);
  await page.fill("input[name=password]", who.password);
  await page.click("[data-testid=login-form] button[type=submit]");
  await page.locator("[data-testid=console-user]").waitFor();
  return page;
}

/** Opens the ticket whose title contains `titlePart` from the list. */
export async function openTicket(frame, titlePart) {
  await frame.locator("[data-testid=ticket-title] a", { hasText: titlePart }).click();
  await frame.locator("[data-testid=ticket]").waitFor();
}

/** The portal's frame in `page` as a Playwright Frame, once it shows a portal page. */
export async function portalFrameOf(page) {
  const handle = await page.waitForSelector("#unthread_help_center", { state: "attached" });
  return eventually(async () => {
    const f = await handle.contentFrame();
    return f && new URL(f.url()).pathname.startsWith("/embed/") ? f : null;
  }, { what: "the portal frame to navigate" });
}

/** The WCAG 2.1 A and AA rules of axe-core. */
export const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let axeSource;

/**
 * Runs axe-core with the WCAG 2.1 A/AA rules in `target`, a Page or a Frame
 * (the portal's frame is cross-origin to the host page: pass its Frame, see
 * `portalFrameOf`), and returns the violations.
 *
 * The source goes in through `evaluate` of a string, which Playwright runs
 * through the DevTools protocol: the page's Content-Security-Policy (the
 * frame's nonce-only script-src, the console's 'self') governs the page's own
 * scripts, not the debugger's, so neither blocks it, while a <script> tag
 * (addScriptTag) would be refused by both. axe itself needs no eval.
 * Frames inside `target` are not checked from it (`iframes: false`): each
 * document is checked on its own.
 */
export async function axeViolations(target, { exclude = [], tags = WCAG_21_AA } = {}) {
  axeSource ??= readFileSync(path.resolve(here, "node_modules/axe-core/axe.min.js"), "utf8");
  if (!(await target.evaluate(() => typeof window.axe === "object" && typeof window.axe.run === "function"))) {
    await target.evaluate(axeSource);
  }
  const results = await target.evaluate(
    ([tags, exclude]) =>
      window.axe.run(exclude.length ? { include: [document], exclude: exclude.map((s) => [s]) } : document, {
        runOnly: { type: "tag", values: tags },
        iframes: false,
        resultTypes: ["violations"],
      }),
    [tags, exclude],
  );
  return results.violations;
}

/** The violations as lines: rule, impact, help, and each node's target and why. */
export function describeViolations(violations) {
  return violations
    .map((v) =>
      [
        `${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]`,
        ...v.nodes.map((n) => `    ${n.target.join(" >>> ")}: ${(n.failureSummary ?? "").replace(/\s*\n\s*/g, " / ")}`),
      ].join("\n"),
    )
    .join("\n");
}

/**
 * Checks several pages and reports them all at once: `check(target, what)`
 * notes each page's violations, `assertNone()` fails the test naming every
 * page that had any.
 */
export function accessibilityAudit() {
  const found = [];
  return {
    async check(target, what, options) {
      const violations = await axeViolations(target, options);
      if (violations.length) found.push(`${what}:\n${describeViolations(violations)}`);
    },
    assertNone() {
      assert.equal(found.length, 0, `WCAG 2.1 AA violations on ${found.length} page(s)\n${found.join("\n")}`);
    },
  };
}

/** Fails the test when axe-core finds a WCAG 2.1 A/AA violation in `target`, naming each. */
export async function assertAccessible(target, what, options) {
  const violations = await axeViolations(target, options);
  assert.equal(violations.length, 0, `${what}: ${violations.length} WCAG 2.1 AA violation(s)\n${describeViolations(violations)}`);
}
