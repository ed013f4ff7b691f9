// The hostable site (scripts/build-site.sh → site/) served as a plain static host would serve
// it: Python's http.server, from a subfolder (/docs/iam/). The playground and its embed load
// from the subpath with every request under it, nothing off the host and no 404; with service
// workers allowed, the offline cache fills from the trimmed folder without a miss.
// A plain HTML docs page beside it (/docs/guide.html, the `iam-sim test` golden fixture) loads
// embed.js from the site: its two examples become embeds that decide what `iam-sim test` says,
// fit their content with no inner scrollbar, show their context and trace, and pass axe-core.
// Run: node --test tests/site.test.mjs (after trunk build --release; the test copies the site).
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ARTIFACTS, ROOT, audit, decisions, launch, openPage, ready, screenshot, setEditorText } from "./harness.mjs";
import { ABAC_POLICY } from "./fixtures.mjs";

const SITE = join(ROOT, "site");
const BASE = "/docs/iam/";
// The docs page: the golden fixture of `iam-sim test`, its script tag pointed at this site.
const GUIDE = join(ROOT, "crates/cli/tests/golden/docs-site/guide.html");
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
  writeFileSync(
    join(root, "docs", "guide.html"),
    readFileSync(GUIDE, "utf8").replace("https://docs.example.com/iam/embed.js", "iam/embed.js"),
  );
  // An <iam-playground> element far down a page (an editable example of the default scenario).
  writeFileSync(
    join(root, "docs", "element.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Element</title>
<script src="iam/embed.js" defer></script></head><body><main><h1>Far below</h1>
<div style="height:3000px">Scroll down.</div>
<iam-playground mode="edit" theme="dark" title="Team data, editable">${readFileSync(join(ROOT, "examples/abac.json"), "utf8").replace(/&/g, "&amp;").replace(/</g, "&lt;")}</iam-playground>
</main></body></html>`,
  );
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
  const pages = ["../guide.html", "../element.html"].map((p) => new URL(p, url).href);
  const outside = record.requests.filter((u) => u.startsWith("http") && !u.startsWith(url) && !pages.includes(u));
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
  assert.match(open.hash, /^#scenario=/);
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

/** What `iam-sim test` says of a page: [action, resource, decision] per expectation, in order. */
function cliDecisions(file) {
  let out;
  try {
    out = execFileSync("cargo", ["run", "--quiet", "-p", "iam-cli", "--bin", "iam-sim", "--", "test", file, "--no-clock"], {
      cwd: ROOT,
      encoding: "utf8",
    });
  } catch (e) {
    out = e.stdout;
  }
  return [...out.matchAll(/^(?:ok|FAIL)\s+\S+ (\S+) (\S+) \S+→(\S+)$/gm)].map((m) => [m[1], m[2], m[3]]);
}

test("a plain docs page with embed.js: two <pre> examples become embeds that decide as iam-sim test says", LIMIT, async () => {
  const expected = cliDecisions(GUIDE);
  assert.equal(expected.length, 3, "iam-sim test reads three expectations in two examples");
  current = await openPage(browser, { viewport: { width: 900, height: 900 } });
  const { page } = current;
  await page.goto(`${url}../guide.html`);
  // Both examples are replaced by their embeds once they have drawn (the text shows until then).
  await page.waitForFunction(() => document.querySelectorAll("pre.iam-playground[hidden]").length === 2);
  const found = page.frames().filter((f) => f.url().startsWith(`${url}embed.html#`));
  assert.equal(found.length, 2);
  // In page order.
  const tops = await Promise.all(found.map(async (f) => (await (await f.frameElement()).boundingBox()).y));
  const frames = found.map((f, i) => [tops[i], f]).sort((a, b) => a[0] - b[0]).map(([, f]) => f);
  const shown = [];
  for (const frame of frames) {
    await frame.waitForSelector(".embed-decision .badge[data-decision]");
    shown.push(
      ...(await frame.$$eval(".embed-decision", (lis) =>
        lis.map((li) => [...li.querySelectorAll("code")].map((c) => c.textContent).concat(li.querySelector(".badge").dataset.decision)),
      )),
    );
    // Every expectation of the page is met, and marked so.
    assert.equal(await frame.locator('.embed-decision[data-pass="false"]').count(), 0);
    // The context the decision used.
    assert.match(await frame.textContent(".embed-context"), /aws:SourceIp/);
  }
  assert.deepEqual(shown, expected, "the embeds decide what iam-sim test says");
  // The second example asks for the dark theme.
  assert.equal(await frames[1].getAttribute("html", "data-theme"), "dark");

  // Titled and focusable frames, each exactly as tall as its content.
  const fits = () =>
    Promise.all(frames.map((f) => f.evaluate(() => document.documentElement.scrollHeight <= document.documentElement.clientHeight)));
  const titles = await page.$$eval(".iam-playground-embed iframe", (fs) => fs.map((f) => [f.title, f.tabIndex]));
  assert.deepEqual(titles, [["IAM policy example: s3:GetObject, s3:DeleteObject", 0], ["IAM policy example: s3:GetObject", 0]]);
  assert.deepEqual(await fits(), [true, true]);

  // "Why?" opens the trace; the frame grows to fit it.
  const heightOf = () => page.$eval(".iam-playground-embed iframe", (f) => f.getBoundingClientRect().height);
  const before = await heightOf();
  await frames[0].click(".embed-decision .why summary");
  await frames[0].waitForSelector(".why .steps li");
  await page.waitForFunction((h) => document.querySelector(".iam-playground-embed iframe").getBoundingClientRect().height > h + 50, before);
  assert.deepEqual(await fits(), [true, true]);
  await page.screenshot({ path: join(ARTIFACTS, "docs-page.png"), fullPage: true });
  await frames[0].locator(".embed-decision .why").first().screenshot({ path: join(ARTIFACTS, "docs-page-why.png") });

  for (const f of frames) assert.deepEqual(await audit(f), [], "axe: an embed on a docs page");
});

test("an <iam-playground> element far down a page loads only when scrolled to, editable and dark", LIMIT, async () => {
  current = await openPage(browser, { viewport: { width: 800, height: 600 } });
  const { page } = current;
  await page.goto(`${url}../element.html`);
  await page.waitForFunction(() => document.querySelector(".iam-playground-embed iframe"));
  await page.waitForTimeout(500);
  // Not near the screen: no embed loaded yet.
  assert.equal(await page.$eval(".iam-playground-embed iframe", (f) => f.getAttribute("src")), null);
  assert.ok(!current.record.requests.some((u) => u.includes("iam-embed")), "nothing of the embed fetched");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => document.querySelector("iam-playground").hidden);
  const frame = page.frames().find((f) => f.url().startsWith(`${url}embed.html#embed=edit&theme=dark&scenario=`));
  assert.ok(frame, page.frames().map((f) => f.url()).join("\n"));
  await frame.waitForSelector(".embed-decision .badge[data-decision]");
  assert.equal(await frame.locator("textarea.embed-policy").count(), 1);
  assert.equal(await page.$eval(".iam-playground-embed iframe", (f) => f.title), "Team data, editable");
  assert.ok(await frame.evaluate(() => document.documentElement.scrollHeight <= document.documentElement.clientHeight));
});
