// AWS managed policies by name (issue 12, item 6) in headless Chromium (run: node --test tests/):
// the data is fetched only when needed, the picker finds ReadOnlyAccess by typing "readonly"
// with the keyboard, the document shows read-only with its name and version, the trace names
// it, and a World role with ReadOnlyAccess attached is evaluated with that document.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, decisions, screenshot, suite } from "./harness.mjs";

const t = suite();
const open = t.open;
const DATA = "aws-managed-policies.txt";

/** ReadOnlyAccess's latest version, read from the data file the app serves. */
const READ_ONLY_VERSION = readFileSync(join(ROOT, "crates/engine/data", DATA), "utf8")
  .split("\n")
  .map((l) => l.split("\t"))
  .find((f) => f[0] === "P" && f[1] === "ReadOnlyAccess")[3];
const LABEL = `ReadOnlyAccess (AWS managed, ${READ_ONLY_VERSION})`;

const fetchedData = () => t.current.record.requests.filter((u) => u.endsWith(DATA));

test("managed policies: not fetched before the first decision; the picker adds ReadOnlyAccess by keyboard", async () => {
  const page = await open();
  // The default scenario names no managed policy: the first decision came without the data.
  assert.deepEqual(fetchedData(), []);
  await page.fill('textarea[name="actions"]', "ec2:DescribeInstances");
  await page.waitForFunction(() => document.querySelector(".decision-row code")?.textContent === "ec2:DescribeInstances");
  assert.deepEqual(await decisions(page), [["ec2:DescribeInstances", "implicitDeny"]]);

  await page.click(".add-managed");
  await page.waitForSelector(".managed-search:focus");
  await page.keyboard.type("readonly");
  const first = page.locator(".managed-option").first();
  await first.waitFor();
  assert.equal(await first.locator(".name").textContent(), "ReadOnlyAccess");
  assert.equal(await first.getAttribute("aria-selected"), "true");
  assert.equal(fetchedData().length, 1);
  // The data went on the root element: size, fetch and parse times.
  const bytes = Number(await page.getAttribute("html", "data-managed-bytes"));
  assert.ok(bytes > 3_000_000, `${bytes}`);
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator(".managed-option").nth(1).getAttribute("aria-selected"), "true");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");

  // A new tab named after the policy holds its ARN; the document shows read-only.
  await page.waitForSelector(".doc-tab.active:has-text('ReadOnlyAccess')");
  await page.waitForSelector(".managed-title");
  assert.equal(await page.locator(".managed-title").textContent(), LABEL);
  assert.match(await page.locator(".managed-doc").textContent(), /"ReadOnlyActionsGroup1"/);
  const editorText = await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    return ed.getModel().getValue();
  });
  assert.equal(editorText, "arn:aws:iam::aws:policy/ReadOnlyAccess");

  // ReadOnlyAccess allows ec2:Describe*: the decision flips, and the trace names the policy.
  await page.waitForFunction(() => document.querySelector(".decision-row .badge")?.dataset.decision === "allowed");
  assert.ok((await page.locator(".trace .policy strong", { hasText: LABEL }).count()) > 0);
  await screenshot(page, "managed-picker.png");

  // A link made now opens with the policy (the share link records the data's version).
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /p1=/);
});

