// Effective permissions (the sweep over every catalog action, run in the engine's Web Worker)
// and the policy comparison with side-by-side counterexamples, in headless Chromium.
import { test } from "node:test";
import { readFile } from "node:fs/promises";
import assert from "node:assert/strict";
import { catalogActions, screenshot, setEditorText, suite } from "./harness.mjs";
import { ABAC_POLICY } from "./fixtures.mjs";

const t = suite();
const open = t.open;

async function openSweep(page) {
  await page.click('details[data-tool="sweep"] > summary');
  await page.waitForSelector(".sweep-summary");
}

/** The actions listed under a service, once there are `n` of them. */
async function listed(page, prefix, n) {
  const sel = `.sweep-service[data-service="${prefix}"] .sweep-action`;
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [sel, n]);
  return page.$$eval(sel, (li) => li.map((l) => l.dataset.action));
}

/** The numbers of the sweep summary: [total, allowed, explicit, implicit]. */
async function sweepCounts(page) {
  const text = await page.textContent(".sweep-summary strong");
  const m = text.match(/(\d+) allowed · (\d+) explicitly denied · (\d+) of (\d+) implicitly denied/);
  assert.ok(m, text);
  return { allowed: +m[1], explicit: +m[2], implicit: +m[3], total: +m[4] };
}

test("sweep: every catalog action, in the worker, re-run on edit, each row opens its trace", async () => {
  const page = await open();
  await openSweep(page);
  const all = catalogActions();
  // The example allows exactly its two object actions on the report (its deny needs another IP),
  // and sts:GetCallerIdentity, which needs no permission (SPEC §12.4).
  assert.deepEqual(await sweepCounts(page), { allowed: 3, explicit: 0, implicit: all.length - 3, total: all.length });
  await page.click('.sweep-service[data-service="s3"] > summary');
  const allowed = await listed(page, "s3", 2);
  assert.deepEqual(allowed.sort(), ["s3:GetObject", "s3:PutObject"]);
  const ms = Number(await page.getAttribute("html", "data-sweep-ms"));
  assert.ok(ms > 0, `data-sweep-ms ${ms}`);

  // Broaden the policy: the sweep runs again by itself; the new allowed set is what the
  // catalog says s3:List* covers, plus the two.
  await setEditorText(page, ABAC_POLICY.replace('["s3:GetObject", "s3:PutObject"]', '["s3:GetObject", "s3:PutObject", "s3:List*"]'));
  // …except those that name no resource type (s3:ListAllMyBuckets): AWS authorizes them on
  // `*`, which the policy's bucket ARN does not match; their rows say so.
  const free = new Set(catalogActions({ resourceFree: true }));
  const lists = all.filter((a) => a.startsWith("s3:List") && !free.has(a));
  assert.ok(free.has("s3:ListAllMyBuckets"));
  assert.ok(lists.length > 5);
  await page.waitForFunction(
    (n) => document.querySelector(".sweep-summary strong")?.textContent.startsWith(`${n} allowed`),
    3 + lists.length,
  );
  const shown = await listed(page, "s3", 2 + lists.length);
  assert.deepEqual(shown.sort(), ["s3:GetObject", "s3:PutObject", ...lists].sort());

  await page.selectOption(".sweep-decision", "any");
  await page.fill(".sweep-filter", "s3:ListAllMyBuckets");
  await listed(page, "s3", 1);
  assert.match(
    await page.textContent('.sweep-action[data-action="s3:ListAllMyBuckets"]'),
    /Implicit deny\s*on \*\s*\(no resource types\)/,
  );
  await page.selectOption(".sweep-decision", "allowed");
  // Filters: text and access level; then explicitly denied (none here).
  await page.fill(".sweep-filter", "s3:listbucket");
  await page.waitForFunction(() => document.querySelectorAll('.sweep-service[data-service="s3"] .sweep-action').length >= 1);
  const filtered = await page.$$eval('.sweep-service[data-service="s3"] .sweep-action', (li) => li.map((l) => l.dataset.action));
  assert.ok(filtered.length >= 1 && filtered.every((a) => a.toLowerCase().includes("s3:listbucket")), filtered.join());
  await page.fill(".sweep-filter", "");
  await page.selectOption(".sweep-decision", "explicitDeny");
  await page.waitForSelector(".sweep-matching");
  assert.equal(await page.textContent(".sweep-matching"), "0 services match");
  await page.selectOption(".sweep-decision", "allowed");
  await page.selectOption(".sweep-level", "read");
  // (the s3 section stays open across runs and filter changes)
  const reads = await listed(page, "s3", 1);
  assert.deepEqual(reads, ["s3:GetObject"]);

  // A row opens its trace: the statement that allows it, the deciding step.
  await page.click('.sweep-action[data-action="s3:GetObject"] button');
  const trace = page.locator('.sweep-action[data-action="s3:GetObject"] .sweep-trace');
  await trace.locator("summary .badge[data-decision=allowed]").waitFor();
  assert.match(await trace.textContent(), /AllowSameTeamObjects/);
  await screenshot(page, "sweep.png");

  // The whole sweep as CSV: a header and one row per catalog action.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".sweep-csv")]);
  assert.equal(download.suggestedFilename(), "effective-permissions.csv");
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\n");
  assert.equal(lines[0], "service,action,access_level,decision,allowed_on");
  assert.equal(lines.length, 1 + all.length);
  assert.ok(lines.includes("s3,s3:GetObject,Read,allowed,"), lines.filter((l) => l.includes("GetObject,")).join());
  assert.equal(lines.filter((l) => l.includes(",allowed,")).length, 3 + lists.length);
  assert.ok(lines.includes("sts,sts:GetCallerIdentity,Read,allowed,"), lines.filter((l) => l.includes("GetCallerIdentity")).join());
});

