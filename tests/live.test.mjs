// Answer as you type (issue 15): small inputs evaluated on every change without a debounce,
// large ones (a 1 MB policy) in the engine worker with the page staying responsive, and their
// traces built as they are opened. Bounds here are generous (a loaded 2-core machine); the real
// figures come from scripts/figures.sh (tests/figures.mjs). Run: node --test tests/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";
import { bigPolicy, pasteAndType, RECORD_LONG_TASKS } from "./big-input.mjs";
import { decisions, ready, suite } from "./harness.mjs";

const t = suite();

/** The page with long tasks recorded from the start. */
async function openRecorded() {
  const page = await t.open();
  await page.addInitScript(RECORD_LONG_TASKS);
  await page.reload();
  await ready(page);
  return page;
}

test("a small edit is evaluated in the same task, without a debounce", async () => {
  const page = await t.open();
  // The edit goes in through Monaco; one timer turn later the trace already shows it (a
  // debounce would hold it back for 120 ms).
  const seen = await page.evaluate(async () => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    const model = ed.getModel();
    const m = model.findMatches('"3600"', false, false, true, null, false)[0];
    const before = document.querySelector(".main-trace").textContent;
    ed.executeEdits("test", [{ range: m.range, text: '"300"' }]);
    await new Promise((r) => setTimeout(r, 0));
    return { before, after: document.querySelector(".main-trace").textContent };
  });
  assert.notEqual(seen.after, seen.before);
  assert.match(seen.after, /policy wants 300 → false/);
  assert.equal((await decisions(page))[0][1], "implicitDeny");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.workerReplyBytes), undefined);
});

test("a 1 MB policy: pasted and typed in, the page stays responsive and the decision follows", async () => {
  const page = await openRecorded();
  const text = bigPolicy(1_000_000);
  const r = await pasteAndType(page, text, { keys: 12, intervalMs: 60, timeoutMs: 60_000 });
  console.log(
    `1 MB paste: longest task ${r.paste.longest.toFixed(0)} ms, blocking ${r.paste.tbt.toFixed(0)} ms; ` +
      `typing ${r.keys} keys: longest ${r.typing.longest.toFixed(0)} ms, blocking ${r.typing.tbt.toFixed(0)} ms; ` +
      `last key to decision ${r.lastKeyToDecisionMs.toFixed(0)} ms`,
  );
  // Bounds three times the targets (no task over 100 ms, the decision within 1 s), for a loaded
  // machine; the figures script reports the real figures. Before this work a 1 MB paste froze
  // the page for 3.3 s and each keystroke for 1.3 s; Monaco's paste in one task took 90–210 ms.
  assert.ok(r.paste.longest < 300, `paste: longest task ${r.paste.longest} ms`);
  assert.ok(r.typing.longest < 300, `typing: longest task ${r.typing.longest} ms`);
  assert.ok(r.lastKeyToDecisionMs < 3000, `decision ${r.lastKeyToDecisionMs} ms after the last key`);
  // Evaluated in the engine worker; nothing typed was lost.
  const figures = await page.evaluate(() => ({ ...document.documentElement.dataset }));
  assert.ok(Number(figures.workerReplyBytes) > 0, "the worker answered");
  assert.ok(r.finalText.includes('"Generated01000abcdefghijkl"'), "every typed key is in the text");
  assert.ok(r.finalText.includes('"s3:GetObjectx"'));
  assert.deepEqual(await decisions(page), [
    ["s3:GetObject", "implicitDeny"],
    ["s3:DeleteObject", "implicitDeny"],
  ]);
  // While the worker works, the last result stays, dimmed.
  await page.keyboard.press("Backspace");
  await page.waitForSelector('.results.stale[aria-busy="true"]');
  await page.waitForSelector('.results[aria-busy="false"]:not(.stale)', { timeout: 30_000 });
  assert.deepEqual((await decisions(page))[0], ["s3:GetObject", "allowed"]);
});

