// Editing a World without touching its JSON, as a teacher would on the ABAC tutorial: the
// request builder (one click per caller, the chain, action and resource), the World form, both
// in step with the JSON, and the World's tools (effective permissions, comparison, exercise,
// flowchart). Screenshots go to tests/artifacts/ (run: node --test tests/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, suite } from "./harness.mjs";

const t = suite();
const ACCOUNT = "arn:aws:iam::111122223333";
const user = (name) => `${ACCOUNT}:user/${name}`;
const role = (name) => `${ACCOUNT}:role/${name}`;
const SECRET = (s) => `arn:aws:secretsmanager:us-east-1:111122223333:secret:test-access-${s}-AbCdEf`;

/** The World mode with the ABAC tutorial's World loaded from the picker. */
async function abac() {
  const page = await t.open();
  await page.click('.mode-tab[data-mode="world"]');
  await page.waitForSelector('.hop[data-hop="0"]');
  await page.selectOption(".world-example", "abac-tutorial");
  await page.waitForSelector(`.who-chip[data-principal="${user("access-Arnav-peg-eng")}"][aria-pressed="true"]`);
  await page.waitForFunction(() =>
    globalThis.monaco?.editor.getEditors().some((e) => e.getContainerDomNode().closest(".world-editor") && e.getModel()),
  );
  return page;
}

function worldText(page) {
  return page.evaluate(() =>
    globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor")).getModel().getValue(),
  );
}

function setWorldText(page, text) {
  return page.evaluate((v) => {
    const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
    ed.getModel().setValue(v);
  }, text);
}

/** The final decisions shown, as [action, resource, decision]. */
function finals(page) {
  return page.$$eval(".world-results.final > .world-result", (items) =>
    items.map((li) => [li.querySelector("summary code").textContent, li.querySelector("summary code.resource").textContent, li.dataset.decision]),
  );
}

/** Click a caller and wait until the first hop is decided for them. */
async function callAs(page, arn) {
  await page.click(`.who-chip[data-principal="${arn}"]`);
  await page.waitForSelector(`.who-chip[data-principal="${arn}"][aria-pressed="true"]`);
  await page.waitForFunction(
    (a) => document.querySelector(".world-chain-pane .start code")?.textContent === a,
    arn,
  );
}

const hopDecision = (page) => page.getAttribute('.hop[data-hop="0"]', "data-decision");

test("request builder: Arnav, Mary and Saanvi in one click each; the JSON follows line for line", async () => {
  const page = await abac();
  const before = await worldText(page);
  assert.equal(await hopDecision(page), "allowed");
  assert.deepEqual(await finals(page), [["secretsmanager:ListSecrets", "*", "allowed"]]);

  // Mary (qas) cannot assume the engineers' role: the hop and the request are denied.
  await callAs(page, user("access-Mary-peg-qas"));
  assert.equal(await hopDecision(page), "implicitDeny");
  assert.deepEqual(await finals(page), [["secretsmanager:ListSecrets", "*", "implicitDeny"]]);
  const afterMary = await worldText(page);
  const changed = before.split("\n").filter((l, i) => l !== afterMary.split("\n")[i]);
  assert.deepEqual(changed, [`    "Principal": "${user("access-Arnav-peg-eng")}",`], "one line changed, the rest as it was");
  await screenshot(page, "world-builder-mary.png");

  // Saanvi (uni) neither — until the hop names her project's role.
  await callAs(page, user("access-Saanvi-uni-eng"));
  assert.equal(await hopDecision(page), "implicitDeny");
  await page.selectOption('.hop-edit[data-hop="0"] [data-field="role"] select', role("access-uni-engineering"));
  await page.waitForSelector('.hop[data-hop="0"][data-decision="allowed"]');
  assert.match(await worldText(page), /"RoleArn": "arn:aws:iam::111122223333:role\/access-uni-engineering"/);

  // Back to Arnav: his tags do not match access-uni-engineering.
  await callAs(page, user("access-Arnav-peg-eng"));
  assert.equal(await hopDecision(page), "implicitDeny");
  await page.selectOption('.hop-edit[data-hop="0"] [data-field="role"] select', role("access-peg-engineering"));
  await page.waitForSelector('.hop[data-hop="0"][data-decision="allowed"]');

  // Action and resource from the pickers: Arnav reads the QA team's secret — denied, his own — allowed.
  const action = page.locator('[data-field="actions"] input').first();
  await action.fill("secretsmanager:DescribeSecret");
  await action.press("Enter");
  const resource = page.locator('[data-field="resources"] input').first();
  await resource.fill(SECRET("peg-qas"));
  await resource.press("Enter");
  await page.waitForFunction(() => document.querySelector(".world-results.final code.resource")?.textContent.includes("peg-qas"));
  assert.deepEqual(await finals(page), [["secretsmanager:DescribeSecret", SECRET("peg-qas"), "implicitDeny"]]);
  // The pickers offer the World's secrets and the catalog's actions.
  const offered = await page.$$eval("#world-resources option", (o) => o.map((x) => x.value));
  assert.ok(offered.includes(SECRET("peg-eng")), "the World's secrets are offered");
  const actions = await page.$$eval("#world-actions option", (o) => o.map((x) => x.value));
  assert.ok(actions.includes("sts:AssumeRole") && actions.includes("secretsmanager:GetSecretValue"));
  await resource.fill(SECRET("peg-eng"));
  await resource.press("Enter");
  await page.waitForFunction(() => document.querySelector(".world-results.final code.resource")?.textContent.includes("peg-eng"));
  assert.deepEqual(await finals(page), [["secretsmanager:DescribeSecret", SECRET("peg-eng"), "allowed"]]);
  await screenshot(page, "world-builder-arnav-secret.png");
});

