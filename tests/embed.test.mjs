// Embed mode in an iframe on a documentation page (tests/embed-host.html, served from another
// origin), the postMessage protocol, and the bytes an embed downloads before its first decision.
import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { ARTIFACTS, DIST, launch, openPage, screenshot, serve } from "./harness.mjs";

const TESTS = fileURLToPath(new URL(".", import.meta.url));
let app;
let host;
let browser;
let current;

before(async () => {
  app = await serve();
  host = await serve(TESTS.replace(/\/$/, ""));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await app?.close();
  await host?.close();
});

afterEach(async () => {
  if (!current) return;
  const { record, context } = current;
  current = undefined;
  await context.close();
  assert.deepEqual(record.foreign, [], "requests to other hosts");
  assert.deepEqual(record.errors, [], "console errors");
  assert.deepEqual(record.dialogs, [], "dialogs");
});

/** The host page embedding the playground with `fragment`; resolves to { page, frame }. */
async function embed(fragment) {
  current = await openPage(browser);
  const src = `${app.url}#${fragment}`;
  await current.page.goto(`${host.url}embed-host.html?src=${encodeURIComponent(src)}`);
  await current.page.waitForFunction(() => window.messages.some((m) => m.type === "iam-playground:decision"));
  const frame = current.page.frames().find((f) => f.url().startsWith(app.url));
  return { page: current.page, frame };
}

const lastDecision = (page) =>
  page.evaluate(() => window.messages.filter((m) => m.type === "iam-playground:decision").at(-1));

/** A share fragment of the default example (read from the full page's URL). */
async function exampleFragment() {
  const { context, page } = await openPage(browser);
  await page.goto(app.url);
  await page.waitForSelector(".decision-row .badge[data-decision]");
  const hash = await page.evaluate(() => location.hash.slice(1));
  await context.close();
  return hash;
}

test("a read-only embed shows scenario and decision without the editor, and reports bytes", async () => {
  const state = await exampleFragment();
  const { page, frame } = await embed(`embed=ro&${state}`);
  const msg = await lastDecision(page);
  assert.deepEqual(
    msg.results.map((r) => [r.action, r.decision]),
    [["s3:GetObject", "allowed"], ["s3:DeleteObject", "implicitDeny"]],
  );
  assert.ok(msg.height > 100 && msg.height < 2000, `height ${msg.height}`);
  assert.equal(await page.$eval("#playground", (f) => f.style.height), `${msg.height}px`);
  // The iframe now fits: the embed's page does not scroll.
  assert.ok(await frame.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1));
  assert.match(await frame.textContent(".embed-policy"), /AllowSameTeamObjects/);
  assert.equal(await frame.locator("textarea").count(), 0);
  assert.equal(await frame.locator(".embed-decision .badge").first().getAttribute("data-decision"), "allowed");
  const href = await frame.getAttribute(".open-playground", "href");
  assert.match(href, /#p1=[A-Za-z0-9_-]+$/);
  await screenshot(page, "embed-host.png");

  // Bytes the embed fetched before its first decision (the editor is never loaded).
  const fetched = current.record.requests.filter((u) => u.startsWith(app.url));
  assert.ok(!fetched.some((u) => u.includes("/vs/")), "Monaco (not even its loader) not loaded");
  let raw = 0;
  let gzip = 0;
  const files = [];
  for (const u of new Set(fetched)) {
    const path = new URL(u).pathname;
    const body = await readFile(join(DIST, path === "/" ? "index.html" : path));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    files.push([path, body.length]);
  }
  await mkdir(ARTIFACTS, { recursive: true });
  const figures = { files, raw, gzip };
  await writeFile(join(ARTIFACTS, "embed-bytes.json"), JSON.stringify(figures, null, 2));
  console.log(`# embed: ${files.length} files, ${raw} bytes raw, ${gzip} bytes gzip before the first decision`);
  assert.ok(raw < 2_000_000, `${raw} bytes`);

  // "Open in playground" opens the full page with the same scenario.
  const full = await openPage(browser);
  await full.page.goto(new URL(href, app.url).href);
  await full.page.waitForSelector(".decision-row .badge[data-decision]");
  assert.equal(await full.page.locator(".embed").count(), 0);
  assert.equal(await full.page.locator(".decision-row .badge").first().getAttribute("data-decision"), "allowed");
  await full.context.close();
  assert.deepEqual(full.record.errors, []);
});

test("postMessage: the host sets a scenario with expectations and receives the decision", async () => {
  const { page, frame } = await embed("embed");
  const file = JSON.parse(await readFile(new URL("../examples/abac.json", import.meta.url), "utf8"));
  file.ActionNames = ["s3:PutObject"];
  await page.evaluate((scenario) => {
    window.messages.length = 0;
    window.send({
      type: "iam-playground:set-scenario",
      scenario,
      expected: [{ action: "s3:PutObject", resource: "arn:aws:s3:::team-data/report.csv", decision: "allowed" }],
    });
  }, file);
  await page.waitForFunction(() =>
    window.messages.some((m) => m.type === "iam-playground:decision" && m.results[0]?.action === "s3:PutObject"),
  );
  const msg = await lastDecision(page);
  assert.deepEqual(msg.results, [
    { action: "s3:PutObject", resource: "arn:aws:s3:::team-data/report.csv", decision: "allowed" },
  ]);
  assert.equal(msg.allPass, true);
  assert.equal(await frame.locator('.embed-decision[data-pass="true"]').count(), 1);

  // Asking again answers again; a broken scenario is an error message, the embed keeps its state.
  await page.evaluate(() => {
    window.messages.length = 0;
    window.send({ type: "iam-playground:get-decision" });
    window.send({ type: "iam-playground:set-scenario", scenario: '{"PolicyInputList": 3}' });
  });
  await page.waitForFunction(() => window.messages.some((m) => m.type === "iam-playground:error"));
  const types = await page.evaluate(() => window.messages.map((m) => m.type));
  assert.ok(types.includes("iam-playground:decision"));
  assert.match((await page.evaluate(() => window.messages.find((m) => m.type === "iam-playground:error"))).message, /^\d+:\d+: /);
  assert.equal((await lastDecision(page)).results[0].action, "s3:PutObject");
});

test("an editable embed re-decides as the reader types, and text stays text", async () => {
  const state = await exampleFragment();
  const { page, frame } = await embed(`embed=edit&theme=dark&${state}`);
  assert.equal(await frame.getAttribute("html", "data-theme"), "dark");
  const area = frame.locator("textarea.embed-policy");
  const text = await area.inputValue();
  await area.fill(text.replace('"s3:GetObject", "s3:PutObject"', '"s3:GetObject", "s3:DeleteObject"'));
  await page.waitForFunction(() => {
    const m = window.messages.filter((x) => x.type === "iam-playground:decision").at(-1);
    return m.results[1]?.decision === "allowed";
  });
  await area.fill('{"Version": "2012-10-17", "Statement": [{"Sid": "<img src=x onerror=alert(1)>"');
  await frame.waitForSelector(".embed .problems li.error");
  assert.equal(await frame.locator(".embed img").count(), 0);
  assert.equal((await lastDecision(page)).stale, true);
});
