// The explanation at full depth in both modes (issue 13): the World trace is the Policies
// trace (every layer, statement and condition with the values compared, for the request and
// for each hop), the closest statements when nothing allowed a request, what would make it
// allowed (or deny it), and AWS's decision flowchart at 700 px and on a phone. Run:
// node --test tests/explain.test.mjs (after trunk build --release).
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, suite } from "./harness.mjs";

const t = suite();

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:test-access-";

async function openWorld(page) {
  await page.click('.mode-tab[data-mode="world"]');
  await page.waitForSelector('.hop[data-hop="0"]');
  await page.waitForFunction(() =>
    globalThis.monaco?.editor.getEditors().some((e) => e.getContainerDomNode().closest(".world-editor") && e.getModel()),
  );
}

/** Change the World's request (a function of the parsed World JSON), as an edit would. */
function editWorld(page, change) {
  return page.evaluate((src) => {
    const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
    const w = JSON.parse(ed.getModel().getValue());
    // eslint-disable-next-line no-new-func
    new Function("w", src)(w);
    ed.getModel().setValue(JSON.stringify(w, null, 2));
  }, change);
}

function worldSelection(page) {
  return page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
    return ed.getModel().getValueInRange(ed.getSelection());
  });
}

/** The ABAC tutorial: Arnav as access-peg-engineering reads the four secrets. */
async function abac(page) {
  await openWorld(page);
  await page.selectOption(".world-example", "abac-tutorial");
  await page.waitForFunction(() => document.querySelector(".world-results.final code")?.textContent === "secretsmanager:ListSecrets");
  await editWorld(
    page,
    `w.Request.ActionNames = ["secretsmanager:GetSecretValue"];
     w.Request.ResourceArns = ["peg-eng", "peg-qas", "uni-eng", "uni-qas"].map((s) => "${SECRET}" + s + "-AbCdEf");`,
  );
  await page.waitForFunction(() => document.querySelectorAll(".world-results.final > .world-result").length === 4);
}

test("World mode, ABAC tutorial: each denied secret shows the closest statement, the tags compared and what would allow it", async () => {
  const page = await t.open("", { viewport: { width: 1440, height: 1000 } });
  await abac(page);
  const results = page.locator(".world-results.final > .world-result");
  assert.deepEqual(
    await results.evaluateAll((rs) => rs.map((r) => r.dataset.decision)),
    ["allowed", "implicitDeny", "allowed", "implicitDeny"],
  );
  for (const i of [1, 3]) {
    const r = results.nth(i);
    if ((await r.locator(":scope > details").getAttribute("open")) === null) await r.locator(":scope > details > summary").click();
    // The closest statements: for the peg QA secret, the two tag-matching Allow statements,
    // each failing on the team tag alone (`qas` on the secret against
    // `${aws:PrincipalTag/access-team}` = `eng`); for the uni QA secret, the project and cost
    // center differ too, so ReadSecretsManagerSameTeam (one failed condition) is the closest.
    const closest = r.locator(".closest .closest-statement");
    await closest.first().waitFor();
    const text = await r.locator(".closest").textContent();
    assert.match(text, /ReadSecretsManagerSameTeam.*1 of 3 failed/s);
    if (i === 1) {
      assert.equal(await closest.count(), 2);
      assert.match(text, /AllActionsSecretsManagerSameProjectSameTeam.*1 of 9 failed/s);
    } else {
      assert.equal(await closest.count(), 1);
    }
    assert.match(text, /aws:ResourceTag\/access-team.*request has qas.*\$\{aws:PrincipalTag\/access-team\}.*\(= eng\)/s);
    // What would make it allowed: tag the secret for the team (the role's tags cannot change
    // without breaking Arnav's AssumeRole, so they are not offered).
    const whatIf = r.locator(".what-if");
    await whatIf.waitFor();
    assert.equal(await whatIf.getAttribute("data-goal"), "allow");
    const suggestion = await whatIf.locator(".suggestion").first().textContent();
    assert.match(suggestion, /^allowed if the tag access-team of resource .*(peg|uni)-qas.* were eng \(now qas; aws:ResourceTag\/access-team\)/);
    assert.doesNotMatch(await whatIf.textContent(), /of role/);
  }
  await results.nth(1).locator(":scope > details > summary").evaluate((e) => e.scrollIntoView({ block: "start" }));
  await screenshot(page, "world-abac-denied.png");
  // A failed condition of the closest statement selects its key in the World editor.
  await results.nth(1).locator(".closest .condition button.step").first().click();
  assert.equal(await worldSelection(page), '"aws:ResourceTag/access-team"');
  // The allowed ones say what would deny them.
  const first = results.nth(0);
  await first.locator(".what-if").waitFor();
  assert.equal(await first.locator(".what-if").getAttribute("data-goal"), "deny");
  assert.match(await first.locator(".what-if h3").textContent(), /What would deny it\?/);
  // The deciding statement is marked in the trace.
  const deciding = await first.locator(".world-trace li.statement.decides > details > summary").allTextContents();
  assert.equal(deciding.length, 2);
  assert.match(deciding[0], /AllActionsSecretsManagerSameProjectSameTeam.*applies and decides/);
  assert.match(deciding[1], /ReadSecretsManagerSameTeam.*applies and decides/);
  // …and highlighted in the World editor, at the statements' own words in the World text.
  const highlighted = await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
    const m = ed.getModel();
    return m
      .getAllDecorations()
      .filter((d) => d.options.className === "deciding-allow")
      .map((d) => m.getValueInRange(d.range));
  });
  assert.equal(highlighted.length, 2);
  assert.ok(highlighted.every((t) => t.startsWith("{") && t.includes('"Effect": "Allow"')), highlighted.join("\n"));
  assert.ok(highlighted.some((t) => t.includes('"ReadSecretsManagerSameTeam"')));
  // The hop's call has the same trace, at the same depth (the trust policy and Arnav's
  // access-assume-role policy with their conditions).
  const call = page.locator('.hop[data-hop="0"] .hop-calls > .world-result').first();
  await call.locator(":scope > details > summary").click();
  await call.locator(".world-trace li.layer").first().waitFor();
  assert.ok((await call.locator(".world-trace li.condition").count()) >= 3);
  assert.match(await call.locator(".world-trace").textContent(), /iam:ResourceTag\/access-project.*request has peg/s);
  await call.locator(":scope > details > summary").evaluate((e) => e.scrollIntoView({ block: "start" }));
  await screenshot(page, "world-abac-hop-trace.png");
});

