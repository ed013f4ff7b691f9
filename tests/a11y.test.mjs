// Keyboard and screen readers (issue 15): an axe-core audit of the main page, the World mode and
// the embed (no serious or critical violation), the skip links, leaving the policy editor with
// Tab as its hint says, and a Tab order through the page that follows what is seen, reaching
// every tool. axe-core is the npm package pinned in package.json, read from node_modules and
// evaluated in the page (never fetched from a CDN). Run: node --test tests/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, ready, suite } from "./harness.mjs";

const t = suite();
const AXE = await readFile(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

/** axe-core's violations of the page as it is, as `impact id: help (n nodes)` lines. */
async function audit(page) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3),
      count: v.nodes.length,
    }));
  });
  const line = (v) => `${v.impact} ${v.id}: ${v.help} (${v.count}: ${v.nodes.join(" | ")})`;
  const minor = violations.filter((v) => !["serious", "critical"].includes(v.impact));
  if (minor.length) console.log(`axe, not serious:\n  ${minor.map(line).join("\n  ")}`);
  return violations.filter((v) => ["serious", "critical"].includes(v.impact)).map(line);
}

test("axe: no serious or critical violation on the main page (light and dark)", async () => {
  const page = await t.open();
  // The trace of the example, the sweep and the help open, as a user would have them.
  await page.locator('details[data-tool="help"] > summary').click();
  assert.deepEqual(await audit(page), []);
  await page.getByRole("button", { name: /Switch between light and dark theme/ }).click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
  assert.deepEqual(await audit(page), []);
});

test("axe: no serious or critical violation in World mode", async () => {
  const page = await t.open();
  await page.click('.mode-tab[data-mode="world"]');
  await page.waitForSelector('.hop[data-hop="0"]');
  await page.waitForFunction(() =>
    globalThis.monaco?.editor.getEditors().some((e) => e.getContainerDomNode().closest(".world-editor") && e.getModel()),
  );
  assert.deepEqual(await audit(page), []);
});

test("axe: no serious or critical violation in the embed", async () => {
  const page = await t.open();
  const hash = await page.evaluate(() => location.hash.slice(1));
  // A new document each time (a change of fragment alone does not reload the page).
  await page.goto("about:blank");
  await page.goto(`${t.server.url}#embed=ro&${hash}`);
  await page.waitForSelector(".embed-decision .badge[data-decision]");
  assert.deepEqual(await audit(page), []);
  await page.goto("about:blank");
  await page.goto(`${t.server.url}#embed=edit&theme=dark&${hash}`);
  await page.waitForSelector(".embed-decision .badge[data-decision]");
  assert.deepEqual(await audit(page), []);
});

