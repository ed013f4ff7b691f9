// Browser-test harness: serves dist/ on 127.0.0.1 from this process, launches Debian's Chromium
// through playwright-core (no downloaded browser), and records every request and console error.
import { createServer } from "node:http";
import { appendFileSync, readFileSync } from "node:fs";
import { readFile, stat, mkdir } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { after, afterEach, before } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const DIST = join(ROOT, "dist");
export const ARTIFACTS = join(ROOT, "tests", "artifacts");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".ttf": "font/ttf",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};

/**
 * Serve `dir` on 127.0.0.1 (a free port); resolves to { url, close, served }. With `base`
 * (e.g. "/docs/iam/") the files are served under that path only (as a static host serves a
 * site in a subfolder) and `url` ends with it. `override(path)` may return a Buffer or string to
 * serve instead of the file at `path` (relative to `dir`, with "/"), e.g. to play a new
 * deployment. `served` lists every path asked for with its status.
 */
export async function serve(dir = DIST, { base = "/", override } = {}) {
  const served = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    try {
      if (!path.startsWith(base)) throw new Error("outside the base path");
      let rel = path.slice(base.length);
      let file = normalize(join(dir, rel));
      if (!file.startsWith(dir)) throw new Error("outside");
      if ((await stat(file).catch(() => null))?.isDirectory()) {
        file = join(file, "index.html");
        rel = join(rel, "index.html");
      }
      const body = override?.(rel) ?? (await readFile(file));
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
      served.push([path, 200]);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      served.push([path, 404]);
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${base}`,
    served,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Launch headless Chromium from the system (CHROMIUM overrides the path). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ARGS,
  });
}

/** True for a request that stays on this machine (or never touches the network). */
export function isLocal(url) {
  const u = new URL(url);
  if (u.protocol === "blob:" || u.protocol === "data:") return true;
  return u.hostname === "127.0.0.1";
}

/**
 * A fresh context and page that record every request, refuse any that leaves 127.0.0.1,
 * and collect console errors, page errors and dialogs.
 */
export async function openPage(
  browser,
  { viewport = { width: 1440, height: 900 }, serviceWorkers = "block" } = {},
) {
  const context = await browser.newContext({ viewport, serviceWorkers });
  const record = { requests: [], foreign: [], errors: [], dialogs: [] };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    record.foreign.push(url);
    return route.abort();
  });
  context.on("request", (r) => {
    record.requests.push(r.url());
    // scripts/monaco-files.sh collects the Monaco files the tests load.
    if (process.env.RECORD_REQUESTS) appendFileSync(process.env.RECORD_REQUESTS, `${r.url()}\n`);
    if (!isLocal(r.url())) record.foreign.push(r.url());
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") record.errors.push(m.text());
  });
  page.on("pageerror", (e) => record.errors.push(String(e)));
  page.on("dialog", (d) => {
    record.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  return { context, page, record };
}

/**
 * The catalog's actions, as `prefix:Name`, read from the file the app serves; with
 * `{ resourceFree: true }` only those that name no resource type (authorized on `*`).
 */
export function catalogActions({ resourceFree = false } = {}) {
  const out = [];
  let prefix = "";
  for (const line of readFileSync(join(ROOT, "crates/engine/data/iam-catalog.txt"), "utf8").split("\n")) {
    const f = line.split("\t");
    if (f[0] === "S") prefix = f[1];
    if (f[0] === "A" && (!resourceFree || !f[3])) out.push(`${prefix}:${f[1]}`);
  }
  return out;
}

/** Wait until the page shows a decision and Monaco has loaded the first model. */
export async function ready(page) {
  await page.waitForSelector(".decision-row .badge[data-decision]");
  await page.waitForFunction(() => globalThis.monaco?.editor.getEditors()[0]?.getModel());
}

/** The decisions shown, as [action, decision] pairs. */
export function decisions(page) {
  return page.$$eval(".decision-row", (rows) =>
    rows.map((r) => [r.querySelector("code").textContent, r.querySelector(".badge").dataset.decision]),
  );
}

/** Replace the text of the editor's current model (as a paste would). */
export function setEditorText(page, text) {
  return page.evaluate((t) => globalThis.monaco.editor.getEditors()[0].getModel().setValue(t), text);
}

/** The playground's markers on the editor's current model. */
export function markers(page) {
  return page.evaluate(() => {
    const model = globalThis.monaco.editor.getEditors()[0].getModel();
    return globalThis.monaco.editor.getModelMarkers({ owner: "iam", resource: model.uri });
  });
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * The lifecycle every browser-test file shares: one server (of `PLAYGROUND_DIST`, default
 * dist/) and one browser per file, and after every test the page it opened must have made no
 * request off 127.0.0.1, logged no console error and opened no dialog (no injected script ran).
 * `open(path)` opens a checked page at the playground's URL + `path`; `current` is that page's
 * `{ page, context, record }`.
 */
export function suite() {
  const t = { server: undefined, browser: undefined, current: undefined };
  before(async () => {
    t.server = await serve(process.env.PLAYGROUND_DIST || undefined);
    t.browser = await launch();
  });
  after(async () => {
    await t.browser?.close();
    await t.server?.close();
  });
  afterEach(async () => {
    if (!t.current) return;
    const { record, context } = t.current;
    t.current = undefined;
    await context.close();
    assert.deepEqual(record.foreign, [], "requests to other hosts");
    assert.deepEqual(record.errors, [], "console errors");
    assert.deepEqual(record.dialogs, [], "dialogs");
    assert.ok(record.requests.length > 0);
  });
  t.open = async (path = "", options) => {
    t.current = await openPage(t.browser, options);
    await t.current.page.goto(t.server.url + path);
    await ready(t.current.page);
    return t.current.page;
  };
  return t;
}