test("request builder: hops of each kind are added and removed, with session tags and MFA", async () => {
  const page = await abac();
  await page.selectOption(".hop-api", "GetSessionToken");
  await page.click(".add-hop");
  await page.waitForSelector('.hop-edit[data-hop="1"][data-api="GetSessionToken"]');
  // A role session cannot call GetSessionToken: the second hop fails.
  await page.waitForSelector('.hop[data-hop="1"]:not([data-decision="allowed"])');
  assert.match(await worldText(page), /"Api": "GetSessionToken"/);
  await page.click('.hop-edit[data-hop="1"] .hop-edit-head .remove');
  await page.waitForFunction(() => !document.querySelector('.hop-edit[data-hop="1"]'));
  // Session tags on the first hop land in the JSON as an object.
  const tags = page.locator('.hop-edit[data-hop="0"] [data-field="session-tags"]');
  await tags.locator("button.add").click();
  await tags.locator("input.key").fill("access-team");
  await tags.locator("input.value").fill("eng");
  await tags.locator("input.value").press("Enter");
  await page.waitForFunction(() =>
    globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor")).getModel().getValue().includes('"Tags": {'),
  );
  const json = JSON.parse(await worldText(page));
  assert.deepEqual(json.Request.AssumeRoleChain[0].Tags, { "access-team": "eng" });
  // The trust policy does not allow sts:TagSession: passing tags fails the hop.
  await page.waitForSelector('.hop[data-hop="0"]:not([data-decision="allowed"])');
  await page.check('.hop-edit[data-hop="0"] [data-field="hop-mfa"] input');
  await page.waitForFunction(() => JSON.parse(
    globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor")).getModel().getValue(),
  ).Request.AssumeRoleChain[0].Mfa === true);
  await page.click('.hop-edit[data-hop="0"] .hop-edit-head .remove');
  await page.waitForSelector(".world-chain-edit p.muted");
  assert.equal(JSON.parse(await worldText(page)).Request.AssumeRoleChain, undefined);
});

const worldJson = async (page) => JSON.parse(await worldText(page));

