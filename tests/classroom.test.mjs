// Exercise mode for classrooms (issue 13): answers hidden until predicted, per-request
// predictions with a score, a teacher view that reveals, in the Policies and the World mode.
// Run: node --test tests/classroom.test.mjs (after trunk build --release).
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, suite } from "./harness.mjs";

const t = suite();

/** Open a tool of the tools bar (a link may have opened it already). */
async function tool(page, name) {
  const details = page.locator(`details[data-tool="${name}"]`);
  if ((await details.getAttribute("open")) === null) await details.locator(":scope > summary").click();
}

function badges(page) {
  return page.$$eval(".decision-row .badge", (b) => b.map((x) => x.dataset.decision));
}

test("a teacher hides the answers and shares the link; a learner predicts, sees each answer and a score", async () => {
  // The teacher: expectations from the current decisions, answers hidden, the link.
  const teacher = await t.open();
  await tool(teacher, "exercise");
  await teacher.click(".expect-current");
  await teacher.waitForSelector('.exercise-summary[data-all-green="true"]');
  await teacher.check(".exercise .hide-answers");
  await teacher.waitForFunction(() => document.querySelector(".decision-row .badge")?.dataset.decision === "hidden");
  // The expected decisions are answers too: hidden until the teacher view is on.
  await teacher.waitForSelector(".answers-hidden");
  await teacher.check(".exercise .teacher-view");
  await teacher.waitForSelector(".check");
  assert.deepEqual(await badges(teacher), ["allowed", "implicitDeny"]);
  const hash = await teacher.evaluate(() => location.hash);

  // The learner opens the link: no decision, no trace, no highlight; a question instead.
  const page = await t.open(hash);
  await page.waitForSelector(".predict-card");
  assert.deepEqual(await badges(page), ["hidden", "hidden"]);
  assert.equal(await page.locator(".main-trace").count(), 0);
  assert.equal(await page.locator(".result .what-if").count(), 0);
  assert.equal(await page.locator(".teacher-view:checked").count(), 0, "the teacher view is not in the link");
  await page.waitForFunction(() => globalThis.monaco?.editor.getEditors()[0]?.getModel());
  assert.equal(await page.locator(".monaco-editor .deciding-allow").count(), 0, "the deciding statement is not highlighted");
  await tool(page, "flowchart");
  assert.match(await page.locator(".flow").textContent(), /Predict the decision first/);
  await screenshot(page, "classroom-predict.png");

  // A wrong prediction: the answer and its explanation show, marked wrong.
  await page.click('.predict-card .predict[data-decision="implicitDeny"]');
  await page.waitForSelector('.prediction[data-right="false"]');
  assert.equal(await page.textContent(".prediction"), "✗ You predicted Implicit deny; it is Allowed.");
  await page.locator(".main-trace .layers").waitFor();
  assert.deepEqual(await badges(page), ["allowed", "hidden"]);
  // The second request, predicted right.
  await page.locator(".decision-row").nth(1).click();
  await page.click('.predict-card .predict[data-decision="implicitDeny"]');
  await page.waitForSelector('.prediction[data-right="true"]');
  await tool(page, "exercise");
  const score = page.locator(".exercise .exercise-score");
  assert.match(await score.textContent(), /Predictions: 1 of 2 right/);
  assert.equal(await score.getAttribute("data-right"), "1");
  // The learner does not see the teacher's expectations.
  assert.equal(await page.locator(".exercise .check").count(), 0);
  await score.scrollIntoViewIfNeeded();
  await screenshot(page, "classroom-score.png");
  // Clear the predictions: the questions come back; the teacher view reveals everything.
  await page.click(".exercise .clear-predictions");
  await page.waitForFunction(() => [...document.querySelectorAll(".decision-row .badge")].every((b) => b.dataset.decision === "hidden"));
  await page.check(".exercise .teacher-view");
  await page.waitForFunction(() => document.querySelector(".decision-row .badge")?.dataset.decision === "allowed");
  assert.equal(await page.locator(".exercise .check").count(), 2);
});

test("the World mode hides its answers too: the request, its hops and their traces, until predicted", async () => {
  const page = await t.open();
  await page.click('.mode-tab[data-mode="world"]');
  await page.waitForSelector('.hop[data-hop="0"]');
  await page.waitForFunction(() =>
    globalThis.monaco?.editor.getEditors().some((e) => e.getContainerDomNode().closest(".world-editor") && e.getModel()),
  );
  await page.locator(".world-classroom > summary").click();
  await page.check(".world-classroom .hide-answers");
  const finals = page.locator(".world-results.final > .world-result");
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".world-results.final > .world-result summary .badge")].every((b) => b.dataset.decision === "hidden"),
  );
  // The chain would give the answer away: hidden too.
  assert.equal(await page.locator('.hop[data-hop="0"] .hop-head .badge').getAttribute("data-decision"), "hidden");
  assert.equal(await page.locator(".hop .session-arn").count(), 0);
  assert.equal(await page.locator(".world-trace").count(), 0);
  const highlights = () =>
    page.evaluate(() => {
      const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
      return ed.getModel().getAllDecorations().filter((d) => d.options.className?.startsWith("deciding")).length;
    });
  assert.equal(await highlights(), 0, "no deciding statement highlighted before the prediction");
  await finals.first().locator(".predict-card").waitFor();
  await screenshot(page, "classroom-world.png");
  // Predict the first request (PutObject, allowed): it shows; the chain waits for the second.
  await finals.first().locator('.predict[data-decision="allowed"]').click();
  await finals.first().locator('.prediction[data-right="true"]').waitFor();
  await finals.first().locator(".world-trace .layers").waitFor();
  await page.waitForFunction(() => {
    const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
    return ed.getModel().getAllDecorations().some((d) => d.options.className === "deciding-allow");
  });
  assert.equal(await page.locator('.hop[data-hop="0"] .hop-head .badge').getAttribute("data-decision"), "hidden");
  await finals.nth(1).locator(":scope > details > summary").click();
  await finals.nth(1).locator('.predict[data-decision="explicitDeny"]').click();
  await finals.nth(1).locator('.prediction[data-right="false"]').waitFor();
  assert.match(await page.locator(".world-classroom .exercise-score").textContent(), /1 of 2 right/);
  await page.waitForSelector('.hop[data-hop="0"] .hop-head .badge[data-decision="allowed"]');
  // The switch travels in the link with the mode.
  assert.match(await page.evaluate(() => location.hash), /m=world/);
});
