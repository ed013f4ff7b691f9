// Lessons in the World mode: the five seed tutorials run from start to end without touching the
// JSON, the answer of each step hidden until predicted; progress survives a reload; a link opens
// any step; a lesson written by hand from the README's format opens from a file and as a link.
// Screenshots go to tests/artifacts/ (run: node --test tests/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, screenshot, suite } from "./harness.mjs";

const t = suite();
const LESSONS = ["abac", "saml-session-tags", "cross-account", "mfa", "boundaries"];
const lessonFile = (id) => JSON.parse(readFileSync(join(ROOT, "lessons", `${id}.json`), "utf8"));
const HANDWRITTEN = join(ROOT, "tests", "lessons", "first-lesson.json");

async function world(page) {
  await page.click('.mode-tab[data-mode="world"]');
  await page.waitForSelector('.hop[data-hop="0"]');
}

/** Open a lesson of the playground from the Lessons section. */
async function openLesson(page, id) {
  if ((await page.getAttribute('details[data-tool="lessons"]', "open")) === null) {
    await page.click('details[data-tool="lessons"] > summary');
  }
  await page.click(`.lesson-open[data-lesson="${id}"]`);
  await page.waitForSelector('.lesson-step[data-step="1"]');
}

/** The final decisions beside the World, in order. */
function shownDecisions(page) {
  return page.$$eval(".world-results.final > .world-result", (items) => items.map((li) => li.dataset.decision));
}

/** Wait until step `n` is open and its World evaluated. */
async function atStep(page, n) {
  await page.waitForSelector(`.lesson-step[data-step="${n}"]`);
  await page.waitForSelector(".lesson-hidden, .world-results.final");
}

