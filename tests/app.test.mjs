// End-to-end tests of the playground in headless Chromium (run: node --test tests/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ABAC_POLICY } from "./fixtures.mjs";
import { catalogActions, decisions, markers, openPage, ready, screenshot, setEditorText, suite } from "./harness.mjs";

const t = suite();
const open = t.open;

test("the page loads and shows the default decision with its trace", async () => {
  const page = await open();
  assert.deepEqual(await decisions(page), [
    ["s3:GetObject", "allowed"],
    ["s3:DeleteObject", "implicitDeny"],
  ]);
  const trace = await page.textContent(".trace");
  assert.match(trace, /How AWS decided/);
  assert.match(trace, /Identity-based policies/);
  assert.match(trace, /Condition StringEquals aws:ResourceTag\/team: request has eng/);
  // The deciding statement is highlighted in the editor without a click.
  await page.waitForSelector(".monaco-editor .deciding-allow");
  // Monaco came from this page's own vs/ folder.
  assert.ok(t.current.record.requests.some((u) => u.includes("/vs/editor/editor.main.js")));
  await screenshot(page, "playground.png");
});

test("an edit of the request flips the decision and the trace follows", async () => {
  const page = await open();
  const value = page.locator('[data-tags="Resource"] .tag-value').first();
  await value.fill("ops");
  await page.waitForFunction(
    () => document.querySelector(".decision-row .badge")?.dataset.decision === "implicitDeny",
  );
  const trace = await page.textContent(".trace");
  assert.match(trace, /request has ops, policy wants \$\{aws:PrincipalTag\/team\} \(= eng\) → false/);
  const secure = page.getByRole("combobox", { name: "aws:SecureTransport" });
  await secure.selectOption("false");
  // The state is in the URL: a reload keeps the edits.
  await page.reload();
  await ready(page);
  assert.equal(await value.inputValue(), "ops");
  assert.equal(await secure.inputValue(), "false");
  assert.equal((await decisions(page))[0][1], "implicitDeny");
});

test("an edit of the policy flips the decision", async () => {
  const page = await open();
  await setEditorText(page, ABAC_POLICY.replace("203.0.113.0/24", "198.51.100.0/24"));
  await page.waitForFunction(
    () => document.querySelector(".decision-row .badge")?.dataset.decision === "explicitDeny",
  );
  await page.waitForSelector(".monaco-editor .deciding-deny");
  const trace = await page.textContent(".trace");
  assert.match(trace, /Condition NotIpAddress aws:SourceIp: request has 203\.0\.113\.7/);
});

test("typing in the editor re-evaluates", async () => {
  const page = await open();
  const before = await page.textContent(".trace");
  await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    const m = ed.getModel().findMatches('"3600"', false, false, true, null, false)[0];
    ed.setPosition({ lineNumber: m.range.startLineNumber, column: m.range.startColumn + 2 });
    ed.focus();
  });
  await page.keyboard.press("Delete");
  await page.waitForFunction(
    (b) => document.querySelector(".trace")?.textContent !== b,
    before,
  );
  assert.match(await page.textContent(".trace"), /policy wants 300 → false/);
  assert.equal((await decisions(page))[0][1], "implicitDeny");
});

test("clicking a trace step selects the exact words in the editor", async () => {
  const page = await open();
  await page.getByRole("button", { name: /Condition StringEquals aws:ResourceTag\/team/ }).click();
  const selected = await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    return ed.getModel().getValueInRange(ed.getSelection());
  });
  assert.match(selected, /^"?aws:ResourceTag\/team"?$/);
  await page.waitForSelector(".monaco-editor .trace-focus");
  // A statement step selects the whole statement.
  await page.getByRole("button", { name: /Statement 2 DenyOutsideOffice/ }).first().click();
  const statement = await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    return ed.getModel().getValueInRange(ed.getSelection());
  });
  assert.match(statement, /^\{\s*"Sid": "DenyOutsideOffice"[\s\S]*\}$/);
});

