// The World mode (a small AWS world and an STS chain, simulated with simulate_world) and the
// Password policy mode, in headless Chromium (run: node --test tests/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, suite } from "./harness.mjs";

const t = suite();
const open = t.open;

async function openWorld(page) {
  await page.click('.mode-tab[data-mode="world"]');
  await page.waitForSelector('.hop[data-hop="0"]');
  // These tests are about the JSON editor (the request builder is the first tab).
  await page.click('.world-pane-tab[data-pane="json"]');
  await page.waitForFunction(() =>
    globalThis.monaco?.editor.getEditors().some((e) => e.getContainerDomNode().closest(".world-editor") && e.getModel()),
  );
}

/** Replace the World editor's text (as a paste would). */
function setWorldText(page, text) {
  return page.evaluate((t) => {
    const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
    ed.getModel().setValue(t);
  }, text);
}

function worldText(page) {
  return page.evaluate(() =>
    globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor")).getModel().getValue(),
  );
}

function finals(page) {
  return page.$$eval(".world-results.final > .world-result", (items) =>
    items.map((li) => [li.querySelector("summary code").textContent, li.dataset.decision]),
  );
}

test("world mode: the cross-account chain, its hop, summary and final decisions", async () => {
  const page = await open();
  await openWorld(page);
  // The policy editor is still the first editor; the World editor is another one.
  assert.equal(await page.isVisible(".layout"), false);
  const hop = page.locator('.hop[data-hop="0"]');
  assert.equal(await hop.getAttribute("data-decision"), "allowed");
  assert.match(await hop.locator(".session-arn").textContent(), /^arn:aws:sts::999999999999:assumed-role\/UpdateApp\/david$/);
  assert.deepEqual(await finals(page), [
    ["s3:PutObject", "allowed"],
    ["s3:DeleteBucket", "implicitDeny"],
  ]);
  // The final decision's trace is shown.
  assert.ok((await page.locator(".world-results.final .world-trace .steps li").count()) > 0);
  // Summary: organization tree, user with group, role with whom it trusts, resource with tags.
  const tree = page.locator(".world-tree");
  assert.match(await tree.locator(".world-org").textContent(), /o-exampleorgid/);
  assert.match(await tree.locator(".world-user").textContent(), /David.*Developers/s);
  assert.match(await tree.locator(".world-role").textContent(), /UpdateApp.*trusts.*AWS: arn:aws:iam::111111111111:root/s);
  assert.match(await tree.locator(".world-resource").textContent(), /productionapp.*env=prod/s);
  await screenshot(page, "world-mode.png");

  // Break the trust policy: the hop is denied, the request with it.
  const text = await worldText(page);
  await setWorldText(page, text.replace('"AWS": "arn:aws:iam::111111111111:root"', '"AWS": "arn:aws:iam::222222222222:root"'));
  await page.waitForSelector('.hop[data-hop="0"]:not([data-decision="allowed"])');
  assert.match(await page.locator('.hop[data-hop="0"] .reason').textContent(), /\S/);
  for (const [, d] of await finals(page)) assert.notEqual(d, "allowed");
  assert.equal(await page.locator(".hop .session-arn").count(), 0);

  // Back to the Policies mode: the playground is as it was.
  await page.click('.mode-tab[data-mode="policies"]');
  assert.equal(await page.isVisible(".layout"), true);
});

test("world mode: parse errors show line:column and the last good result stays", async () => {
  const page = await open();
  await openWorld(page);
  await setWorldText(page, '{\n  "World": {},\n  "Request": {"Principal": }\n}');
  await page.waitForSelector(".world-problems li.error");
  assert.match(await page.locator(".world-problems li.error .at").first().textContent(), /^3:\d+$/);
  await page.waitForSelector(".world-result-pane .stale-note");
  assert.ok((await page.locator(".hop").count()) > 0);
});

test("world mode: user text stays text", async () => {
  const page = await open();
  await openWorld(page);
  const text = await worldText(page);
  await setWorldText(page, text.replace('"env": "prod"', '"env": "<img src=x id=injected>"'));
  await page.waitForFunction(() => document.querySelector(".world-resource")?.textContent.includes("<img"));
  assert.equal(await page.locator("#injected").count(), 0);
});

