// Firefox for the browser tests: a stock Firefox (Debian's firefox-esr)
// driven over WebDriver BiDi by puppeteer-core, behind the part of
// Playwright's API that the tests use.
//
// Why an adapter: playwright-core drives Firefox only in Playwright's own
// patched builds, which are not packaged for Debian and would have to be
// downloaded; puppeteer-core speaks the standard WebDriver BiDi protocol that
// a stock Firefox serves. The tests are written against Playwright's API, so
// this module gives them the same shapes (browser → contexts → pages, lazy
// locators that wait) and the tests run unchanged in either engine.
//
// Only what the tests use is here. Anything else is left out on purpose
// rather than approximated: a test that needs more adds it here, with the
// Playwright semantics it relies on.
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";

/** Playwright's default timeout of actions and waits. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** Playwright's default viewport of a new context (puppeteer's is 800×600). */
const DEFAULT_VIEWPORT = { width: 1280, height: 720 };
/**
 * How long after a click or key press a navigation it caused may take to
 * start. Playwright waits for such a navigation to commit before the action
 * returns (the console's forms are plain HTML forms: without this, a read
 * right after a submit could see the page being left).
 */
const NAVIGATION_START_GRACE_MS = 100;
/** Pauses between tries of a waiting action, as Playwright's. */
const RETRY_DELAYS_MS = [0, 20, 50, 100, 100, 500];

export class TimeoutError extends Error {
  name = "TimeoutError";
}

/** An error that no retry can cure (a strict-mode violation, a bad selector). */
class FatalError extends Error {}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The preference that sets the colour scheme pages see. Firefox has no
 * per-context override over WebDriver BiDi, so a dark context lives in a
 * second Firefox launched with this set to dark.
 */
const COLOR_SCHEME_PREF = "layout.css.prefers-color-scheme.content-override";
const COLOR_SCHEMES = { dark: 0, light: 1 };

/**
 * Launches Firefox with a fresh profile (puppeteer makes one per launch and
 * removes it on close). `prefs` are Firefox preferences (about:config).
 * Pages see the light colour scheme unless a context asks for dark.
 */
export async function launchFirefox({ executablePath, prefs = {}, headless = true, colorScheme = "light" }) {
  const options = { executablePath, prefs, headless };
  // Downloads land here; each context is told so (WebDriver BiDi's
  // browser.setDownloadBehavior), and it goes with the browser.
  const downloads = mkdtempSync(path.join(tmpdir(), "portal-e2e-firefox-downloads-"));
  try {
    const browser = await puppeteer.launch({
      browser: "firefox",
      protocol: "webDriverBiDi",
      executablePath,
      headless,
      defaultViewport: DEFAULT_VIEWPORT,
      extraPrefsFirefox: { ...prefs, [COLOR_SCHEME_PREF]: COLOR_SCHEMES[colorScheme] },
    });
    return new Browser(browser, downloads, options);
  } catch (e) {
    rmSync(downloads, { recursive: true, force: true });
    throw e;
  }
}

class Browser {
  #browser;
  #downloads;
  #options;
  /** The dark twin of this browser, launched when a context first asks for it. */
  #dark;

  constructor(browser, downloads, options) {
    this.#browser = browser;
    this.#downloads = downloads;
    this.#options = options;
  }

  /**
   * A new user context: its own cookies and storage, like Playwright's.
   * `locale` is the language the browser asks pages in (Accept-Language)
   * and tells scripts (navigator.language, Intl), as Playwright's;
   * `viewport` the size of its pages; `colorScheme` "light" or "dark".
   */
  async newContext({ locale, viewport = DEFAULT_VIEWPORT, colorScheme = "light", ...rest } = {}) {
    if (Object.keys(rest).length) {
      throw new Error(`newContext: ${Object.keys(rest).join(", ")} not supported in Firefox here`);
    }
    if (!(colorScheme in COLOR_SCHEMES)) throw new Error(`newContext: colorScheme "${colorScheme}" not supported in Firefox here`);
    if (colorScheme === "dark") {
      this.#dark ??= launchFirefox({ ...this.#options, colorScheme: "dark" });
      return (await this.#dark).newContext({ locale, viewport });
    }
    const context = await this.#browser.createBrowserContext({
      downloadBehavior: { policy: "allow", downloadPath: this.#downloads },
    });
    // `connection` is puppeteer's WebDriver BiDi session (not in its typed
    // API): the commands and events below have no puppeteer method.
    const bidi = this.#browser.connection;
    if (locale) {
      const userContexts = [context.id];
      await bidi.send("emulation.setLocaleOverride", { locale, userContexts });
      await bidi.send("network.setExtraHeaders", {
        headers: [{ name: "accept-language", value: { type: "string", value: locale } }],
        userContexts,
      });
    }
    return new BrowserContext(context, bidi, viewport);
  }

  version() {
    return this.#browser.version();
  }