test("sweep: cancel stops the worker; the next run starts a fresh one", async () => {
  const page = await open();
  // Cancel while the new worker is still loading the catalog (held back for a second here, so
  // the click cannot come too late on a slow machine).
  await t.current.context.route("**/iam-catalog.txt", async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  });
  await page.click('details[data-tool="sweep"] > summary');
  await page.click(".sweep-cancel");
  await page.waitForSelector(".sweep-error");
  assert.equal(await page.textContent(".sweep-error"), "cancelled");
  assert.equal(await page.$(".sweep-summary"), null);
  await page.click(".sweep-run");
  await page.waitForSelector(".sweep-summary");
  assert.equal(await page.$(".sweep-error"), null);
  assert.equal((await sweepCounts(page)).allowed, 3);
});

test("compare: a pinned version against the edited one, counterexamples side by side", async () => {
  const page = await open();
  await page.click('details[data-tool="compare"] > summary');
  assert.match(await page.textContent(".bounded-note"), /Bounded testing, not a proof/);
  await page.click(".compare-pin");
  // A scenario against itself: nothing differs.
  await page.click(".compare-run");
  await page.waitForSelector(".compare-summary");
  assert.equal(await page.getAttribute(".compare-summary", "data-differences"), "0");
  assert.match(await page.textContent(".compare-summary"), /no request decided differently/);

  // B allows s3:DeleteObject too: every difference is B allowing it where A does not.
  await setEditorText(page, ABAC_POLICY.replace('["s3:GetObject", "s3:PutObject"]', '["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]'));
  // The comparison runs again by itself.
  await page.waitForFunction(() => document.querySelector(".compare-summary")?.dataset.differences !== "0");
  const rows = await page.$$eval(".counterexample", (li) =>
    li.map((l) => [l.dataset.action, ...[...l.querySelectorAll(".counterexample-button .badge")].map((b) => b.dataset.decision)]),
  );
  assert.ok(rows.length >= 1);
  for (const r of rows) assert.deepEqual(r, ["s3:DeleteObject", "implicitDeny", "allowed"]);
  await page.click(".counterexample >> nth=0 >> button");
  const sides = page.locator(".counterexample >> nth=0 >> .compare-side");
  await sides.nth(1).locator(".badge").waitFor();
  assert.equal(await sides.count(), 2);
  assert.equal(await sides.nth(0).locator(".badge").getAttribute("data-decision"), "implicitDeny");
  assert.equal(await sides.nth(1).locator(".badge").getAttribute("data-decision"), "allowed");
  assert.match(await sides.nth(1).textContent(), /AllowSameTeamObjects/);
  // Both full traces; only B's (the policies in the editors) link to the editor.
  for (const i of [0, 1]) assert.match(await sides.nth(i).locator(".compare-trace").textContent(), /Policies in evaluation order/);
  assert.equal(await sides.nth(0).locator(".compare-trace .step:not([disabled])").count(), 0);
  assert.ok((await sides.nth(1).locator(".compare-trace .step:not([disabled])").count()) > 0);
  await screenshot(page, "compare.png");
});

