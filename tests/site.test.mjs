// The hostable site (scripts/build-site.sh → site/) served as a plain static host would serve
// it: Python's http.server, from a subfolder (/docs/iam/). The playground and its embed load
// from the subpath with every request under it, nothing off the host and no 404; with service
// workers allowed, the offline cache fills from the trimmed folder without a miss.
// Run: node --test tests/site.test.mjs (after trunk build --release; the test copies the site).
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, decisions, launch, openPage, ready, screenshot, setEditorText } from "./harness.mjs";
import { ABAC_POLICY } from "./fixtures.mjs";

const SITE = join(ROOT, "site");
const BASE = "/docs/iam/";
let browser;
let http;
let url;
let root;
const log = []; // [path, status] from the server's request log
let current;

before(async () => {
  // The site of the current build (copying from dist/ takes a second).
  execFileSync(join(ROOT, "scripts/build-site.sh"), ["--no-build"], { stdio: "ignore" });
  root = mkdtempSync(join(tmpdir(), "iam-site-"));
  mkdirSync(join(root, "docs"));
  symlinkSync(SITE, join(root, "docs", "iam"));
  http = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  http.stderr.setEncoding("utf8");
  http.stderr.on("data", (chunk) => {
    for (const m of chunk.matchAll(/"GET (\S+) HTTP\/[\d.]+" (\d{3})/g)) log.push([m[1], Number(m[2])]);
  });
  const port = await new Promise((ok, fail) => {
    http.stdout.setEncoding("utf8");
    http.stdout.on("data", (s) => {
      const m = s.match(/port (\d+)/);
      if (m) ok(Number(m[1]));
    });
    http.on("exit", (code) => fail(new Error(`http.server exited with ${code}`)));
  });
  url = `http://127.0.0.1:${port}${BASE}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  http?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

afterEach(async () => {
  if (!current) return;
  const { record, context } = current;
  current = undefined;
  await context.close();
  assert.deepEqual(record.foreign, [], "requests to other hosts");
  assert.deepEqual(record.errors, [], "console errors");
  const outside = record.requests.filter((u) => u.startsWith("http") && !u.startsWith(url));
  assert.deepEqual(outside, [], `requests outside ${BASE}`);
  const failed = log.splice(0).filter(([, s]) => s >= 400);
  assert.deepEqual(failed, [], "requests the host could not answer");
});

test("site/ holds the app, the trimmed editor and the offline files, and a README on hosting", () => {
  for (const f of ["index.html", "boot.js", "iam-playground_bg.wasm", "iam-catalog.txt", "sw.js", "manifest.webmanifest", "README.md", "vs/loader.js", "vs/editor/editor.main.js"]) {
    assert.ok(existsSync(join(SITE, f)), f);
  }
  // Monaco is trimmed: a few dozen files, not its full distribution (~140 files).
  const vs = readdirSync(join(SITE, "vs"), { recursive: true }).filter((f) => f.endsWith(".js") || f.endsWith(".css"));
  assert.ok(vs.length < 40, `${vs.length} Monaco files`);
});

// A missing file can leave a page waiting (the service worker's install never ends): fail instead.
const LIMIT = { timeout: 90_000 };

test("the playground loads from a subpath with the default decision; the editor works", LIMIT, async () => {
  current = await openPage(browser);
  const { page } = current;
  await page.goto(url);
  await ready(page);
  assert.deepEqual(await decisions(page), [
    ["s3:GetObject", "allowed"],
    ["s3:DeleteObject", "implicitDeny"],
  ]);
  // The catalog loads (from the subpath) and an edit re-evaluates.
  await page.waitForFunction(() => document.documentElement.dataset.catalogParseMs);
  await setEditorText(page, ABAC_POLICY.replace("203.0.113.0/24", "198.51.100.0/24"));
  await page.waitForFunction(() => document.querySelector(".decision-row .badge")?.dataset.decision === "explicitDeny");
  // Completion and hover come from the trimmed Monaco too.
  await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    const m = ed.getModel().findMatches('"s3:GetObject"', false, false, true, null, false)[0];
    ed.setPosition({ lineNumber: m.range.startLineNumber, column: m.range.startColumn + 4 });
    ed.focus();
    ed.trigger("test", "editor.action.triggerSuggest", {});
  });
  await page.waitForSelector(".monaco-editor .suggest-widget.visible");
  // Effective permissions: the engine worker and its wasm load from the subpath.
  await page.click('details[data-tool="sweep"] > summary');
  await page.waitForSelector(".sweep-summary strong");
  await screenshot(page, "site.png");
  assert.ok(current.record.requests.some((u) => u === `${url}iam-worker_bg.wasm`));
});

test("the embed loads from the subpath without the editor", LIMIT, async () => {
  current = await openPage(browser);
  const { page } = current;
  await page.goto(`${url}#embed=ro`);
  await page.waitForSelector(".embed-decision .badge[data-decision]");
  assert.equal(await page.locator(".embed-decision .badge").first().getAttribute("data-decision"), "allowed");
  // "Open in playground" opens the full page of this site, under the subpath.
  const open = new URL(await page.getAttribute(".open-playground", "href"), page.url());
  assert.equal(`${open.origin}${open.pathname}`, url);
  assert.match(open.hash, /^#p1=/);
  assert.ok(!current.record.requests.some((u) => u.includes("/vs/")), "an embed loads no Monaco file");
});

test("the service worker's scope is the subpath and it caches every file from site/", LIMIT, async () => {
  current = await openPage(browser, { serviceWorkers: "allow" });
  const { page } = current;
  await page.goto(url);
  await ready(page);
  const { scope, cached } = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const name = (await caches.keys()).find((n) => n.startsWith("iam-playground-"));
    const keys = await (await caches.open(name)).keys();
    return { scope: reg.scope, cached: keys.map((r) => new URL(r.url).pathname) };
  });
  assert.equal(scope, url);
  const files = readdirSync(SITE, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !["README.md", ".nojekyll", "sw.js"].includes(d.name))
    .map((d) => join(d.parentPath ?? d.path, d.name).slice(SITE.length + 1));
  assert.deepEqual(
    cached.filter((p) => p !== BASE).map((p) => p.slice(BASE.length)).sort(),
    files.sort(),
    "the worker caches exactly the site's files",
  );
});