  async close() {
    try {
      await this.#browser.close();
      if (this.#dark) await (await this.#dark).close();
    } finally {
      rmSync(this.#downloads, { recursive: true, force: true });
    }
  }
}

class BrowserContext {
  #context;
  #bidi;
  #viewport;

  constructor(context, bidi, viewport) {
    this.#context = context;
    this.#bidi = bidi;
    this.#viewport = viewport;
  }

  async newPage() {
    const page = await this.#context.newPage();
    await page.setViewport(this.#viewport);
    return new Page(page, this, this.#bidi);
  }

  /**
   * Playwright's `waitForEvent("page")`: the next tab opened in this
   * context (by `window.open`). The tabs open now are read before the
   * first await, so a click made alongside cannot be missed.
   */
  async waitForEvent(event, { timeout = DEFAULT_TIMEOUT_MS } = {}) {
    if (event !== "page") throw new Error(`waitForEvent("${event}") is not supported in Firefox here`);
    const known = new Set(this.#context.targets());
    const target = await this.#context.waitForTarget((t) => t.type() === "page" && !known.has(t), { timeout });
    return new Page(await target.page(), this, this.#bidi);
  }

  async close() {
    // Closing twice (a test's own close and its t.after) is harmless, as in Playwright.
    if (this.#context.closed) return;
    await this.#context.close();
  }
}

/**
 * Playwright's keyboard: a key may carry modifiers ("Shift+Tab"), held
 * down around it, which puppeteer's `press` does not take.
 */
class Keyboard {
  #keyboard;
  /** Playwright's key names that puppeteer spells otherwise. */
  static #names = { Space: " " };

  constructor(keyboard) {
    this.#keyboard = keyboard;
  }

  async press(keys) {
    const modifiers = keys.length > 1 ? keys.split("+") : [keys];
    const last = modifiers.pop();
    const key = Keyboard.#names[last] ?? last;
    for (const modifier of modifiers) await this.#keyboard.down(modifier);
    try {
      await this.#keyboard.press(key);
    } finally {
      for (const modifier of modifiers.reverse()) await this.#keyboard.up(modifier);
    }
  }

  type(text, options) {
    return this.#keyboard.type(text, options);
  }
}

/**
 * A tab. Reads and evaluations go straight to puppeteer, whose Page, Frame,
 * ElementHandle, HTTPResponse and ConsoleMessage already answer the calls
 * the tests make (url(), content(), evaluate(fn, arg), title(),
 * contentFrame(), status(), json(), type(), text(), location()).
 * What differs is wrapped: locators, requests, routes, downloads.
 */
class Page {
  #page;
  #context;
  #bidi;
  #routes = [];
  #requestWrappers = new WeakMap();
  #listenerWrappers = new WeakMap();
  #navigations = new Navigations();
  #stopTracking;

  constructor(page, context, bidi) {
    this.#page = page;
    this.#context = context;
    this.#bidi = bidi;
    // puppeteer keeps WebDriver BiDi's navigation events to itself, and
    // exposes only their end; the raw events tell when one started (see
    // `settled`) and are filtered to this tab's browsing contexts.
    this.#stopTracking = this.#navigations.track(bidi, (context) => this.owns(context));
    page.once("close", () => this.#stopTracking());
  }

  /** Whether a WebDriver BiDi browsing context is this tab or one of its frames. */
  owns(context) {
    // `_id` is puppeteer's name for a frame's browsing context id.
    return this.#page.frames().some((f) => f._id === context);
  }

  context() {
    return this.#context;
  }

  get keyboard() {
    return new Keyboard(this.#page.keyboard);
  }

  mainFrame() {
    return this.#page.mainFrame();
  }

  frames() {
    return this.#page.frames();
  }

  url() {
    return this.#page.url();
  }

  title() {
    return this.#page.title();
  }

  content() {
    return this.#page.content();
  }

  close() {
    return this.#page.close();
  }

  /** Playwright's `waitUntil` names, in puppeteer's words. */
  static #waitUntil(options = {}) {
    const names = { load: "load", domcontentloaded: "domcontentloaded", networkidle: "networkidle0" };
    if (options.waitUntil && !names[options.waitUntil]) {
      throw new Error(`waitUntil: "${options.waitUntil}" is not supported in Firefox here`);
    }
    return { waitUntil: names[options.waitUntil ?? "load"], timeout: options.timeout ?? DEFAULT_TIMEOUT_MS };
  }

  goto(url, options) {
    return this.#page.goto(url, Page.#waitUntil(options));
  }

  reload(options) {
    return this.#page.reload(Page.#waitUntil(options));
  }

  setViewportSize({ width, height }) {
    return this.#page.setViewport({ width, height });
  }

  evaluate(fn, arg) {
    return this.#page.evaluate(fn, arg);
  }

  /** The visible part of the tab as a PNG (a Buffer, as Playwright's); written to `path` if given. */
  async screenshot({ path, fullPage = false } = {}) {
    return Buffer.from(await this.#page.screenshot({ path, fullPage, type: "png" }));
  }

  $(selector) {
    return this.#page.$(cssOnly(selector));
  }

  $eval(selector, fn, arg) {
    return this.#page.$eval(cssOnly(selector), fn, arg);
  }

  /** Playwright's states, in puppeteer's options ("attached" is puppeteer's default). */
  async waitForSelector(selector, { state = "visible", timeout = DEFAULT_TIMEOUT_MS } = {}) {
    if (state === "detached") {
      await this.locator(selector).waitFor({ state, timeout });
      return null;
    }
    return this.#page.waitForSelector(cssOnly(selector), { visible: state === "visible", hidden: state === "hidden", timeout });
  }

  /** Runs `fn` in every new document of the tab, its frames included, before the page's scripts. */
  async addInitScript(script, arg) {
    if (typeof script === "function") await this.#page.evaluateOnNewDocument(script, arg);
    else if (typeof script === "string") await this.#page.evaluateOnNewDocument(script);
    else if (script && typeof script.content === "string") await this.#page.evaluateOnNewDocument(script.content);
    else throw new Error("addInitScript: give a function, a string or { content }");
  }

  locator(selector, options) {
    return new Locator(this, []).locator(selector, options);
  }

  frameLocator(selector) {
    return new FrameLocator(this, [], selector);
  }

  // Playwright's selector shortcuts on the page are its locator's actions.
  click(selector, options) {
    return this.locator(selector).click(options);
  }

  fill(selector, value, options) {
    return this.locator(selector).fill(value, options);
  }

  selectOption(selector, values, options) {
    return this.locator(selector).selectOption(values, options);
  }

  /** Playwright's Request has allHeaders() and a synchronous postData(). */
  #wrapRequest(request) {
    let wrapped = this.#requestWrappers.get(request);
    if (!wrapped) {
      wrapped = new Request(request);
      this.#requestWrappers.set(request, wrapped);
    }
    return wrapped;
  }

  /** Listeners as Playwright's; "request" gets a Playwright-shaped request. */
  on(event, listener) {
    this.#page.on(event, this.#listener(event, listener));
    return this;
  }

  once(event, listener) {
    this.#page.once(event, this.#listener(event, listener));
    return this;
  }

  off(event, listener) {
    this.#page.off(event, this.#listenerWrappers.get(listener) ?? listener);
    return this;
  }

  removeListener(event, listener) {
    return this.off(event, listener);
  }

  #listener(event, listener) {
    if (event !== "request" && event !== "requestfinished" && event !== "requestfailed") return listener;
    const wrapped = (request) => listener(this.#wrapRequest(request));
    this.#listenerWrappers.set(listener, wrapped);
    return wrapped;
  }

  /** Resolves to the first response `match` accepts (a URL, or a function of the response). */
  waitForResponse(match, { timeout = DEFAULT_TIMEOUT_MS } = {}) {
    return this.#page.waitForResponse(match, { timeout });
  }

  /** Only "download" is needed; other events have their own waitFor*(). */
  waitForEvent(event, options = {}) {
    const { predicate, timeout = DEFAULT_TIMEOUT_MS } = typeof options === "function" ? { predicate: options } : options;
    if (event !== "download") throw new Error(`waitForEvent("${event}") is not supported in Firefox here`);
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.#bidi.off("browsingContext.downloadWillBegin", onBegin);
      };
      const timer = setTimeout(() => {
        done();
        reject(new TimeoutError(`waitForEvent("download"): no download began within ${timeout} ms`));
      }, timeout);
      const onBegin = async (event) => {
        if (!this.owns(event.context)) return;
        const download = new Download(this.#bidi, event);
        if (predicate && !(await predicate(download))) return;
        done();
        resolve(download);
      };
      this.#bidi.on("browsingContext.downloadWillBegin", onBegin);
    });
  }

  /**
   * Holds back requests whose URL matches `url` (a glob, a RegExp or a
   * function of a URL) and hands each to `handler` as a Route. puppeteer's
   * request interception pauses every request of the tab, so those that no
   * route wants go on at once.
   */
  async route(url, handler) {
    const first = this.#routes.length === 0;
    this.#routes.unshift({ matches: urlMatcher(url), handler });
    if (!first) return;
    this.#page.on("request", (request) => {
      if (request.isInterceptResolutionHandled()) return;
      const route = this.#routes.find((r) => r.matches(request.url()));
      if (!route) {
        request.continue().catch(() => {});
        return;
      }
      Promise.resolve(route.handler(new Route(request, this.#wrapRequest(request)), this.#wrapRequest(request))).catch((e) =>
        console.error(`route handler for ${request.url()} failed: ${e.stack ?? e}`),
      );
    });
    await this.#page.setRequestInterception(true);
  }

  /**
   * Runs an input action, then, like Playwright, waits for a navigation it
   * started (a form submitted, a link followed) to commit.
   */
  async settled(action) {
    // Firefox runs no animation frames in a tab that is not the front one,
    // so it paints nothing there (see click); Playwright's pages all count
    // as visible. The tab a test acts in comes to the front.
    await this.#page.bringToFront();
    const mark = this.#navigations.mark();
    const result = await action();
    await sleep(NAVIGATION_START_GRACE_MS);
    await this.#navigations.since(mark, DEFAULT_TIMEOUT_MS);
    return result;
  }
}

/**
 * The navigations of one tab as WebDriver BiDi reports them: started, then
 * committed (or loaded, failed, aborted). Numbered in order of start so an
 * action can wait for those it started.
 */
class Navigations {
  static #ENDS = [
    "browsingContext.navigationCommitted",
    "browsingContext.domContentLoaded",
    "browsingContext.load",
    "browsingContext.navigationFailed",
    "browsingContext.navigationAborted",
    "browsingContext.downloadWillBegin",
  ];

  #count = 0;
  /** browsing context id → { number, navigation, ended: Promise, end() } of its latest unfinished navigation */
  #open = new Map();

  track(bidi, owns) {
    const onStart = (e) => {
      if (!owns(e.context)) return;
      this.#open.get(e.context)?.end(); // replaced by this one
      let end;
      const ended = new Promise((r) => (end = r));
      this.#open.set(e.context, { number: ++this.#count, navigation: e.navigation, ended, end });
    };
    const onEnd = (e) => {
      const open = this.#open.get(e.context);
      if (open && (open.navigation === null || e.navigation === null || open.navigation === e.navigation)) {
        open.end();
        this.#open.delete(e.context);
      }
    };
    bidi.on("browsingContext.navigationStarted", onStart);
    for (const name of Navigations.#ENDS) bidi.on(name, onEnd);
    return () => {
      bidi.off("browsingContext.navigationStarted", onStart);
      for (const name of Navigations.#ENDS) bidi.off(name, onEnd);
      for (const open of this.#open.values()) open.end();
    };
  }

  mark() {
    return this.#count;
  }

  /** Waits for the navigations started after `mark` to commit. */
  async since(mark, timeout) {
    const pending = [...this.#open.values()].filter((n) => n.number > mark).map((n) => n.ended);
    if (pending.length === 0) return;
    let timer;
    await Promise.race([
      Promise.all(pending),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(`a navigation started by an action did not commit within ${timeout} ms`)), timeout);
      }),
    ]).finally(() => clearTimeout(timer));
  }
}

/** Playwright's Request over puppeteer's HTTPRequest. */
class Request {
  #request;
  #body;
  #bodyValue;

  constructor(request) {
    this.#request = request;
    // WebDriver BiDi hands a request's body over only when asked (puppeteer's
    // fetchPostData), while Playwright's postData() answers at once: ask now,
    // and allHeaders(), the asynchronous call a listener makes first, waits
    // for the answer.
    this.#body = request.hasPostData()
      ? request.fetchPostData().catch(() => undefined)
      : Promise.resolve(undefined);
    this.#body.then((body) => (this.#bodyValue = body));
  }

  url() {
    return this.#request.url();
  }

  method() {
    return this.#request.method();
  }

  async allHeaders() {
    await this.#body;
    return this.#request.headers();
  }

  /** The body, once allHeaders() has resolved (or any later tick). */
  postData() {
    return this.#bodyValue ?? null;
  }
}

/** Playwright's Route over puppeteer's intercepted HTTPRequest. */
class Route {
  #request;
  #wrapped;

  constructor(request, wrapped) {
    this.#request = request;
    this.#wrapped = wrapped;
  }

  request() {
    return this.#wrapped;
  }

  continue(overrides = {}) {
    return this.#request.continue(overrides);
  }
}

/** A file download, from WebDriver BiDi's downloadWillBegin and downloadEnd. */
class Download {
  #begin;
  #end;

  constructor(bidi, begin) {
    this.#begin = begin;
    // Listens from the start: the download may end before path() is asked.
    this.#end = new Promise((resolve) => {
      const onEnd = (e) => {
        if (e.navigation !== begin.navigation) return;
        bidi.off("browsingContext.downloadEnd", onEnd);
        resolve(e);
      };
      bidi.on("browsingContext.downloadEnd", onEnd);
    });
  }

  suggestedFilename() {
    return this.#begin.suggestedFilename;
  }

  /** Where the finished download is; fails if it did not complete. */
  async path() {
    const end = await this.#end;
    if (end.status !== "complete") throw new Error(`download of ${this.suggestedFilename()} ended ${end.status}`);
    return end.filepath;
  }
}

/** Matches URLs as Playwright's route(): a glob (`*` within a path segment, `**` across), a RegExp or a function of a URL. */
function urlMatcher(url) {
  if (typeof url === "function") return (u) => url(new URL(u));
  if (url instanceof RegExp) return (u) => url.test(u);
  const re = new RegExp(
    `^${url
      .split(/(\*\*|\*)/)
      .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
  );
  return (u) => re.test(u);
}

/**
 * Playwright extends CSS with engines of its own. Of them only `:text("…")`
 * at the end of a selector is understood here (see `parseSelector`); any
 * other is refused rather than misread by the browser's CSS.
 */
const PLAYWRIGHT_ONLY = /(^|[\s>+~,])(text|css|xpath|id|data-testid|internal:[\w-]+)=|>>|:has-text\(|:text-is\(|:text-matches\(|:visible\b|:nth-match\(|:near\(|:left-of\(|:right-of\(|:above\(|:below\(/;

function cssOnly(selector) {
  if (PLAYWRIGHT_ONLY.test(selector) || /:text\(/.test(selector)) {
    throw new FatalError(`selector ${JSON.stringify(selector)}: Playwright's own selector syntax is not supported in Firefox here; use CSS`);
  }
  return selector;
}

/** A selector as a query step: CSS, and text the matched elements must hold when it ends in `:text("…")`. */
function parseSelector(selector) {
  const m = /^(.*\S):text\((["'])(.*)\2\)$/s.exec(selector);
  if (m && !/:text\(/.test(m[1])) return { css: cssOnly(m[1]), text: m[3] };
  return { css: cssOnly(selector) };
}

/** Playwright's hasText: a string (case-insensitive substring) or a RegExp, in a form that crosses to the page. */
function textMatcher(hasText) {
  if (hasText instanceof RegExp) return { source: hasText.source, flags: hasText.flags };
  if (typeof hasText === "string") return { string: hasText };
  throw new Error("hasText: give a string or a RegExp");
}

/**
 * Runs in the page: the elements the steps select, in document order.
 * Steps: { css, text? } finds descendants of the current elements (of the
 * document at first); { hasText } keeps those whose text matches; { nth }
 * keeps one (negative counts from the end). Text is textContent with
 * whitespace collapsed; a string matches case-insensitively as a substring,
 * and `:text()` keeps the innermost elements that match (Playwright's).
 */
function queryInPage(steps) {
  const collapse = (s) => s.replace(/\s+/g, " ").trim();
  const matches = (el, m) => {
    const text = collapse(el.textContent ?? "");
    return m.string !== undefined ? text.toLowerCase().includes(collapse(m.string).toLowerCase()) : new RegExp(m.source, m.flags).test(text);
  };
  let current = [document];
  for (const step of steps) {
    if (step.css !== undefined) {
      const found = new Set();
      for (const root of current) for (const el of root.querySelectorAll(step.css)) found.add(el);
      current = [...found];
      if (step.text !== undefined) {
        const m = { string: step.text };
        current = current.filter((el) => matches(el, m) && ![...el.children].some((c) => matches(c, m)));
      }
      current.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    } else if (step.hasText !== undefined) {
      current = current.filter((el) => matches(el, step.hasText));
    } else if (step.nth !== undefined) {
      const el = current.at(step.nth);
      current = el ? [el] : [];
    }
  }
  return current.filter((el) => el !== document);
}

/** Runs in the page: what decides whether an element can be acted on, as Playwright's checks. */
function elementState(el) {
  const style = el.ownerDocument.defaultView.getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const visible =
    style.visibility === "visible" && rect.width > 0 && rect.height > 0 && (typeof el.checkVisibility !== "function" || el.checkVisibility());
  const disabled = (typeof el.matches === "function" && el.matches(":disabled")) || el.closest("[aria-disabled=true]") !== null;
  const editable = !disabled && !el.readOnly && el.getAttribute("aria-readonly") !== "true";
  return { visible, enabled: !disabled, editable };
}

/**
 * Functions run in the page are sent as source, so what they call must be
 * inside them: these are composed here (building functions from strings in
 * the page itself could be forbidden by its CSP).
 */
function inPage(params, body) {
  return new Function(...params, `const queryInPage = ${queryInPage};\nconst elementState = ${elementState};\n${body}`);
}
/** The one element the steps select, or how many they select when that is not one. */
const QUERY_ONE = inPage(["steps"], "const found = queryInPage(steps); return found.length === 1 ? found[0] : found.length;");
const QUERY_ALL = inPage(["steps"], "return queryInPage(steps);");
const STATES = inPage(["elements"], "return elements.map(elementState);");

/**
 * A frame found by a chain of selectors, from the tab's top document down
 * (Playwright's frameLocator); each link is a list of query steps.
 */
class FrameLocator {
  #page;
  #chain;

  constructor(page, chain, selectorOrSteps) {
    this.#page = page;
    const steps = typeof selectorOrSteps === "string" ? [parseSelector(selectorOrSteps)] : selectorOrSteps;
    this.#chain = [...chain, steps];
  }

  locator(selector, options) {
    return new Locator(this.#page, this.#chain).locator(selector, options);
  }

  frameLocator(selector) {
    return new FrameLocator(this.#page, this.#chain, selector);
  }
}

/**
 * Playwright's Locator: a description of elements, resolved afresh at every
 * action, so it survives the page re-rendering under it. Actions wait (up to
 * 30 s, or their `timeout`) until exactly one element matches and can take
 * the action; more than one is an error (Playwright's strict mode).
 */
class Locator {
  #page;
  #frames;
  #steps;

  constructor(page, frames, steps = []) {
    this.#page = page;
    this.#frames = frames;
    this.#steps = steps;
  }

  toString() {
    const describe = (steps) =>
      steps
        .map((s) =>
          s.css !== undefined
            ? `${s.css}${s.text !== undefined ? `:text(${JSON.stringify(s.text)})` : ""}`
            : s.hasText !== undefined
              ? `[hasText=${s.hasText.string !== undefined ? JSON.stringify(s.hasText.string) : `/${s.hasText.source}/${s.hasText.flags}`}]`
              : `[nth=${s.nth}]`,
        )
        .join(" >> ");
    return [...this.#frames.map((f) => `${describe(f)} >> (frame)`), describe(this.#steps)].join(" >> ");
  }

  #with(...steps) {
    return new Locator(this.#page, this.#frames, [...this.#steps, ...steps]);
  }

  locator(selector, { hasText } = {}) {
    const steps = [parseSelector(selector)];
    if (hasText !== undefined) steps.push({ hasText: textMatcher(hasText) });
    return this.#with(...steps);
  }

  filter({ hasText, ...rest } = {}) {
    if (Object.keys(rest).length) throw new Error(`filter: only hasText is supported in Firefox here, not ${Object.keys(rest).join(", ")}`);
    return hasText === undefined ? this : this.#with({ hasText: textMatcher(hasText) });
  }

  first() {
    return this.#with({ nth: 0 });
  }

  last() {
    return this.#with({ nth: -1 });
  }

  nth(index) {
    return this.#with({ nth: index });
  }

  contentFrame() {
    return new FrameLocator(this.#page, this.#frames, this.#steps);
  }

  /** The frame the elements are in, or null while a frame on the way is missing. */
  async #frame() {
    let frame = this.#page.mainFrame();
    for (const steps of this.#frames) {
      const handle = await frame.evaluateHandle(QUERY_ONE, steps);
      try {
        const element = handle.asElement();
        if (!element) {
          const count = await handle.jsonValue();
          if (count > 1) throw new FatalError(`strict mode violation: the frame ${this} is in is found by ${count} elements`);
          return null;
        }
        frame = await element.contentFrame();
        if (!frame) return null;
      } finally {
        await handle.dispose().catch(() => {});
      }
    }
    return frame;
  }

  /** Runs `fn(elements)` in the frame, at once (no waiting for elements); null while the frame is missing. */
  async #evaluateAll(fn, arg) {
    const frame = await this.#frame();
    if (!frame) return null;
    const handle = await frame.evaluateHandle(QUERY_ALL, this.#steps);
    try {
      return await handle.evaluate(fn, arg);
    } finally {
      await handle.dispose().catch(() => {});
    }
  }

  /**
   * Retries `attempt(element)` on the one matching element until it returns
   * { done: true, value } or the timeout passes; it returns { why } to try
   * again. Errors of the browser (an element replaced, a frame navigating)
   * are retried too; FatalErrors are not.
   */
  async #retry(what, { timeout = DEFAULT_TIMEOUT_MS } = {}, attempt) {
    const deadline = Date.now() + timeout;
    let why = "no element matches";
    for (let i = 0; ; i++) {
      try {
        const remaining = Math.max(deadline - Date.now(), 1);
        let timer;
        const result = await Promise.race([
          this.#attemptOnce(attempt),
          new Promise((resolve) => {
            timer = setTimeout(() => resolve({ why }), remaining);
          }),
        ]).finally(() => clearTimeout(timer));
        if (result.done) return result.value;
        why = result.why;
      } catch (e) {
        if (e instanceof FatalError) throw e;
        why = e.message;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new TimeoutError(`${what} of ${this}: timed out after ${timeout} ms; ${why}`);
      await sleep(Math.min(RETRY_DELAYS_MS[Math.min(i + 1, RETRY_DELAYS_MS.length - 1)], left));
    }
  }

  async #attemptOnce(attempt) {
    const frame = await this.#frame();
    if (!frame) return { why: "the frame is not there yet" };
    const handle = await frame.evaluateHandle(QUERY_ONE, this.#steps);
    const element = handle.asElement();
    if (!element) {
      const count = await handle.jsonValue();
      await handle.dispose().catch(() => {});
      if (count > 1) throw new FatalError(`strict mode violation: ${this} matches ${count} elements`);
      return { why: "no element matches" };
    }
    try {
      return await attempt(element);
    } finally {
      await element.dispose().catch(() => {});
    }
  }

  /** Waits for the element, then for `ready(state)` of elementState (visible, enabled…), then runs `act(element)`. */
  #actionable(what, options, needs, act) {
    return this.#retry(what, options, async (element) => {
      const state = await element.evaluate(elementState);
      for (const need of needs) if (!state[need]) return { why: `the element is not ${need}` };
      return { done: true, value: await act(element) };
    });
  }

  /** Reads from the one element as soon as it is attached. */
  #read(what, options, fn, arg) {
    return this.#retry(what, options, async (element) => ({ done: true, value: await element.evaluate(fn, arg) }));
  }

  async waitFor({ state = "visible", timeout = DEFAULT_TIMEOUT_MS } = {}) {
    if (state === "detached" || state === "hidden") {
      // Here the goal is no match (or, for hidden, one that is not visible).
      const deadline = Date.now() + timeout;
      for (let i = 0; ; i++) {
        let why;
        try {
          const states = await this.#evaluateAll(STATES);
          if (states === null || states.length === 0) return;
          if (states.length > 1) throw new FatalError(`strict mode violation: ${this} matches ${states.length} elements`);
          if (state === "hidden" && !states[0].visible) return;
          why = "the element is still there";
        } catch (e) {
          if (e instanceof FatalError) throw e;
          why = e.message;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new TimeoutError(`waitFor(${state}) of ${this}: timed out after ${timeout} ms; ${why}`);
        await sleep(Math.min(RETRY_DELAYS_MS[Math.min(i + 1, RETRY_DELAYS_MS.length - 1)], left));
      }
    }
    if (state === "attached") return this.#retry("waitFor(attached)", { timeout }, async () => ({ done: true }));
    if (state === "visible") return this.#actionable("waitFor(visible)", { timeout }, ["visible"], async () => {});
    throw new Error(`waitFor: unknown state ${state}`);
  }

  async count() {
    return (await this.#settledRead((els) => els.length)) ?? 0;
  }

  async allTextContents() {
    return (await this.#settledRead((els) => els.map((el) => el.textContent ?? ""))) ?? [];
  }

  async all() {
    const n = await this.count();
    return Array.from({ length: n }, (_, i) => this.nth(i));
  }

  /**
   * A read of all matches that does not wait for any, but does ride out a
   * frame or document being replaced while it reads.
   */
  async #settledRead(fn) {
    const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
    for (;;) {
      try {
        return await this.#evaluateAll(fn);
      } catch (e) {
        if (e instanceof FatalError || Date.now() > deadline) throw e;
        await sleep(50);
      }
    }
  }

  textContent(options) {
    return this.#read("textContent", options, (el) => el.textContent);
  }

  innerText(options) {
    return this.#read("innerText", options, (el) => el.innerText);
  }

  getAttribute(name, options) {
    return this.#read("getAttribute", options, (el, name) => el.getAttribute(name), name);
  }

  inputValue(options) {
    return this.#read("inputValue", options, (el) => {
      if (!["input", "textarea", "select"].includes(el.localName)) throw new Error(`inputValue: not an input, textarea or select but <${el.localName}>`);
      return el.value;
    });
  }

  isChecked(options) {
    return this.#read("isChecked", options, (el) => {
      if (el.localName === "input" && ["checkbox", "radio"].includes(el.type)) return el.checked;
      const aria = el.getAttribute("aria-checked");
      if (aria === null) throw new Error(`isChecked: <${el.localName}> is not a checkbox or radio`);
      return aria === "true";
    });
  }

  async isDisabled(options) {
    return !(await this.#read("isDisabled", options, elementState)).enabled;
  }

  /**
   * The element's box in CSS pixels of the tab's viewport (a frame's offset
   * included), once it is attached; null when it has no box.
   */
  boundingBox(options) {
    return this.#retry("boundingBox", options, async (element) => ({ done: true, value: await element.boundingBox() }));
  }

  /** Runs `fn(element, arg)` in the page once the element is attached. */
  evaluate(fn, arg, options) {
    return this.#read("evaluate", options, fn, arg);
  }

  /** Runs `fn(elements, arg)` in the page, on whatever matches now. */
  async evaluateAll(fn, arg) {
    const frame = await this.#frame();
    if (!frame) throw new Error(`evaluateAll of ${this}: its frame is not there`);
    const handle = await frame.evaluateHandle(QUERY_ALL, this.#steps);
    try {
      return await handle.evaluate(fn, arg);
    } finally {
      await handle.dispose().catch(() => {});
    }
  }

  /** Ticks a checkbox (as Playwright's `check`): a click, unless it is ticked already. */
  async check(options = {}) {
    if (!(await this.isChecked(options))) await this.click(options);
    if (!(await this.isChecked(options))) throw new Error(`check: ${this} did not become checked`);
  }

  /**
   * A real mouse click in the middle of the element, once it is visible,
   * enabled and stable (Playwright's checks).
   */
  click(options = {}) {
    return this.#page.settled(() =>
      this.#actionable("click", options, ["visible", "enabled"], async (element) => {
        await element.scrollIntoViewIfNeeded();
        // Firefox aims a mouse event by the layout it last painted: an
        // element that moved since (a list grew above it) would be missed.
        // A box unchanged over two animation frames of its document and of
        // the tab's has been painted where it is.
        const still = await element.evaluate(async (el) => {
          const box = () => JSON.stringify(el.getBoundingClientRect());
          const before = box();
          // Two frames, or a second at most should frames not come.
          await new Promise((r) => {
            setTimeout(r, 1000);
            requestAnimationFrame(() => requestAnimationFrame(r));
          });
          return before === box();
        });
        if (!still) throw new Error("the element is still moving");
        await this.#page.mainFrame().evaluate(
          () =>
            new Promise((r) => {
              setTimeout(r, 1000);
              requestAnimationFrame(() => requestAnimationFrame(r));
            }),
        );
        await element.click({ count: options.clickCount ?? 1 });
      }),
    );
  }

  /**
   * Sets the value of an input or textarea as typing it would, firing input
   * then change. Playwright types the text in through the browser; setting
   * it at once is what Playwright itself does for inputs that take no
   * typing (date, colour), keeps a 10,000-character fill quick, and is seen
   * the same way by the page's input and change listeners.
   */
  fill(value, options) {
    return this.#actionable("fill", options, ["visible", "enabled", "editable"], (element) =>
      element.evaluate((el, value) => {
        const kinds = { input: HTMLInputElement, textarea: HTMLTextAreaElement };
        const kind = kinds[el.localName];
        if (!kind && !el.isContentEditable) throw new Error(`fill: not an input, textarea or contenteditable but <${el.localName}>`);
        if (kind === HTMLInputElement && ["checkbox", "radio", "file", "button", "submit", "reset", "image"].includes(el.type)) {
          throw new Error(`fill: cannot fill an input of type ${el.type}`);
        }
        el.focus();
        if (kind) Object.getOwnPropertyDescriptor(kind.prototype, "value").set.call(el, value);
        else el.textContent = value;
        el.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true, inputType: "insertText", data: value }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
      }, String(value)),
    );
  }