test("the ABAC lesson from start to end, answers hidden until predicted, without the JSON", async () => {
  const page = await t.open();
  await world(page);
  await openLesson(page, "abac");
  const lesson = lessonFile("abac");
  let right = 0;
  let predicted = 0;
  for (const [i, step] of lesson.Steps.entries()) {
    await atStep(page, i + 1);
    // Hidden: no decision, no chain, no flowchart of this step before the prediction.
    await page.waitForSelector(".lesson-hidden");
    assert.equal(await page.locator(".world-results.final").count(), 0, `step ${i + 1}: decision shown early`);
    assert.equal(await page.locator(".world-chain").count(), 0);
    assert.match(await page.textContent(".lesson-question"), new RegExp(step.Question.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    if (i === 0) await screenshot(page, "lesson-abac-question.png");
    // Predict every request: right on even steps, wrong on odd ones.
    for (const [row, answer] of step.Answers.entries()) {
      const wrong = answer.Decision === "allowed" ? "implicitDeny" : "allowed";
      const guess = i % 2 === 0 ? answer.Decision : wrong;
      await page.click(`.lesson-answer[data-row="${row}"] .predict[data-decision="${guess}"]`);
      predicted += 1;
      if (guess === answer.Decision) right += 1;
    }
    // Shown: the engine's decisions, in the lesson and beside the World, are the lesson's.
    await page.waitForSelector(".lesson-explanation");
    await page.waitForSelector(".world-results.final");
    assert.deepEqual(await shownDecisions(page), step.Answers.map((a) => a.Decision), `step ${i + 1}`);
    const verdicts = await page.$$eval(".lesson-verdict", (v) => v.map((x) => x.dataset.right));
    assert.deepEqual(verdicts, step.Answers.map(() => String(i % 2 === 0)));
    if (i === 2) await screenshot(page, "lesson-abac-answer.png");
    if (i + 1 < lesson.Steps.length) await page.click(".lesson-next");
  }
  assert.match(await page.textContent(".lesson-score"), new RegExp(`Score: ${right} of ${predicted} predictions right · ${lesson.Steps.length} of ${lesson.Steps.length} steps done`));
  await page.waitForSelector(".lesson-done");
  // Every step is marked done, and the JSON tab was never opened.
  assert.equal(await page.locator('.lesson-goto[data-done="true"]').count(), lesson.Steps.length);
  assert.equal(await page.isVisible(".world-editor"), false);
  await screenshot(page, "lesson-abac-done.png");
});

test("all five seed tutorials run as lessons: every step's decisions are the lesson's answers", async () => {
  const page = await t.open();
  await world(page);
  for (const id of LESSONS) {
    await openLesson(page, id);
    const lesson = lessonFile(id);
    for (const [i, step] of lesson.Steps.entries()) {
      await page.click(`.lesson-goto[data-step="${i + 1}"]`);
      await atStep(page, i + 1);
      await page.click(".lesson-skip");
      await page.waitForSelector(".world-results.final");
      await page.waitForFunction(
        (n) => document.querySelectorAll(".world-results.final > .world-result").length === n,
        step.Answers.length,
      );
      assert.deepEqual(await shownDecisions(page), step.Answers.map((a) => a.Decision), `${id} step ${i + 1}`);
    }
    await page.click(".lesson-panel .lesson-close");
    await page.waitForFunction(() => !document.querySelector(".lesson-panel"));
  }
});

test("progress stays in the page, and a link opens any step", async () => {
  const page = await t.open();
  await world(page);
  await openLesson(page, "mfa");
  await page.click('.lesson-answer[data-row="0"] .predict[data-decision="implicitDeny"]');
  await page.click(".lesson-next");
  await atStep(page, 2);
  assert.match(await page.evaluate(() => location.hash), /&lesson=mfa&step=2$/);
  // Reload: the lesson, the step and the earlier prediction are back.
  await page.reload();
  await page.waitForSelector('.lesson-step[data-step="2"]');
  assert.equal(await page.getAttribute('.lesson-goto[data-step="1"]', "data-done"), "true");
  // The step's own link, opened in a fresh page, opens that step.
  await page.click(".lesson-link");
  const url = await page.inputValue(".lesson-url");
  assert.match(url, /#lesson=mfa&step=2&m=world$/);
  const other = await t.current.context.newPage();
  await other.goto(url.replace(/^.*#/, `${new URL(page.url()).origin}${new URL(page.url()).pathname}#`).replace("step=2", "step=4"));
  await other.waitForSelector('.lesson-step[data-step="4"]');
  assert.match(await other.textContent(".lesson-title"), /MFA-protected API access/);
  await other.close();
});

test("a lesson written by hand from the README opens from a file, runs, and travels as a link", async () => {
  const page = await t.open();
  await world(page);
  await page.click('details[data-tool="lessons"] > summary');
  await page.setInputFiles(".lesson-file", HANDWRITTEN);
  await page.waitForSelector('.lesson-step[data-step="1"]');
  const lesson = JSON.parse(readFileSync(HANDWRITTEN, "utf8"));
  assert.equal(await page.textContent(".lesson-title"), lesson.Title);
  for (const [i, step] of lesson.Steps.entries()) {
    await atStep(page, i + 1);
    await page.click(`.lesson-answer[data-row="0"] .predict[data-decision="${step.Answers[0].Decision}"]`);
    await page.waitForSelector(".world-results.final");
    assert.deepEqual(await shownDecisions(page), [step.Answers[0].Decision]);
    if (i === 1) await screenshot(page, "lesson-handwritten.png");
    if (i + 1 < lesson.Steps.length) await page.click(".lesson-next");
  }
  assert.match(await page.textContent(".lesson-score"), /Score: 3 of 3 predictions right/);
  // As a link: the lesson itself travels in the fragment.
  await page.click(".lesson-link");
  const url = await page.inputValue(".lesson-url");
  assert.match(url, /#lesson1=[A-Za-z0-9_-]+&step=3&m=world$/);
  const other = await t.current.context.newPage();
  await other.goto(url);
  await other.waitForSelector('.lesson-step[data-step="3"]');
  assert.equal(await other.textContent(".lesson-title"), lesson.Title);
  await other.close();
  // Pasted, a broken lesson says what is wrong.
  await page.click(".lesson-panel .lesson-close");
  await page.click(".lesson-paste > summary");
  await page.fill(".lesson-text-input", JSON.stringify({ ...lesson, Steps: [{ ...lesson.Steps[0], Question: undefined }] }));
  await page.click(".lesson-paste-open");
  await page.waitForSelector(".lesson-error");
  assert.match(await page.textContent(".lesson-error"), /Steps\[0\]: `Question` is missing/);
});