/** Where keyboard focus is: inside the editor, in which pane, and a label. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const pane = el?.closest("#policies-pane, #request-pane, #result-pane")?.id ?? null;
    return {
      inEditor: Boolean(el?.closest(".monaco-editor")),
      pane,
      tool: el?.closest("details.tool")?.dataset.tool ?? null,
      summary: el?.matches("details.tool > summary") ? el.parentElement.dataset.tool : null,
      skip: el?.matches(".skip-link") ? el.textContent : null,
      tag: el?.tagName,
    };
  });
}

const editorText = (page) => page.evaluate(() => globalThis.monaco.editor.getEditors()[0].getModel().getValue());

test("the hint under the editor is true: Tab and Shift+Tab leave it, Esc first closes a suggestion", async () => {
  const page = await t.open();
  assert.match(await page.locator(".editor-hint").textContent(), /Tab and Shift\+Tab leave the editor \(press Esc first/);
  const before = await editorText(page);
  const into = () =>
    page.evaluate(() => {
      const ed = globalThis.monaco.editor.getEditors()[0];
      const m = ed.getModel().findMatches('"s3:GetObject"', false, false, true, null, false)[0];
      ed.setPosition({ lineNumber: m.range.startLineNumber, column: m.range.startColumn + 4 });
      ed.focus();
    });
  await into();
  assert.equal((await focused(page)).inEditor, true);
  await page.keyboard.press("Tab");
  let f = await focused(page);
  assert.equal(f.inEditor, false, "Tab left the editor");
  assert.equal(f.pane, "request-pane", "… for the next thing on the page, the request");
  await into();
  await page.keyboard.press("Shift+Tab");
  f = await focused(page);
  assert.equal(f.inEditor, false, "Shift+Tab left the editor");
  assert.equal(f.pane, "policies-pane", "… back to the policy's name and buttons");
  assert.equal(await editorText(page), before, "no tab was typed");
  // With a suggestion open: Esc closes it, then Tab leaves.
  await into();
  await page.keyboard.press("Control+Space");
  await page.waitForSelector(".monaco-editor .suggest-widget.visible");
  await page.keyboard.press("Escape");
  await page.waitForSelector(".monaco-editor .suggest-widget.visible", { state: "hidden" });
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).inEditor, false);
  assert.equal(await editorText(page), before);
  // Ctrl+M makes Tab indent, and back.
  await into();
  await page.keyboard.press("Control+m");
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).inEditor, true, "Tab indents after Ctrl+M");
  assert.notEqual(await editorText(page), before);
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+m");
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).inEditor, false);
});

test("the first Tab reaches the skip links, and they move focus past the header and tools", async () => {
  const page = await t.open();
  const url = page.url();
  await page.locator("body").focus();
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).skip, "Skip to the policy editor");
  await page.keyboard.press("Enter");
  assert.equal((await focused(page)).inEditor, true);
  await page.keyboard.press("Shift+Tab");
  await page.evaluate(() => document.querySelector(".skip-link:nth-child(3)").focus());
  assert.equal((await focused(page)).skip, "Skip to the result");
  await page.keyboard.press("Enter");
  assert.equal((await focused(page)).pane, "result-pane");
  assert.equal(page.url(), url, "the URL fragment (the playground) is untouched");
  // In World mode, one link to its content.
  await page.click('.mode-tab[data-mode="world"]');
  await page.waitForSelector('.hop[data-hop="0"]');
  assert.deepEqual(await page.locator(".skip-link").allTextContents(), ["Skip to the World"]);
});

for (const [name, viewport] of [
  ["three columns", { width: 1600, height: 1000 }],
  ["two columns", { width: 1280, height: 720 }],
  ["one column", { width: 800, height: 900 }],
]) {
  test(`Tab goes through the panes in the order they are seen (${name}) and reaches every tool`, async () => {
    const page = await t.open("", { viewport });
    // The panes as laid out: left to right, then top to bottom.
    const seen = await page.evaluate(() =>
      ["policies-pane", "request-pane", "result-pane"]
        .map((id) => [id, document.getElementById(id).getBoundingClientRect()])
        .sort(([, a], [, b]) => (Math.abs(a.left - b.left) > 50 ? a.left - b.left : a.top - b.top))
        .map(([id]) => id),
    );
    await page.locator("body").focus();
    const panes = [];
    const tools = new Set();
    for (let i = 0; i < 160; i++) {
      await page.keyboard.press("Tab");
      const f = await focused(page);
      if (f.summary) tools.add(f.summary);
      if (f.pane && panes.at(-1) !== f.pane) panes.push(f.pane);
      if (f.pane === "result-pane") break;
    }
    assert.deepEqual(panes, seen, "focus follows the layout");
    const all = await page.$$eval("details.tool", (ds) => ds.map((d) => d.dataset.tool));
    assert.deepEqual([...tools].sort(), [...all].sort(), "every tool's summary is in the Tab order");
    // Each opens from the keyboard.
    for (const tool of all) {
      await page.locator(`details[data-tool="${tool}"] > summary`).focus();
      await page.keyboard.press("Enter");
      assert.equal(await page.$eval(`details[data-tool="${tool}"]`, (d) => d.open), true, tool);
      await page.keyboard.press("Enter");
    }
    await ready(page);
  });
}