test("password mode: a short password fails the length rule; nothing is stored", async () => {
  const page = await open();
  await page.click('.mode-tab[data-mode="password"]');
  const secret = "Ab1!x";
  await page.fill(".pw-candidate", secret);
  assert.equal(await page.getAttribute(".pw-candidate", "type"), "password");
  await page.waitForSelector('.pw-rules li[data-rule="length"][data-passed="false"]');
  assert.equal(await page.getAttribute('.pw-rules li[data-rule="symbols"]', "data-passed"), "true");
  assert.match(await page.locator(".pw-verdict").textContent(), /does not meet/);
  await page.fill(".pw-candidate", "Correct-Horse-7-Battery");
  await page.waitForSelector('.pw-rules li[data-rule="length"][data-passed="true"]');
  assert.match(await page.locator(".pw-verdict").textContent(), /meets the policy/);
  // Raise the minimum length: the same password now fails.
  await page.fill('input[data-field="minimum-length"]', "30");
  await page.waitForSelector('.pw-rules li[data-rule="length"][data-passed="false"]');
  const leaks = await page.evaluate(
    (s) => [location.href, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })].filter((t) => t.includes(s)),
    "Correct-Horse",
  );
  assert.deepEqual(leaks, []);
  assert.ok(!t.current.record.requests.some((u) => u.includes("Correct-Horse") || u.includes(secret)));
  await screenshot(page, "password-mode.png");
});

test("world mode: the example picker loads a two-hop role chain", async () => {
  const page = await open();
  await openWorld(page);
  await page.selectOption(".world-example", "role-chaining");
  await page.waitForSelector('.hop[data-hop="1"]');
  assert.deepEqual(
    await page.$$eval(".world-chain > .hop", (hops) => hops.map((h) => h.dataset.decision)),
    ["allowed", "allowed"],
  );
  assert.match(await worldText(page), /RoleB/);
});

test("world mode: the World JSON schema completes field names", async () => {
  const page = await open();
  await openWorld(page);
  await setWorldText(page, '{\n  "World": {},\n  "Request": {\n    \n  }\n}');
  await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
    ed.setPosition({ lineNumber: 4, column: 5 });
    ed.focus();
    ed.trigger("test", "editor.action.triggerSuggest", {});
  });
  const row = page.locator(".world-editor .suggest-widget.visible .monaco-list-row", { hasText: "AssumeRoleChain" });
  await row.first().waitFor({ timeout: 15_000 });
  await screenshot(page, "world-completion.png");
});

test("world mode: the World and the mode travel in the URL, so a reload or a shared link restores them", async () => {
  const page = await open();
  await openWorld(page);
  assert.match(await page.evaluate(() => location.hash), /&m=world$/);
  const edited = (await worldText(page)).replace('"david"', '"erin"');
  assert.notEqual(edited, await worldText(page));
  await setWorldText(page, edited);
  await page.waitForFunction(() => document.querySelector('.hop[data-hop="0"] .session-arn')?.textContent.endsWith("/erin"));
  // Reloading (as opening the link would) comes back in World mode with the edited World.
  await page.reload();
  const again = page;
  await again.waitForSelector('.hop[data-hop="0"]');
  assert.equal(await again.isVisible(".layout"), false);
  await again.waitForFunction(() =>
    globalThis.monaco?.editor.getEditors().some((e) => e.getContainerDomNode().closest(".world-editor") && e.getModel()),
  );
  assert.equal(await worldText(again), edited);
  assert.match(await again.locator('.hop[data-hop="0"] .session-arn').textContent(), /\/erin$/);
  // Back to Policies: the mode leaves the URL, the World stays in the state.
  await again.click('.mode-tab[data-mode="policies"]');
  await again.waitForFunction(() => !location.hash.includes("m=world"));
});

test("world mode: a statement in a trace selects its text in the World editor", async () => {
  const page = await open();
  await openWorld(page);
  // The trace is the Policies mode's: a statement that applies is open, its first line
  // selects its words (the summary only opens and closes it).
  const statement = page
    .locator(".world-results.final > .world-result")
    .first()
    .locator(".world-trace li.statement.applies")
    .first();
  const label = await statement.locator("> details > summary").textContent();
  assert.match(label, /Statement \d+.*\((Allow|Deny)\)/);
  await statement.locator("button.select-statement").first().click();
  const selected = await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors().find((e) => e.getContainerDomNode().closest(".world-editor"));
    return ed.getModel().getValueInRange(ed.getSelection());
  });
  assert.match(selected, /^\{/);
  assert.match(selected, /"Effect"\s*:\s*"(Allow|Deny)"/);
  const sid = /Statement \d+ (\S+) \(/.exec(label)?.[1];
  if (sid) assert.ok(selected.includes(`"${sid}"`), selected);
});