test("malformed JSON shows a marker at its line:column and the page keeps working", async () => {
  const page = await open();
  const broken = ABAC_POLICY.replace('"2012-10-17",', '"2012-10-17"');
  await setEditorText(page, broken);
  await page.waitForSelector(".stale-note");
  const m = await markers(page);
  assert.ok(m.length >= 1, "a marker");
  assert.equal(m[0].startLineNumber, 3);
  assert.equal(m[0].startColumn, 3);
  assert.equal(m[0].severity, 8); // MarkerSeverity.Error
  await page.waitForSelector(".monaco-editor .squiggly-error");
  // The last good result stays visible, dimmed, with the error named.
  assert.ok(await page.isVisible(".results.stale .decision-row"));
  assert.match(await page.textContent(".problems"), /PolicyInputList\.1 3:3/);
  // Highlights of the stale result would point at moved text: they are removed meanwhile.
  await page.waitForSelector(".monaco-editor .deciding-allow", { state: "detached" });
  await screenshot(page, "playground-broken.png");
  // The rest of the page keeps working: edit the request, then fix the policy.
  await page.fill('textarea[name="actions"]', "s3:GetObject");
  await page.getByRole("tab", { name: /SCPs/ }).click();
  await page.getByRole("tab", { name: /Identity policies/ }).click();
  await setEditorText(page, ABAC_POLICY);
  await page.waitForSelector(".results:not(.stale)");
  assert.deepEqual(await decisions(page), [["s3:GetObject", "allowed"]]);
  assert.deepEqual(await markers(page), []);
  await page.waitForSelector(".monaco-editor .deciding-allow");
});

test("every layer has a tab; an SCP joins the evaluation", async () => {
  const page = await open();
  const tabs = await page.$$eval(".layer-tabs .tab", (t) => t.map((b) => b.dataset.layer));
  assert.deepEqual(tabs, ["Identity", "Boundary", "Scp", "Rcp", "Resource", "Session", "VpcEndpoint"]);
  await page.getByRole("tab", { name: /SCPs/ }).click();
  await page.getByRole("button", { name: "+ Add", exact: true }).click();
  await page.waitForFunction(() => /FullAWSAccess/.test(document.querySelector(".trace")?.textContent));
  await setEditorText(
    page,
    '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}',
  );
  await page.waitForFunction(
    () => document.querySelector(".decision-row .badge")?.dataset.decision === "explicitDeny",
  );
  assert.match(await page.textContent(".trace"), /Service control policies/);
  // A step in another layer's policy opens that layer's tab and selects the words.
  await page.getByRole("tab", { name: /Identity policies/ }).click();
  await page.getByRole("button", { name: /Statement 1 \(Deny\) — applies/ }).click();
  assert.equal(await page.getAttribute(".layer-tabs .tab.active", "data-layer"), "Scp");
  const selected = await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    return ed.getModel().getValueInRange(ed.getSelection());
  });
  assert.equal(selected, '{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}');
  // Rename and remove.
  await page.fill(".doc-name", "DenyReads");
  assert.match(await page.textContent(".doc-strip"), /DenyReads/);
  await page.getByRole("button", { name: "Remove this policy" }).click();
  await page.waitForFunction(
    () => document.querySelector(".decision-row .badge")?.dataset.decision === "allowed",
  );
});

test("a missing context key is added with one click", async () => {
  const page = await open();
  await page.fill('input[name="source-ip"]', "");
  await page.waitForSelector(".keys.missing li");
  assert.match(await page.textContent(".keys.missing"), /aws:SourceIp/);
  await page.locator(".keys.missing .add-key").first().click();
  assert.equal(await page.inputValue('input[name="source-ip"]'), "192.0.2.10");
  await page.waitForFunction(
    () => document.querySelector(".decision-row .badge")?.dataset.decision === "explicitDeny",
  );
});

test("pasted text is never interpreted as HTML", async () => {
  const page = await open();
  const evil = "<img src=x onerror=alert(1)>";
  await setEditorText(page, ABAC_POLICY.replace("AllowSameTeamObjects", evil));
  await page.waitForFunction((e) => document.querySelector(".trace")?.textContent.includes(e), evil);
  assert.equal(await page.locator("body img").count(), 0);
  assert.equal(await page.locator(".tag-key").first().evaluate((el) => el.tagName), "INPUT");
});

test("light and dark themes", async () => {
  const page = await open();
  const before = await page.getAttribute("html", "data-theme");
  await page.getByRole("button", { name: /Switch between light and dark/ }).click();
  const afterTheme = await page.getAttribute("html", "data-theme");
  assert.notEqual(before, afterTheme);
  assert.ok(["light", "dark"].includes(afterTheme));
  await screenshot(page, `playground-${afterTheme}.png`);
});