/** Paste `text` over the whole of the editor's document, as Ctrl+V does (tests/big-input.mjs). */
function paste(page, text) {
  return page.evaluate((t) => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    ed.focus();
    ed.setSelection(ed.getModel().getFullModelRange());
    const data = new DataTransfer();
    data.setData("text/plain", t);
    document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const editorText = (page) => page.evaluate(() => globalThis.monaco.editor.getEditors()[0].getModel().getValue());

test("a large paste goes in in pieces: one undo takes it back, keys typed meanwhile follow it", async () => {
  const page = await t.open();
  const before = await editorText(page);
  const text = bigPolicy(400_000);
  const length = (page) => page.evaluate(() => globalThis.monaco.editor.getEditors()[0].getModel().getValueLength());
  // The paste goes in over several tasks: right after the paste event only part of it is in.
  await paste(page, text);
  assert.ok((await length(page)) < text.length, "not in one task");
  await page.waitForFunction((n) => globalThis.monaco.editor.getEditors()[0].getModel().getValueLength() === n, text.length);
  assert.equal(await editorText(page), text);
  // The large document's options: no word wrap, folding or bracket-pair colours.
  const options = await page.evaluate(() => {
    const { EditorOption } = globalThis.monaco.editor;
    const ed = globalThis.monaco.editor.getEditors()[0];
    return {
      wrap: ed.getOption(EditorOption.wordWrap),
      folding: ed.getOption(EditorOption.folding),
      brackets: ed.getModel().getOptions().bracketPairColorizationOptions.enabled,
    };
  });
  assert.deepEqual(options, { wrap: "off", folding: false, brackets: false });
  // The app heard of it once it was all in, and decided it.
  const statements = (text.match(/"Sid":/g) ?? []).length;
  await page.locator(`.main-trace .policy[data-statements="${statements}"]`).waitFor({ timeout: 60_000 });
  // One undo step takes the whole paste back, and the small document's options return.
  await page.evaluate(() => globalThis.monaco.editor.getEditors()[0].trigger("test", "undo", null));
  assert.equal(await editorText(page), before);
  assert.equal(await page.evaluate(() => globalThis.monaco.editor.getEditors()[0].getOption(globalThis.monaco.editor.EditorOption.wordWrap)), "on");
  // Keys typed while the pieces go in are kept, after the pasted text (where the cursor was).
  await paste(page, text);
  await page.keyboard.type("xyz");
  await page.waitForFunction((n) => globalThis.monaco.editor.getEditors()[0].getModel().getValueLength() === n, text.length + 3);
  assert.equal(await editorText(page), `${text}xyz`);
});

test("a large document's keystrokes reach the state as edits, several cursors and characters outside ASCII included", async () => {
  const page = await t.open();
  const text = bigPolicy(400_000);
  await page.evaluate((t) => globalThis.monaco.editor.getEditors()[0].getModel().setValue(t), text);
  await page.locator(".main-trace .policy[data-statements]").waitFor({ timeout: 60_000 });
  // Two cursors, the later one first in Monaco's list of changes: one in the deciding
  // statement's action, one in a generated statement's Sid further down; then a character
  // outside ASCII (two UTF-16 units) and a deletion.
  await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    const model = ed.getModel();
    const sid = model.findMatches('"AllowSameTeamObjects"', false, false, true, null, false)[0];
    const action = model.findNextMatch('"s3:GetObject"', sid.range.getEndPosition(), false, true, null, false);
    const later = model.findMatches('"Generated00800"', false, false, true, null, false)[0];
    const at = (m) => new globalThis.monaco.Selection(m.range.startLineNumber, m.range.endColumn - 1, m.range.startLineNumber, m.range.endColumn - 1);
    ed.setSelections([at(action), at(later)]);
    ed.focus();
  });
  await page.keyboard.type("x😀");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("é");
  const want = await editorText(page);
  assert.ok(want.includes('"s3:GetObjectxé"') && want.includes('"Generated00800xé"'));
  // The decision follows (the action no longer matches), and the state holds exactly the
  // editor's text: the share link, written after a pause, carries it.
  await page.waitForFunction(() => document.querySelector(".decision-row .badge")?.dataset.decision === "implicitDeny", null, { timeout: 30_000 });
  await page.waitForFunction(() => document.documentElement.dataset.evaluatedIn === "worker");
  const link = async () => {
    const hash = await page.evaluate(() => location.hash);
    const data = new URLSearchParams(hash.replace(/^#/, "")).get("p1");
    return JSON.parse(inflateRawSync(Buffer.from(data, "base64url")).toString("utf8")).state.docs[0].text;
  };
  let shared = "";
  for (let i = 0; i < 100 && shared !== want; i++) {
    await page.waitForTimeout(200);
    shared = await link();
  }
  assert.ok(shared === want, `the state's text differs from the editor's (${shared.length} vs ${want.length} characters)`);
  // … and it got there as edits, not as copies of the whole text.
  assert.ok(Number(await page.evaluate(() => document.documentElement.dataset.editsSent)) >= 1);
});

test("completion in a large document reads the statement around the cursor", async () => {
  const page = await t.open();
  const text = bigPolicy(400_000);
  await page.evaluate((t) => globalThis.monaco.editor.getEditors()[0].getModel().setValue(t), text);
  await page.waitForFunction(() => document.documentElement.dataset.catalogParseMs);
  // Far into the document: the action list of a generated statement, then a condition key.
  const items = await page.evaluate(async () => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    const model = ed.getModel();
    const sid = model.findMatches('"Generated00700"', false, false, true, null, false)[0];
    const action = model.findNextMatch('"ec2:', sid.range.getEndPosition(), false, true, null, false);
    const key = model.findNextMatch('"aws:RequestedRegion', sid.range.getEndPosition(), false, true, null, false);
    const suggest = async (position) => {
      ed.setPosition(position);
      ed.focus();
      ed.trigger("test", "editor.action.triggerSuggest", {});
      for (let i = 0; i < 100; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const rows = [...document.querySelectorAll(".suggest-widget .monaco-list-row")].map((r) => r.getAttribute("aria-label") ?? r.textContent);
        if (rows.length) {
          ed.trigger("test", "hideSuggestWidget", {});
          return rows;
        }
      }
      return [];
    };
    const end = (m) => ({ lineNumber: m.range.startLineNumber, column: m.range.endColumn });
    return { actions: await suggest(end(action)), keys: await suggest(end(key)) };
  });
  assert.ok(items.actions.some((r) => /ec2:StartInstances/.test(r)), items.actions.join(" | "));
  assert.ok(items.keys.some((r) => /ec2:ResourceTag|aws:RequestedRegion/.test(r)), items.keys.join(" | "));
  // Each request read a window around the cursor (±16 KB to line ends), not the document.
  const read = Number(await page.evaluate(() => document.documentElement.dataset.helpTextLength));
  assert.ok(read > 0 && read < 40_000, `help read ${read} characters of ${text.length}`);
});

test("the trace of a large policy is built as it is opened", async () => {
  const page = await t.open();
  const text = bigPolicy(400_000);
  const statements = (text.match(/"Sid":/g) ?? []).length;
  await page.evaluate((t) => globalThis.monaco.editor.getEditors()[0].getModel().setValue(t), text);
  const policy = page.locator(`.main-trace .policy[data-statements="${statements}"]`);
  await policy.waitFor({ timeout: 60_000 });
  // Only the statement that applies is built, open, with its elements.
  const built = await page.locator(".main-trace .statement").count();
  assert.ok(built <= 2, `${built} statements built`);
  assert.match(await policy.locator(".statement.applies").first().textContent(), /AllowSameTeamObjects[\s\S]*Condition StringEquals/);
  // The others come from the worker, a page at a time.
  const others = policy.locator(".other-statements");
  assert.match(await others.locator("summary").textContent(), new RegExp(`${statements - 1} statements that do not apply`));
  await others.locator("summary").click();
  await page.waitForFunction(() => document.querySelectorAll(".other-statements .statement").length === 50);
  await others.getByRole("button", { name: /^Show 50 more/ }).click();
  await page.waitForFunction(() => document.querySelectorAll(".other-statements .statement").length === 100);
  // A closed statement builds its elements when opened.
  const row = others.locator(".statement").nth(3);
  assert.equal(await row.locator(".element").count(), 0);
  await row.locator("summary").click({ position: { x: 4, y: 8 } });
  await row.locator(".element").first().waitFor();
  assert.match(await row.textContent(), /Action: /);
});
