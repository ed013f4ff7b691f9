// Embeds in an iframe on a documentation page (tests/embed-host.html, served from another
// origin): the embed page of its own small build (embed.html#scenario=…, what public/embed.js
// writes) with the request context and a collapsed "why", the playground's older
// `#embed&p1=` links, the postMessage protocol, the bytes an embed downloads before its first
// decision (printed per file; at most 250 KB = 250,000 bytes gzip), its stylesheet (main.css's
// rules it can use), axe-core's audit of the embed, and the Embed tool of the full page (live
// preview, base URL, snippets).
import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { ARTIFACTS, DIST, audit, launch, openPage, ready, screenshot, serve, setEditorText } from "./harness.mjs";

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

/** The host page embedding `page` of the site (default: the playground) with `fragment`;
 * resolves to { page, frame }. */
async function embed(fragment, path = "", first = "iam-playground:decision") {
  current = await openPage(browser);
  const src = `${app.url}${path}#${fragment}`;
  await current.page.goto(`${host.url}embed-host.html?src=${encodeURIComponent(src)}`);
  await current.page.waitForFunction((type) => window.messages.some((m) => m.type === type), first);
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

test("a read-only embed of the playground's own link shows scenario and decision without the editor", async () => {
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
  assert.match(href, /#scenario=[A-Za-z0-9_-]+$/);
  assert.ok(!current.record.requests.some((u) => u.includes("/vs/")), "Monaco (not even its loader) not loaded");
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

/** Every selector of main.css that matches something on the embed's page (hover and focus
 * states and pseudo-elements counted as matching) is in embed.css too (the build writes
 * embed.css from main.css: scripts/embed-css.mjs), and embed.css is the page's stylesheet. */
async function assertStyled(frame) {
  const main = await readFile(join(DIST, "main.css"), "utf8");
  const mine = await readFile(join(DIST, "embed.css"), "utf8");
  const { matching, missing } = await frame.evaluate(([main, mine]) => {
    const selectors = (text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      const out = [];
      const walk = (rules) => {
        for (const r of rules) {
          if (r.selectorText) out.push(...r.selectorText.split(/,(?![^(]*\))/).map((x) => x.trim()));
          if (r.cssRules) walk(r.cssRules);
        }
      };
      walk(sheet.cssRules);
      return out;
    };
    const matches = (sel) => {
      const bare = sel.replace(/::[\w-]+|:(hover|focus|focus-visible|focus-within|active)\b/g, "");
      try {
        return document.querySelector(bare || "*") !== null;
      } catch {
        return false;
      }
    };
    const kept = new Set(selectors(mine));
    const matching = selectors(main).filter(matches);
    return { matching: matching.length, missing: matching.filter((x) => !kept.has(x)) };
  }, [main, mine]);
  assert.ok(matching > 20, `${matching} selectors of main.css match`);
  assert.deepEqual(missing, [], "selectors of main.css that match on the embed but are not in embed.css");
  assert.deepEqual(
    await frame.evaluate(() => [...document.styleSheets].map((s) => new URL(s.href).pathname.split("/").pop())),
    ["embed.css"],
  );
}

/** `text` as the embed page's `scenario=` parameter (base64url of its UTF-8 bytes). */
const scenarioParam = (text) => `scenario=${Buffer.from(text, "utf8").toString("base64url")}`;

/** The example with its decisions written down (the exercise format). */
async function abacWithExpected() {
  const file = JSON.parse(await readFile(new URL("../examples/abac.json", import.meta.url), "utf8"));
  file.Expected = [
    { Action: "s3:GetObject", Resource: "arn:aws:s3:::team-data/report.csv", Decision: "allowed" },
    { Action: "s3:DeleteObject", Resource: "arn:aws:s3:::team-data/report.csv", Decision: "implicitDeny" },
  ];
  return JSON.stringify(file, null, 2);
}

test("embed.html: its own small build shows the context and a collapsed why, and reports the bytes it loads before its first decision", async () => {
  const text = await abacWithExpected();
  const { page, frame } = await embed(`embed=ro&${scenarioParam(text)}`, "embed.html");
  const msg = await lastDecision(page);
  assert.deepEqual(
    msg.results.map((r) => [r.action, r.decision]),
    [["s3:GetObject", "allowed"], ["s3:DeleteObject", "implicitDeny"]],
  );
  assert.equal(msg.allPass, true);
  assert.equal(await frame.locator('.embed-decision[data-pass="true"]').count(), 2);

  // Bytes the embed fetched before its first decision: its own build, no editor, no catalog.
  const fetched = [...new Set(current.record.requests.filter((u) => u.startsWith(app.url)))];
  // The playground's own wasm and glue are not loaded (its crate's JS snippets, e.g. the worker
  // client that the store links in, are: a few KB, counted below; workers start only on demand).
  assert.ok(!fetched.some((u) => /\/vs\/|iam-catalog|aws-managed|\/iam-playground(_bg\.wasm|\.js)$/.test(u)), fetched.join("\n"));
  assert.ok(!fetched.some((u) => /engine-worker|iam-worker/.test(u)), fetched.join("\n"));
  let raw = 0;
  let gzip = 0;
  const files = [];
  for (const u of fetched) {
    const path = new URL(u).pathname;
    const body = await readFile(join(DIST, path === "/" ? "index.html" : path));
    const gz = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzip += gz;
    files.push([path, body.length, gz]);
  }
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(join(ARTIFACTS, "embed-bytes.json"), JSON.stringify({ files, raw, gzip }, null, 2));
  for (const [path, r, g] of files) console.log(`#   ${path}: ${r} bytes, ${g} gzip`);
  console.log(`# embed: ${files.length} files, ${raw} bytes raw, ${gzip} bytes gzip before the first decision`);
  // Issue 14's target: 250 KB (250,000 bytes) gzip before the first decision.
  assert.ok(gzip <= 250_000, `${gzip} bytes gzip before the first decision (at most 250,000)`);
  assert.ok(fetched.some((u) => u.endsWith("/embed.css")) && !fetched.some((u) => u.endsWith("/main.css")), fetched.join("\n"));

  // The context the decision used, every given key and the request time.
  const keys = await frame.$$eval(".embed-context tbody th", (ths) => ths.map((t) => t.textContent));
  for (const k of ["aws:PrincipalTag/team", "aws:ResourceTag/team", "aws:SourceIp", "aws:MultiFactorAuthAge", "aws:CurrentTime"]) {
    assert.ok(keys.includes(k), `${k} in ${keys}`);
  }
  // "Why?" is collapsed; opened, it is the app's trace (steps, layers), and the frame grows.
  const why = frame.locator(".embed-decision .why").first();
  assert.equal(await why.evaluate((d) => d.open), false);
  assert.equal(await frame.locator(".why .steps").count(), 0);
  const before = msg.height;
  await why.locator("summary").click();
  await frame.waitForSelector(".why .steps li");
  assert.ok((await frame.locator(".why .layers .statement").count()) >= 2);
  await page.waitForFunction((h) => parseInt(document.getElementById("playground").style.height) > h, before);
  assert.ok(await frame.evaluate(() => document.documentElement.scrollHeight <= document.documentElement.clientHeight));
  await screenshot(page, "embed-host.png");
  await assertStyled(frame);

  // "Open in playground" opens the full page on the same scenario document.
  const href = await frame.getAttribute(".open-playground", "href");
  assert.match(href, /^\.\/#scenario=[A-Za-z0-9_-]+$/);
  const full = await openPage(browser);
  await full.page.goto(new URL(href, `${app.url}embed.html`).href);
  await full.page.waitForSelector(".decision-row .badge[data-decision]");
  assert.equal(await full.page.locator(".decision-row .badge").first().getAttribute("data-decision"), "allowed");
  await full.context.close();
  assert.deepEqual(full.record.errors, []);

  assert.deepEqual(await audit(frame), [], "axe: the embed");
});

test("embed.html: an editable embed dims its last decisions on a JSON error, as the app does", async () => {
  const text = await abacWithExpected();
  const { page, frame } = await embed(`embed=edit&theme=dark&${scenarioParam(text)}`, "embed.html");
  assert.equal(await frame.getAttribute("html", "data-theme"), "dark");
  // Audited before the error below: stale results are dimmed on purpose, as in the app.
  assert.deepEqual(await audit(frame), [], "axe: the editable embed, dark");
  const area = frame.locator("textarea.embed-policy");
  await area.fill((await area.inputValue()).replace('"s3:GetObject", "s3:PutObject"', '"s3:GetObject", "s3:DeleteObject"'));
  await page.waitForFunction(() => window.messages.filter((m) => m.type === "iam-playground:decision").at(-1).results[1]?.decision === "allowed");
  // The reader's edit no longer meets the example's expectation: marked, not hidden.
  await frame.waitForSelector('.embed-decision[data-pass="false"]');
  await area.fill('{"Version": "2012-10-17", "Statement": [');
  await frame.waitForSelector(".embed-results.stale");
  await frame.waitForSelector(".stale-note");
  assert.equal((await lastDecision(page)).stale, true);
  assert.equal(await frame.locator(".embed-decision").count(), 2, "the last good decisions stay, dimmed");
  assert.ok(await frame.evaluate(() => document.documentElement.scrollHeight <= document.documentElement.clientHeight));
  await screenshot(page, "embed-stale.png");
  await assertStyled(frame);

  // A policy naming an AWS managed policy: the embed's own build does not load them (the data is
  // ~0.44 MB gzip) and says so instead of waiting.
  await area.fill("arn:aws:iam::aws:policy/ReadOnlyAccess");
  await frame.waitForSelector(".stale-note:has-text('does not load')");
  assert.ok(!current.record.requests.some((u) => u.includes("aws-managed-policies")));
});

test("embed.html: a scenario that cannot be read says where, and tells the host", async () => {
  const { frame } = await embed(`embed=ro&${scenarioParam('{"PolicyInputList": [}')}`, "embed.html", "iam-playground:error");
  assert.match(await frame.textContent(".problems"), /1:\d+/);
  assert.match(await frame.textContent("pre.embed-policy"), /PolicyInputList/);
});

test("embed.html: a World scenario is not shown but opens in the playground's World mode", async () => {
  const world = await readFile(join(TESTS, "..", "examples", "cross-account-role.json"), "utf8");
  const { frame } = await embed(`embed=ro&${scenarioParam(world)}`, "embed.html", "iam-playground:error");
  assert.match(await frame.textContent(".problems"), /World.+World mode/);
  const href = await frame.getAttribute(".open-playground", "href");
  assert.equal(href, `./#${scenarioParam(world)}`);
  const full = await openPage(browser);
  await full.page.goto(new URL(href, `${app.url}embed.html`).href);
  await full.page.waitForSelector('.mode-tab[data-mode="world"][aria-selected="true"]');
  await full.page.waitForSelector(".world-results.final > .world-result[data-decision]");
  await full.page.waitForFunction(() =>
    globalThis.monaco?.editor.getEditors().some((e) => e.getContainerDomNode().closest(".world-editor") && e.getModel()),
  );
  const text = await full.page.evaluate(() =>
    globalThis.monaco?.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"))?.getModel()?.getValue(),
  );
  assert.equal(text, world, "the World mode holds the example as written");
  assert.deepEqual(full.record.errors, []);
  await full.context.close();
});

test("the Embed tool: live preview at a chosen width, the base URL as a field, snippets to copy", async () => {
  current = await openPage(browser);
  const { page } = current;
  await page.goto(app.url);
  await page.waitForSelector(".decision-row .badge[data-decision]");
  await page.click('details[data-tool="embed"] > summary');
  const base = page.locator(".embed-base-url");
  assert.equal(await base.inputValue(), app.url);
  // The page is on 127.0.0.1: the tool says readers cannot reach it.
  await page.waitForSelector(".embed-local-warning");
  const preview = page.frameLocator(".embed-preview-frame");
  await preview.locator(".embed-decision .badge[data-decision]").first().waitFor();
  assert.equal(await preview.locator(".embed-decision .badge").first().getAttribute("data-decision"), "allowed");
  await page.selectOption(".embed-width", "480px");
  assert.equal(await page.$eval(".embed-preview-frame", (f) => f.getBoundingClientRect().width), 480);
  // The preview follows the playground: an edit of the policy (a Deny of everything) is shown
  // there too, and the snippets carry the edited scenario.
  await ready(page);
  const original = await page.evaluate(() => globalThis.monaco.editor.getEditors()[0].getModel().getValue());
  await setEditorText(page, '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}');
  await preview.locator('.embed-decision .badge[data-decision="explicitDeny"]').first().waitFor();
  assert.equal(await preview.locator('.embed-decision .badge[data-decision="allowed"]').count(), 0);
  assert.match(await page.inputValue('[data-snippet="pre"] textarea'), /"Effect": "Deny"/);
  await setEditorText(page, original);
  await preview.locator('.embed-decision .badge[data-decision="allowed"]').first().waitFor();

  await base.fill("https://docs.example.com/iam");
  assert.equal(await page.locator(".embed-local-warning").count(), 0);
  const pre = await page.inputValue('[data-snippet="pre"] textarea');
  assert.match(pre, /^<script src="https:\/\/docs\.example\.com\/iam\/embed\.js" defer><\/script>\n\n<pre class="iam-playground">\n\{/);
  assert.match(pre, /"Expected": \[/);
  const iframe = await page.inputValue('[data-snippet="iframe"] textarea');
  assert.match(iframe, /^<iframe src="https:\/\/docs\.example\.com\/iam\/embed\.html#embed=ro&amp;scenario=[A-Za-z0-9_-]+" title="IAM policy example: /);
  const md = await page.inputValue('[data-snippet="markdown"] textarea');
  assert.match(md, /^\[Open this example in the IAM policy playground\]\(https:\/\/docs\.example\.com\/iam\/#scenario=[A-Za-z0-9_-]+\)$/);
  // The <pre> block's text is the scenario the embed shows.
  const doc = pre.slice(pre.indexOf("\n{") + 1, pre.lastIndexOf("\n</pre>")).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  assert.equal(JSON.parse(doc).ActionNames.join(), "s3:GetObject,s3:DeleteObject");
  await page.click('[data-snippet="pre"] button.copy');
  await page.waitForFunction(() => /copied|copy it/.test(document.querySelector(".embed-status").textContent));
  await screenshot(page, "embed-tool.png");
});