test("World mode, ABAC tutorial: Mary cannot switch to access-peg-engineering, and the failed hop says why", async () => {
  const page = await t.open();
  await abac(page);
  await editWorld(
    page,
    `w.Request.Principal = "arn:aws:iam::111122223333:user/access-Mary-peg-qas";
     w.Request.ResourceArns = ["${SECRET}peg-eng-AbCdEf"];`,
  );
  await page.waitForSelector('.hop[data-hop="0"][data-decision="implicitDeny"]');
  const r = page.locator(".world-results.final > .world-result").first();
  await r.locator(".what-if .suggestion").first().waitFor();
  // One tag decides: Mary's team (qas) against the role's (eng), on either side.
  const suggestions = await r.locator(".what-if .suggestion").allTextContents();
  assert.ok(suggestions.some((s) => /tag access-team of user arn:aws:iam::111122223333:user\/access-Mary-peg-qas were eng/.test(s)), suggestions.join("\n"));
  // The hop's call is open and shows the closest statement of Mary's policy.
  const call = page.locator('.hop[data-hop="0"] .hop-calls > .world-result').first();
  assert.match(await call.locator(".closest").textContent(), /TutorialAssumeRole.*iam:ResourceTag\/access-team.*request has eng/s);
  await screenshot(page, "world-abac-mary-hop.png");
});

test("Policies mode: closest statement, what would make it allowed, and missing keys only when needed", async () => {
  const page = await t.open();
  // The example: GetObject is allowed, DeleteObject is not (no statement names it).
  await page.locator(".decision-row").nth(1).click();
  await page.locator(".result .closest").waitFor();
  assert.match(await page.locator(".result .closest").textContent(), /Action: no listed action matches s3:DeleteObject/);
  assert.match(
    await page.locator(".result .what-if").textContent(),
    /no context change allows this: no Allow statement in the Identity-based policies matches the request's Action/,
  );
  // GetObject: what would deny it names the conditions' keys, checked by the engine.
  await page.locator(".decision-row").nth(0).click();
  await page.waitForSelector('.result .what-if[data-goal="deny"] .suggestion');
  assert.match(await page.locator(".result .what-if").textContent(), /denied if .*aws:ResourceTag\/team/);
  // The step chips name what was checked.
  assert.equal(await page.locator('.main-trace .steps li[data-rule="explicit-deny"] .rule').textContent(), "Deny statements");
  await screenshot(page, "policies-what-if.png");
});

/** The flowchart of DeleteObject (implicitly denied) at `width` px, checked and photographed. */
async function flowchartAt(width, name) {
  const page = await t.open("", { viewport: { width, height: 900 } });
  await page.locator('details[data-tool="flowchart"] > summary').click();
  await page.locator(".decision-row").nth(1).click();
  await page.waitForFunction(() => document.querySelectorAll(".flow-node")[4]?.dataset.status === "no");
  // The nodes come in the trace's layer order, after the deny evaluation.
  const nodes = await page.$$eval(".flow-node", (n) => n.map((g) => g.dataset.kind));
  const layers = await page.$$eval(".main-trace ol.layers > li.layer", (l) => l.map((x) => x.dataset.kind));
  assert.deepEqual(nodes, ["Deny", ...layers]);
  assert.deepEqual(await page.$$eval(".flow-end.lit", (n) => n.map((g) => g.dataset.end)), ["Implicit deny"]);
  // Readable: the chart fits the width, its words are at least 10 px high.
  const box = await page.locator(".flowchart").boundingBox();
  assert.ok(box.width <= width, `${box.width} <= ${width}`);
  const textHeight = await page.$eval(".flow-node text", (e) => e.getBoundingClientRect().height);
  assert.ok(textHeight >= 10, `text ${textHeight}px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll (${overflow}px)`);
  await page.locator(".flowchart").scrollIntoViewIfNeeded();
  await screenshot(page, name);
}

test("the decision flowchart: AWS's diagram in the trace's order, readable at 700 px", async () => {
  await flowchartAt(700, "flowchart-700.png");
});

test("the decision flowchart on a phone (375 px)", async () => {
  await flowchartAt(375, "flowchart-phone.png");
});
