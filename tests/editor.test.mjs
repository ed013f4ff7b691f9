// Editor help and validation markers (src/lint_view.rs, src/editor_help.rs): the service
// catalog loads after the first decision, findings become markers, completion and hover
// answer from the catalog. Run: node --test tests/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { markers, screenshot, setEditorText, suite } from "./harness.mjs";

const t = suite();

async function open() {
  const page = await t.open();
  // The catalog: fetched once the editor is up, then parsed.
  await page.waitForFunction(() => document.documentElement.dataset.catalogParseMs);
  return page;
}

const policy = (action) => `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": ["${action}"],
      "Resource": "*"
    }
  ]
}`;

test("the catalog loads after the first decision, from this origin", async () => {
  const page = await open();
  const figures = await page.evaluate(() => ({ ...document.documentElement.dataset }));
  assert.ok(Number(figures.catalogBytes) > 1_000_000, `bytes ${figures.catalogBytes}`);
  console.log(
    `catalog: ${figures.catalogBytes} bytes, fetch ${figures.catalogFetchMs} ms, parse ${figures.catalogParseMs} ms`,
  );
  assert.ok(t.current.record.requests.some((u) => u.endsWith("/iam-catalog.txt")));
});

test("a misspelled action shows a marker with a did-you-mean", async () => {
  const page = await open();
  await setEditorText(page, policy("s3:GetObjekt"));
  await page.waitForFunction(() => {
    const model = globalThis.monaco.editor.getEditors()[0].getModel();
    return globalThis.monaco.editor
      .getModelMarkers({ owner: "iam", resource: model.uri })
      .some((m) => m.code === "unknown-action");
  });
  const m = (await markers(page)).find((x) => x.code === "unknown-action");
  assert.match(m.message, /did you mean `s3:GetObject`/);
  assert.equal(m.startLineNumber, 7);
  assert.equal(m.severity, 8); // MarkerSeverity.Error
  await page.waitForSelector(".monaco-editor .squiggly-error");
  // Fixed: the marker goes away.
  await setEditorText(page, policy("s3:GetObject"));
  await page.waitForFunction(() => {
    const model = globalThis.monaco.editor.getEditors()[0].getModel();
    return !globalThis.monaco.editor
      .getModelMarkers({ owner: "iam", resource: model.uri })
      .some((m) => m.code === "unknown-action");
  });
});

test('typing "s3:Get offers actions with their access level', async () => {
  const page = await open();
  await setEditorText(page, policy("").replace('[""]', "[]"));
  // Cursor between the brackets of `"Action": []` (line 7), then type as a user would.
  await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    const line = ed.getModel().getLineContent(7);
    ed.setPosition({ lineNumber: 7, column: line.indexOf("[]") + 2 });
    ed.focus();
  });
  await page.keyboard.type('"s3:Get', { delay: 30 });
  const rows = page.locator(".suggest-widget.visible .monaco-list-row");
  await rows.first().waitFor({ timeout: 10_000 });
  const first = await rows.first().getAttribute("aria-label");
  assert.match(first, /^s3:Get\w+, Function$/);
  assert.match(await rows.first().textContent(), /Read$/);
  await page.keyboard.type("Objec", { delay: 30 });
  const row = page.locator(".suggest-widget.visible .monaco-list-row", { hasText: "s3:GetObject" });
  await row.first().waitFor({ timeout: 10_000 });
  await screenshot(page, "editor-completion.png");
  await page.keyboard.press("Enter");
  const line = await page.evaluate(() =>
    globalThis.monaco.editor.getEditors()[0].getModel().getLineContent(7),
  );
  // The string is closed and the rest of the line kept.
  assert.match(line, /"Action": \["s3:GetObject"\],$/);
});

test("hovering an action shows its access level; a pattern shows how many it covers", async () => {
  const page = await open();
  await setEditorText(page, policy('s3:GetObject", "s3:Get*'));
  const hoverAt = async (text) => {
    await page.evaluate((t) => {
      const ed = globalThis.monaco.editor.getEditors()[0];
      const line = ed.getModel().getLineContent(7);
      ed.setPosition({ lineNumber: 7, column: line.indexOf(t) + 3 });
      ed.focus();
      ed.trigger("test", "editor.action.showHover", {});
    }, text);
  };
  await hoverAt("s3:GetObject");
  await page.waitForSelector(".monaco-hover-content:has-text('access level')");
  assert.match(await page.textContent(".monaco-hover-content"), /s3:GetObject.*access level Read/s);
  await screenshot(page, "editor-hover.png");
  await page.keyboard.press("Escape");
  await hoverAt("s3:Get*");
  await page.waitForSelector(".monaco-hover-content:has-text('covers')");
  const text = await page.textContent(".monaco-hover-content");
  assert.match(text, /covers \d+ actions/);
  assert.match(text, /s3:GetBucketPolicy/);
});
