// Share links, gallery, exercise mode, AWS CLI import/export, saved scenarios and the decision
// flowchart, in headless Chromium (run: node --test tests/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { decisions, openPage, ready, screenshot, suite } from "./harness.mjs";

const t = suite();
const open = t.open;

/** The envelope a `#p1=` fragment holds (format documented in src/share.rs). */
export function readLink(hash) {
  const data = new URLSearchParams(hash.replace(/^#/, "")).get("p1");
  return JSON.parse(inflateRawSync(Buffer.from(data, "base64url")).toString("utf8"));
}

export function makeLink(envelope) {
  return "p1=" + deflateRawSync(Buffer.from(JSON.stringify(envelope))).toString("base64url");
}

async function tool(page, name) {
  await page.locator(`details[data-tool="${name}"] > summary`).click();
}

async function openGallery(page, id) {
  await tool(page, "gallery");
  await page.click(`[data-gallery="${id}"]`);
}

test("share link: state in, link, state out byte-identical, with versions", async () => {
  const page = await open();
  await openGallery(page, "scp-region");
  await page.waitForFunction(() => document.querySelector(".decision-row code")?.textContent === "ec2:RunInstances");
  const hash = await page.evaluate(() => location.hash);
  const envelope = readLink(hash);
  assert.equal(envelope.format, 1);
  assert.match(envelope.engine, /^\d+\.\d+\.\d+/);
  assert.match(envelope.catalog, /^\d+\.\d+/);
  assert.equal(envelope.state.docs.length, 2);
  assert.equal(envelope.state.expected.length, 2);
  const plain = Buffer.from(JSON.stringify(envelope)).toString("base64url").length;
  assert.ok(hash.length < plain * 0.7, `compressed ${hash.length} vs ${plain}`);
  // A fresh page restores it and writes back the very same fragment.
  const again = await openPage(t.browser);
  await again.page.goto(t.server.url + hash);
  await ready(again.page);
  assert.equal(await again.page.evaluate(() => location.hash), hash);
  assert.deepEqual(await decisions(again.page), [
    ["ec2:RunInstances", "explicitDeny"],
    ["iam:CreateUser", "allowed"],
  ]);
  await again.context.close();
  assert.deepEqual(again.record.errors, []);
  assert.deepEqual(again.record.foreign, []);
});

test("a link from another engine version opens with a notice", async () => {
  const page = await open();
  const envelope = readLink(await page.evaluate(() => location.hash));
  envelope.engine = "0.0.1";
  await page.goto("about:blank");
  await page.goto(t.server.url + "#" + makeLink(envelope));
  await ready(page);
  assert.match(await page.textContent(".notice"), /made with engine 0\.0\.1 \(this page: /);
  assert.deepEqual(await decisions(page), [
    ["s3:GetObject", "allowed"],
    ["s3:DeleteObject", "implicitDeny"],
  ]);
});

test("gallery: every scenario opens with its explanation and all expectations green", async () => {
  const page = await open();
  await tool(page, "gallery");
  // The gallery's scenarios are fetched when it first opens.
  await page.waitForSelector("[data-gallery]");
  const ids = await page.$$eval("[data-gallery]", (b) => b.map((x) => x.dataset.gallery));
  assert.ok(ids.length >= 12, `${ids.length} scenarios`);
  for (const id of ids) {
    await page.click(`[data-gallery="${id}"]`);
    await page.waitForFunction(
      () => document.querySelector(".exercise-summary")?.dataset.allGreen === "true",
      null,
      { timeout: 5000 },
    ).catch(async () => {
      throw new Error(`${id}: ${await page.textContent(".exercise")}`);
    });
    assert.ok((await page.textContent(".gallery-explanation")).length > 40, id);
  }
});

test("exercise mode: expectations turn red and green and survive the link", async () => {
  const page = await open();
  await tool(page, "exercise");
  await page.click(".expect-current");
  await page.waitForSelector('.exercise-summary[data-all-green="true"]');
  assert.match(await page.textContent(".exercise-summary"), /All green/);
  // The teacher changes an expectation: that row fails.
  await page.locator(".check").nth(1).locator("select").selectOption("allowed");
  await page.waitForSelector('.check[data-pass="false"]');
  assert.match(await page.textContent(".exercise-summary"), /1 of 2 as expected/);
  assert.match(await page.locator(".check").nth(1).textContent(), /is Implicit deny/);
  // The expectations travel in the link.
  const url = await page.evaluate(() => location.href);
  await page.goto("about:blank");
  await page.goto(url);
  await ready(page);
  assert.equal(await page.locator('.check[data-pass="false"]').count(), 1);
  assert.equal(await page.locator('details[data-tool="exercise"]').getAttribute("open"), "");
});

test("AWS CLI import of a real input file, and export", async () => {
  const page = await open();
  await tool(page, "cli");
  const file = await readFile(new URL("../examples/abac.json", import.meta.url), "utf8");
  const edited = file.replace('"s3:DeleteObject"', '"s3:PutObject"');
  await page.fill(".cli-import", edited);
  await page.click(".cli-load");
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".decision-row code")].some((c) => c.textContent === "s3:PutObject"),
  );
  assert.deepEqual(await decisions(page), [
    ["s3:GetObject", "allowed"],
    ["s3:PutObject", "allowed"],
  ]);
  await page.click(".cli-export");
  const out = await page.inputValue(".cli-output");
  const json = JSON.parse(out.slice(0, out.indexOf("\n\naws iam")));
  assert.deepEqual(json.ActionNames, ["s3:GetObject", "s3:PutObject"]);
  assert.equal(json.PolicyInputList.length, 1);
  assert.match(out, /aws iam simulate-custom-policy --cli-input-json file:\/\/scenario\.json/);
  await page.click(".trace-export");
  assert.match(await page.inputValue(".cli-output"), /^### `s3:GetObject` on `arn:aws:s3:::team-data\/report\.csv`: \*\*allowed\*\*/);
  // The same file opened from disk.
  await page.fill('textarea[name="actions"]', "s3:ListBucket");
  await page.setInputFiles(".cli-file", new URL("../examples/abac.json", import.meta.url).pathname);
  await page.waitForFunction(() => document.querySelectorAll(".decision-row").length === 2);
  assert.deepEqual(await decisions(page), [
    ["s3:GetObject", "allowed"],
    ["s3:DeleteObject", "implicitDeny"],
  ]);
  // A broken document is an error with a position, the state stays.
  await page.fill(".cli-import", '{"PolicyInputList": [}');
  await page.click(".cli-load");
  assert.match(await page.textContent(".cli-error"), /^1:\d+: /);
});

test("named scenarios are saved in localStorage and load again", async () => {
  const page = await open();
  await tool(page, "saved");
  await page.fill(".saved-name", "my <b>abac</b>");
  await page.click(".saved-save");
  await openGallery(page, "kms-key-policy");
  await page.waitForFunction(() => document.querySelector(".decision-row code")?.textContent === "kms:Decrypt");
  await page.getByRole("button", { name: "my <b>abac</b>" }).click();
  await page.waitForFunction(() => document.querySelector(".decision-row code")?.textContent === "s3:GetObject");
  assert.equal(await page.locator(".saved-list b").count(), 0, "names are text, not HTML");
  const stored = await page.evaluate(() => localStorage.getItem("iam-playground-scenarios"));
  assert.match(stored, /"my <b>abac<\/b>":"p1=/);
});

test("the flowchart lights the path of the shown request", async () => {
  const page = await open();
  await tool(page, "flowchart");
  const statuses = () => page.$$eval(".flow-node", (n) => n.map((g) => g.dataset.status));
  const lit = () => page.$$eval(".flow-end.lit", (n) => n.map((g) => g.dataset.end));
  // Allowed through the identity-based policy: no explicit deny, no RCPs, no SCPs, no
  // resource-based policy, identity yes, no boundary, no session policy: Allow at the bottom.
  assert.deepEqual(await statuses(), ["no", "skipped", "skipped", "skipped", "yes", "skipped", "skipped"]);
  assert.deepEqual(await lit(), ["Allow"]);
  await page.locator(".decision-row").nth(1).click();
  await page.waitForFunction(() => document.querySelectorAll(".flow-node")[4]?.dataset.status === "no");
  assert.deepEqual((await statuses()).slice(5), ["not-reached", "not-reached"]);
  assert.deepEqual(await lit(), ["Implicit deny"]);
  await openGallery(page, "scp-region");
  await page.waitForFunction(() => document.querySelector(".flow-node")?.dataset.status === "yes");
  assert.deepEqual(await lit(), ["Explicit deny"]);
  await screenshot(page, "flowchart.png");
  // The explicit-deny node selects the deciding statement in the editor.
  await page.locator(".flow-node").first().click();
  await page.waitForFunction(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    return /DenyOutsideEU/.test(ed.getModel().getValueInRange(ed.getSelection()));
  });
  // …and opens the part of the trace that denied (the SCPs).
  await page.waitForSelector('div.trace li.layer[data-kind="ServiceControl"].flash');
  // The nodes work from the keyboard too: Enter on the SCP node opens its part of the trace,
  // marked for a moment.
  await page.$eval('div.trace li.layer[data-kind="ServiceControl"] > details', (d) => (d.open = false));
  await page.locator('.flow-node[data-kind="ServiceControl"]').focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector('div.trace li.layer[data-kind="ServiceControl"].flash');
  assert.equal(await page.$eval('div.trace li.layer[data-kind="ServiceControl"] > details', (d) => d.open), true);
});