  /** Focuses the element and presses `key` (a name such as "Enter") on the keyboard. */
  press(key, options) {
    return this.#page.settled(() =>
      this.#retry("press", options, async (element) => {
        await element.focus();
        await this.#page.keyboard.press(key);
        return { done: true };
      }),
    );
  }

  /** Focuses the element and types `text` key by key. */
  type(text, options = {}) {
    return this.#retry("type", options, async (element) => {
      await element.focus();
      await this.#page.keyboard.type(text, { delay: options.delay });
      return { done: true };
    });
  }

  /**
   * Selects the options whose value (or else label) is given, firing input
   * and change as Playwright does; waits for such options to exist.
   */
  selectOption(values, options) {
    const wanted = (Array.isArray(values) ? values : [values]).map((v) => {
      if (typeof v === "string") return v;
      if (v && typeof v.value === "string") return v.value;
      throw new Error("selectOption: give option values or labels (strings)");
    });
    return this.#actionable("selectOption", options, ["visible", "enabled"], async (element) => {
      const result = await element.evaluate((el, wanted) => {
        if (el.localName !== "select") throw new Error(`selectOption: not a select but <${el.localName}>`);
        const all = [...el.options];
        const picked = wanted.map((w) => all.find((o) => o.value === w) ?? all.find((o) => o.label === w));
        if (picked.some((o) => !o)) return null;
        if (picked.length > 1 && !el.multiple) throw new Error("selectOption: several options for a single select");
        for (const o of all) o.selected = picked.includes(o);
        el.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
        return picked.map((o) => o.value);
      }, wanted);
      if (result === null) throw new Error(`no option ${JSON.stringify(wanted)} yet`);
      return result;
    });
  }

  /** Checks or unchecks a checkbox by clicking it, and makes sure it took. */
  async setChecked(checked, options) {
    const now = await this.isChecked(options);
    if (now === checked) return;
    await this.click(options);
    if ((await this.isChecked(options)) !== checked) throw new Error(`setChecked(${checked}) of ${this}: the click did not change it`);
  }

  /**
   * Gives a file input these files ({ name, mimeType, buffer } or paths) and
   * fires input and change, as Playwright does for files it is handed as
   * buffers: the page gets File objects of exactly these names and types.
   */
  async setInputFiles(files, options) {
    const list = await Promise.all(
      (Array.isArray(files) ? files : [files]).map(async (f) =>
        typeof f === "string"
          ? { name: path.basename(f), mimeType: "application/octet-stream", base64: (await readFile(f)).toString("base64") }
          : { name: f.name, mimeType: f.mimeType, base64: Buffer.from(f.buffer).toString("base64") },
      ),
    );
    return this.#retry("setInputFiles", options, async (element) => {
      await element.evaluate((el, list) => {
        if (el.localName !== "input" || el.type !== "file") throw new Error(`setInputFiles: not a file input but <${el.localName}>`);
        const transfer = new DataTransfer();
        for (const f of list) {
          const text = atob(f.base64);
          const bytes = new Uint8Array(text.length);
          for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
          transfer.items.add(new File([bytes], f.name, { type: f.mimeType }));
        }
        el.files = transfer.files;
        el.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
      }, list);
      return { done: true };
    });
  }
}