test("compare: a scenario saved in this browser can be side A", async () => {
  const page = await open();
  await page.click('details[data-tool="saved"] > summary');
  await page.fill(".saved-name", "before");
  await page.click(".saved-save");
  await setEditorText(page, ABAC_POLICY.replace('["s3:GetObject", "s3:PutObject"]', '["s3:GetObject"]'));
  await page.waitForFunction(() => document.querySelectorAll(".decision-row").length > 0);
  await page.click('details[data-tool="compare"] > summary');
  await page.selectOption(".compare-saved", "before");
  await page.waitForFunction(() => Number(document.querySelector(".compare-summary")?.dataset.differences) > 0);
  const rows = await page.$$eval(".counterexample", (li) =>
    li.map((l) => [l.dataset.action, ...[...l.querySelectorAll(".counterexample-button .badge")].map((b) => b.dataset.decision)]),
  );
  // The saved version allowed s3:PutObject; the edited one does not.
  for (const r of rows) assert.deepEqual(r, ["s3:PutObject", "allowed", "implicitDeny"]);
  assert.match(await page.inputValue(".compare-a-text"), /s3:PutObject/);
});

test("sweep: the resources the policies name show grants the request's resource cannot", async () => {
  const page = await open();
  const table = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";
  await setEditorText(
    page,
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::team-data/*" },
        { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: table },
      ],
    }),
  );
  await openSweep(page);
  // (and sts:GetCallerIdentity, which needs no permission)
  await page.waitForFunction(() => /^2 allowed/.test(document.querySelector(".sweep-summary strong")?.textContent));
  assert.match(await page.textContent(".sweep-named"), /request's resources only/);
  await page.selectOption(".sweep-resources", "named");
  await page.waitForFunction(() => /^4 allowed/.test(document.querySelector(".sweep-summary strong")?.textContent));
  assert.match(await page.textContent(".sweep-named"), /table\/orders/);
  await page.click('.sweep-service[data-service="dynamodb"] > summary');
  const rows = await listed(page, "dynamodb", 2);
  assert.deepEqual(rows.sort(), ["dynamodb:GetItem", "dynamodb:Query"]);
  const row = page.locator('.sweep-action[data-action="dynamodb:GetItem"]');
  assert.equal(await row.locator(".on code").textContent(), table);
  // Its trace covers the request's resource (denied) and the table (allowed).
  await row.locator("button").click();
  await row.locator(".sweep-trace").nth(1).waitFor();
  const traces = await row.locator(".sweep-trace > summary").allTextContents();
  assert.equal(traces.length, 2);
  assert.match(traces[0], /team-data\/report\.csv.*Implicit deny/);
  assert.match(traces[1], /table\/orders.*Allowed/);
});

test("sweep: an open Effective permissions section is in the URL, so a link opens it", async () => {
  const page = await open();
  await openSweep(page);
  await page.waitForFunction(() => location.hash.endsWith("&t=sweep"));
  await page.reload();
  await page.waitForSelector(".sweep-summary");
  assert.equal(await page.$eval('details[data-tool="sweep"]', (d) => d.open), true);
  await page.click('details[data-tool="sweep"] > summary');
  await page.waitForFunction(() => !location.hash.includes("t=sweep"));
});