test("managed policies: a shared link naming one says it is loading them, then decides", async () => {
  const page = await open();
  await page.click(".add-managed");
  await page.keyboard.type("AmazonS3ReadOnlyAccess");
  await page.locator(".managed-option").first().waitFor();
  await page.keyboard.press("Enter");
  await page.waitForSelector(".managed-title");
  const hash = await page.evaluate(() => location.hash);
  // Open the link in a fresh page: the scenario names a managed policy, so the data loads
  // (the result says "loading AWS managed policies…" meanwhile), then it decides.
  const fresh = await t.current.context.newPage();
  fresh.on("console", (m) => m.type() === "error" && t.current.record.errors.push(m.text()));
  const before = fetchedData().length;
  // Hold the data back a little, so the note can be seen.
  let release;
  const held = new Promise((ok) => (release = ok));
  await fresh.route("**/" + DATA, async (route) => {
    await held;
    await route.continue();
  });
  await fresh.goto(t.server.url + hash);
  await fresh.waitForSelector(".result .managed-loading, .results-pane .managed-loading, .managed-loading");
  assert.equal(await fresh.locator(".managed-loading").first().textContent(), "loading AWS managed policies…");
  release();
  await fresh.waitForSelector(".decision-row .badge[data-decision]");
  await fresh.waitForFunction(() => !document.querySelector(".managed-loading"));
  assert.equal(fetchedData().length, before + 1);
  await fresh.click(".doc-tab:has-text('AmazonS3ReadOnlyAccess')");
  await fresh.waitForSelector(".managed-title");
  assert.match(await fresh.locator(".managed-title").textContent(), /^AmazonS3ReadOnlyAccess \(AWS managed, v\d+\)$/);
  const shown = await decisions(fresh);
  assert.deepEqual(shown[0], ["s3:GetObject", "allowed"]);
  await fresh.close();
});

test("managed policies: an unknown name is marked with a did-you-mean", async () => {
  const page = await open();
  await page.click(".add-managed");
  await page.keyboard.type("readonly");
  await page.locator(".managed-option").first().waitFor();
  await page.keyboard.press("Enter");
  await page.waitForSelector(".managed-title");
  await page.evaluate(() =>
    globalThis.monaco.editor.getEditors()[0].getModel().setValue("arn:aws:iam::aws:policy/ReadOnlyAcess"),
  );
  await page.waitForFunction(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    return globalThis.monaco.editor
      .getModelMarkers({ resource: ed.getModel().uri })
      .some((m) => m.message.includes("did you mean `arn:aws:iam::aws:policy/ReadOnlyAccess`"));
  });
  await page.waitForSelector(".problems li.error");
});

test("managed policies: a World role with ReadOnlyAccess attached is evaluated with its document", async () => {
  const page = await open();
  await page.click('.mode-tab[data-mode="world"]');
  await page.waitForSelector('.hop[data-hop="0"]');
  await page.waitForFunction(() =>
    globalThis.monaco?.editor.getEditors().some((e) => e.getContainerDomNode().closest(".world-editor") && e.getModel()),
  );
  assert.deepEqual(fetchedData(), []);
  const world = readFileSync(join(ROOT, "crates/cli/tests/golden/world-managed.json"), "utf8");
  await page.evaluate((text) => {
    const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
    ed.getModel().setValue(text);
  }, world);
  await page.waitForFunction(() => document.querySelector('.hop[data-hop="0"] .session-arn')?.textContent.endsWith("Auditor/alice"));
  const finals = await page.$$eval(".world-results.final > .world-result", (items) =>
    items.map((li) => [li.querySelector("summary code").textContent, li.dataset.decision]),
  );
  assert.deepEqual(finals, [
    ["s3:GetObject", "allowed"],
    ["s3:PutObject", "implicitDeny"],
  ]);
  assert.equal(fetchedData().length, 1);
  assert.ok((await page.locator(".world-results.final .policy-name", { hasText: LABEL }).count()) > 0);

  // The World editor (its JSON tab) completes managed-policy ARNs.
  await page.click('.world-pane-tab[data-pane="json"]');
  await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
    const model = ed.getModel();
    const text = model.getValue();
    const at = text.indexOf("policy/ReadOnlyAccess") + "policy/".length;
    const pos = model.getPositionAt(at + "Read".length);
    model.setValue(text.slice(0, at + "Read".length) + text.slice(at + "ReadOnlyAccess".length));
    ed.setPosition(pos);
    ed.focus();
    ed.trigger("test", "editor.action.triggerSuggest", {});
  });
  const row = page.locator(".world-editor .suggest-widget.visible .monaco-list-row", {
    hasText: "arn:aws:iam::aws:policy/ReadOnlyAccess",
  });
  await row.first().waitFor({ timeout: 15_000 });
  await screenshot(page, "managed-world.png");
});