test("request builder: through a VPC endpoint (default, then a narrowed endpoint policy); a KMS key's manager in the form", async () => {
  const page = await abac();
  assert.deepEqual(await finals(page), [["secretsmanager:ListSecrets", "*", "allowed"]]);
  const endpoint = page.locator('[data-field="endpoint"]');
  await endpoint.locator(':scope > label input[type="checkbox"]').check();
  await endpoint.locator('[data-field="endpoint-id"] input').waitFor();
  let json = await worldJson(page);
  assert.deepEqual(json.Request.ViaVpcEndpoint, { Id: "vpce-1a2b3c4d", VpcId: "vpc-111bbb22" });
  // No endpoint policy is AWS's default one, which allows everything (SPEC §12.7): same decision.
  assert.match(await endpoint.textContent(), /AWS's default one, which allows everything/);
  assert.deepEqual(await finals(page), [["secretsmanager:ListSecrets", "*", "allowed"]]);
  await endpoint.locator('[data-field="endpoint-id"] input').fill("vpce-0example");
  await endpoint.locator('[data-field="endpoint-id"] input').press("Enter");
  await endpoint.locator("button.add").click();
  const text = endpoint.locator("textarea.policy-text");
  await endpoint.locator("details.policy-field").waitFor();
  json = await worldJson(page);
  assert.equal(json.Request.ViaVpcEndpoint.Id, "vpce-0example");
  assert.deepEqual(json.Request.ViaVpcEndpoint.Policy.Statement[0], { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" });
  // An endpoint policy that allows only S3 leaves Secrets Manager without an allow through it.
  await endpoint.locator("details.policy-field > summary").click();
  await text.fill('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}');
  await text.blur();
  await page.waitForFunction(() => document.querySelector(".world-results.final > .world-result")?.dataset.decision !== "allowed");
  assert.equal((await worldJson(page)).Request.ViaVpcEndpoint.Policy.Statement[0].Action, "s3:*");
  await screenshot(page, "world-builder-endpoint.png");
  await endpoint.locator(':scope > label input[type="checkbox"]').uncheck();
  await page.waitForFunction(() => document.querySelector(".world-results.final > .world-result")?.dataset.decision === "allowed");
  assert.equal((await worldJson(page)).Request.ViaVpcEndpoint, undefined);

  // A resource whose ARN is a KMS key gets a "Key manager" choice, written as `KeyManager`.
  await page.click('.world-pane-tab[data-pane="world"]');
  await page.click('.world-section[data-section="resources"] > summary');
  await page.fill('.add-entity[data-kind="Resources"] input', "team-key");
  await page.click('.add-entity[data-kind="Resources"] button');
  const card = page.locator('.world-entity[data-arn="arn:aws:s3:::team-key"]');
  await card.locator(":scope > summary").click();
  assert.equal(await card.locator('[data-field="key-manager"]').count(), 0, "not for an S3 bucket");
  const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  await card.locator('[data-field="arn"] input').fill(keyArn);
  await card.locator('[data-field="arn"] input').press("Enter");
  const key = page.locator(`.world-entity[data-arn="${keyArn}"]`);
  if ((await key.getAttribute("open")) === null) await key.locator(":scope > summary").click();
  await key.locator('[data-field="key-manager"] select').selectOption("AWS");
  await page.waitForFunction(() => /"KeyManager": "AWS"/.test(
    globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor")).getModel().getValue(),
  ));
  const resources = (await worldJson(page)).World.Resources;
  assert.deepEqual(resources.at(-1), { Arn: keyArn, Account: "111122223333", KeyManager: "AWS" });
});

test("World form: a tag edited in the form changes the decision and the JSON; broken JSON makes the form wait", async () => {
  const page = await abac();
  await callAs(page, user("access-Mary-peg-qas"));
  assert.equal(await hopDecision(page), "implicitDeny");
  await page.click('.world-pane-tab[data-pane="world"]');
  await page.click('.world-section[data-section="users"] > summary');
  const mary = page.locator(`.world-entity[data-arn="${user("access-Mary-peg-qas")}"]`);
  await mary.locator(":scope > summary").click();
  const team = mary.locator('[data-field="tags"] .world-tag').nth(1);
  assert.equal(await team.locator("input.key").inputValue(), "access-team");
  await team.locator("input.value").fill("eng");
  await team.locator("input.value").press("Enter");
  // Mary's tags now match the engineers' role.
  await page.waitForSelector('.hop[data-hop="0"][data-decision="allowed"]');
  const json = JSON.parse(await worldText(page));
  assert.equal(json.World.Users[1].Tags["access-team"], "eng");
  // The card stays open across the re-rendering.
  assert.equal(await mary.getAttribute("open"), "");
  await screenshot(page, "world-form.png");

  // A role added from the form is a World role with a trust policy.
  await page.click('.world-section[data-section="roles"] > summary');
  await page.fill('.add-entity[data-kind="Roles"] input', "access-new-role");
  await page.click('.add-entity[data-kind="Roles"] button');
  await page.waitForSelector(`.world-entity[data-arn="${role("access-new-role")}"]`);
  assert.equal(JSON.parse(await worldText(page)).World.Roles[5].TrustPolicy.Statement[0].Principal.AWS, `${ACCOUNT}:root`);

  // Broken JSON: the form and the builder wait (disabled); nothing overwrites the text.
  const broken = (await worldText(page)).replace('"World": {', '"World": {,');
  await setWorldText(page, broken);
  await page.waitForSelector(".form-waits");
  assert.notEqual(await page.getAttribute("fieldset.world-edit", "disabled"), null);
  await page.click('.world-pane-tab[data-pane="request"]');
  assert.equal(await page.locator(".who-chip").first().isDisabled(), true);
  assert.equal(await worldText(page), broken);
  await screenshot(page, "world-form-waits.png");
  await setWorldText(page, broken.replace('"World": {,', '"World": {'));
  await page.waitForFunction(() => !document.querySelector(".form-waits"));
  assert.equal(await page.locator(".who-chip").first().isDisabled(), false);
});

test("World tools: effective permissions after the chain, comparison with another caller, exercise and flowchart", async () => {
  const page = await abac();
  // Effective permissions: what can Arnav do after assuming access-peg-engineering?
  await page.click('details[data-tool="world-sweep"] > summary');
  await page.waitForSelector('details[data-tool="world-sweep"] .sweep-summary');
  await page.selectOption('details[data-tool="world-sweep"] .sweep-resources', "named");
  await page.waitForFunction(() =>
    document.querySelector('details[data-tool="world-sweep"] .sweep-named')?.textContent.includes("test-access-peg-eng"),
  );
  await page.fill('details[data-tool="world-sweep"] .sweep-filter', "secretsmanager:UpdateSecret");
  await page.click('details[data-tool="world-sweep"] .sweep-service[data-service="secretsmanager"] > summary');
  const row = page.locator('details[data-tool="world-sweep"] .sweep-action[data-action="secretsmanager:UpdateSecret"]');
  await row.waitFor();
  assert.match(await row.textContent(), /test-access-peg-eng/);
  // Its trace is the one trace view, with the World's policy names; a statement that applies
  // selects its words in the World JSON.
  await row.locator("button.sweep-action-button").click();
  // The request's resource (`*`) first, then the secret it is allowed on: open that one.
  const onSecret = row.locator("details.sweep-trace").last();
  await onSecret.waitFor();
  assert.match(await onSecret.locator("summary").first().textContent(), /test-access-peg-eng/);
  if ((await onSecret.getAttribute("open")) === null) await onSecret.locator("summary").first().click();
  // A statement's summary only opens it; its first line selects its words.
  const step = onSecret.locator("li.statement.applies > details button.select-statement").first();
  await step.waitFor();
  assert.match(await onSecret.textContent(), /role access-peg-engineering/);
  await screenshot(page, "world-sweep.png");
  await step.click();
  await page.waitForSelector('.world-pane[data-pane="json"]:not([style*="none"])');
  const selected = await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
    return ed.getModel().getValueInRange(ed.getSelection());
  });
  assert.match(selected, /"Effect"\s*:\s*"Allow"/);
  await page.click('.world-pane-tab[data-pane="request"]');
  await page.click('details[data-tool="world-sweep"] > summary');

  // Compare: the same request made by Mary.
  await page.click('details[data-tool="world-compare"] > summary');
  await page.selectOption(".world-compare-caller", user("access-Mary-peg-qas"));
  await page.waitForSelector(".world-compare .compare-summary");
  const n = Number(await page.getAttribute(".world-compare .compare-summary", "data-differences"));
  assert.ok(n > 0);
  assert.match(await page.textContent(".world-compare .compare-summary"), /allowed only for A/);
  // Why B is denied everything: Mary's chain stops at the hop.
  assert.match(await page.textContent(".world-chain-stops"), /^B \(access-Mary-peg-qas\): the chain stops \(hop 0 \(AssumeRole\) failed/);
  assert.ok((await page.locator(".world-difference").count()) > 0);
  await screenshot(page, "world-compare.png");
  await page.click('details[data-tool="world-compare"] > summary');

  // Exercise: record the current decision, then break it.
  await page.click('details[data-tool="world-exercise"] > summary');
  await page.click(".world-record");
  await page.waitForSelector('.world-expect[data-pass="true"]');
  assert.match(await worldText(page), /"Expected": \[/);
  await callAs(page, user("access-Mary-peg-qas"));
  await page.waitForSelector('.world-expect[data-pass="false"]');

  // Flowchart: the failed hop's path.
  await page.click('details[data-tool="world-flowchart"] > summary');
  await page.waitForSelector(".world-flow .flow-node");
  assert.match(await page.textContent(".world-flow-of"), /hop 1/);
  // AWS's diagram (the Policies mode's): the hop's path ends lit at an implicit deny.
  assert.equal(await page.getAttribute(".world-flow .flow-end.lit", "data-end"), "Implicit deny");
  await screenshot(page, "world-tools.png");
});