test("the layout fits a laptop screen and the keyboard reaches the trace", async () => {
  t.current = await openPage(t.browser, { viewport: { width: 1280, height: 720 } });
  const page = t.current.page;
  await page.goto(t.server.url);
  await ready(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll (${overflow}px)`);
  const step = page.getByRole("button", { name: /Condition NumericLessThan/ });
  await step.focus();
  await page.keyboard.press("Enter");
  const selected = await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    return ed.getModel().getValueInRange(ed.getSelection());
  });
  assert.match(selected, /aws:MultiFactorAuthAge/);
});

test("a shared link freezes aws:CurrentTime and restores the playground", async () => {
  const page = await open();
  const time = page.getByRole("textbox", { name: "aws:CurrentTime" });
  assert.equal(await time.inputValue(), "");
  await page.fill('textarea[name="actions"]', "s3:PutObject");
  await page.getByRole("button", { name: "Share link" }).click();
  const url = await page.locator(".share-url").inputValue();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#p1=[A-Za-z0-9_-]+$/);
  const frozen = await time.inputValue();
  assert.match(frozen, /^\d{4}-\d\d-\d\dT/);
  await page.goto("about:blank");
  await page.goto(url);
  await ready(page);
  assert.equal(await page.getByRole("textbox", { name: "aws:CurrentTime" }).inputValue(), frozen);
  assert.deepEqual(await decisions(page), [["s3:PutObject", "allowed"]]);
});

test("the Monaco chunk that js/monaco.js loads first exists in this Monaco version", async () => {
  const { readFile, access } = await import("node:fs/promises");
  const glue = await readFile(new URL("../js/monaco.js", import.meta.url), "utf8");
  const chunk = glue.match(/CONTRIBUTIONS_CHUNK = "([^"]+)"/)?.[1];
  assert.ok(chunk, "constant found");
  await access(new URL(`../dist/${chunk}.js`, import.meta.url));
  const text = await readFile(new URL(`../dist/${chunk}.js`, import.meta.url), "utf8");
  assert.match(text, /"ICodeLensCache"/);
});

test("wildcard actions in the request expand against the catalog, each row naming its pattern", async () => {
  const page = await open();
  await page.waitForFunction(() => document.documentElement.dataset.catalogParseMs);
  const expected = catalogActions().filter((a) => a.startsWith("s3:GetObject"));
  assert.ok(expected.length > 5);
  await page.fill('textarea[name="actions"]', "s3:GetObject*");
  await page.waitForFunction((n) => document.querySelectorAll(".decision-row").length === n, expected.length);
  const rows = await page.$$eval(".decision-row", (rs) =>
    rs.map((r) => [r.querySelector("code").textContent, r.querySelector(".from code")?.textContent]),
  );
  assert.deepEqual(rows.map((r) => r[0]).sort(), expected.sort());
  assert.ok(rows.every((r) => r[1] === "s3:GetObject*"));
  // The example's statement allows s3:GetObject itself, and only that of these.
  const allowed = await page.$$eval('.decision-row:has(.badge[data-decision="allowed"]) > code:first-of-type', (cs) =>
    cs.map((c) => c.textContent),
  );
  assert.deepEqual(allowed, ["s3:GetObject"]);
});

test("tab lists work from the keyboard: arrows move and select, only the selected tab is in the Tab order", async () => {
  const page = await open();
  const layer = (sel) => page.$$eval(`.layer-tabs [role=tab]${sel}`, (ts) => ts.map((t) => t.dataset.layer));
  assert.deepEqual(await layer('[tabindex="0"]'), ["Identity"]);
  await page.focus('.layer-tabs [role=tab][data-layer="Identity"]');
  await page.keyboard.press("ArrowRight");
  const second = await page.evaluate(() => document.activeElement.dataset.layer);
  assert.notEqual(second, "Identity");
  assert.deepEqual(await layer('[aria-selected="true"]'), [second]);
  assert.deepEqual(await layer('[tabindex="0"]'), [second]);
  await page.keyboard.press("End");
  const last = await page.evaluate(() => document.activeElement.dataset.layer);
  assert.deepEqual(await layer('[aria-selected="true"]'), [last]);
  await page.keyboard.press("ArrowRight");
  assert.deepEqual(await layer('[aria-selected="true"]'), ["Identity"]);
  // The mode tabs too.
  await page.focus('.mode-tab[data-mode="policies"]');
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getAttribute('.mode-tab[data-mode="world"]', "aria-selected"), "true");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.getAttribute('.mode-tab[data-mode="policies"]', "aria-selected"), "true");
});
