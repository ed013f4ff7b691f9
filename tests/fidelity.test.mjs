// SPEC §12 in the app: a VPC endpoint policy pasted into its tab changes the decision (its gate
// and its Deny in the trace and the flowchart, the endpoint in the share link), and an SCP level
// without an Allow explains its implicit deny in the result pane (run: node --test tests/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";
import { decisions, screenshot, setEditorText, suite } from "./harness.mjs";

const t = suite();
const open = t.open;

function readLink(hash) {
  const data = new URLSearchParams(hash.replace(/^#/, "")).get("p1");
  return JSON.parse(inflateRawSync(Buffer.from(data, "base64url")).toString("utf8"));
}

/** Open a layer's tab, add a document (its template) and wait for the editor to show it. */
async function addDoc(page, layer) {
  await page.click(`.layer-tabs [data-layer="${layer}"]`);
  await page.click(".doc-strip button.add");
  await page.waitForSelector(".doc-strip .doc-tab.active");
}

async function waitFor(page, pairs) {
  await page.waitForFunction(
    (want) => {
      const rows = [...document.querySelectorAll(".decision-row")].map((r) => [
        r.querySelector("code").textContent,
        r.querySelector(".badge").dataset.decision,
      ]);
      return JSON.stringify(rows) === JSON.stringify(want);
    },
    pairs,
  );
}

const ENDPOINT_POLICY = JSON.stringify(
  {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OtherBucketsOnly",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::example-corp-*", "arn:aws:s3:::example-corp-*/*"],
      },
      { Sid: "NoDeletes", Effect: "Deny", Principal: "*", Action: "s3:DeleteObject", Resource: "*" },
    ],
  },
  null,
  2,
);

test("a pasted VPC endpoint policy changes the decision: its gate and its Deny in the trace", async () => {
  const page = await open();
  await waitFor(page, [
    ["s3:GetObject", "allowed"],
    ["s3:DeleteObject", "implicitDeny"],
  ]);
  // The tab starts from AWS's default endpoint policy (full access): nothing changes.
  await addDoc(page, "VpcEndpoint");
  await page.waitForFunction(() => globalThis.monaco.editor.getEditors()[0].getModel().getValue().includes('"Principal": "*"'));
  await page.waitForFunction(() => document.querySelector(".trace")?.textContent.includes("VPC endpoint policy"));
  assert.deepEqual(await decisions(page), [
    ["s3:GetObject", "allowed"],
    ["s3:DeleteObject", "implicitDeny"],
  ]);
  // Paste a policy that lets only the company's other buckets through and denies deletes.
  await setEditorText(page, ENDPOINT_POLICY);
  await waitFor(page, [
    ["s3:GetObject", "implicitDeny"],
    ["s3:DeleteObject", "explicitDeny"],
  ]);
  const trace = await page.textContent(".trace");
  assert.match(trace, /VPC endpoint policy/);
  assert.match(trace, /endpoint policy has no applicable Allow statement/);
  // The flowchart has a node for the gate, and it is where the request left: implicit deny.
  await page.locator('details[data-tool="flowchart"] > summary').click();
  const node = page.locator('.flow-node[data-kind="VpcEndpoint"]');
  await node.waitFor();
  assert.equal(await node.getAttribute("data-status"), "no");
  assert.match(await node.getAttribute("aria-label"), /Does the VPC endpoint policy allow it\? No\./);
  assert.deepEqual(await page.$$eval(".flow-end.lit", (n) => n.map((g) => g.dataset.end)), ["Implicit deny"]);
  await screenshot(page, "vpc-endpoint-gate.png");
  // DeleteObject: the endpoint policy's Deny is the deciding statement.
  await page.locator(".decision-row", { hasText: "s3:DeleteObject" }).click();
  await page.waitForFunction(() => document.querySelector(".deciding")?.textContent.includes("NoDeletes"));
  assert.match(await page.textContent(".deciding"), /VPC Endpoint Policy/);
  // The endpoint travels in the share link.
  const state = readLink(await page.evaluate(() => location.hash)).state;
  assert.ok(state.docs.some((d) => d.layer === "vpcEndpoint" && d.text.includes("NoDeletes")));
});

test("the endpoint ID field fills aws:SourceVpce, labelled as derived", async () => {
  const page = await open();
  await page.fill('input[name="vpce-id"]', "vpce-1a2b3c4d");
  await page.waitForFunction(() => document.querySelector(".trace")?.textContent.includes("aws:SourceVpce"));
  const trace = await page.textContent(".trace");
  assert.match(trace, /vpce-1a2b3c4d/);
  // No policy in the tab: AWS's default endpoint policy, which allows everything.
  assert.match(trace, /default endpoint policy/);
  assert.deepEqual(await decisions(page), [
    ["s3:GetObject", "allowed"],
    ["s3:DeleteObject", "implicitDeny"],
  ]);
  const state = readLink(await page.evaluate(() => location.hash)).state;
  assert.equal(state.request.vpc_endpoint_id, "vpce-1a2b3c4d");
});

test("an SCP level without an Allow: the finding stands beside the implicit deny it explains", async () => {
  const page = await open();
  await addDoc(page, "Scp");
  await setEditorText(
    page,
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Sid: "NoDeletes", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }],
    }),
  );
  await waitFor(page, [
    ["s3:GetObject", "implicitDeny"],
    ["s3:DeleteObject", "explicitDeny"],
  ]);
  await page.locator(".decision-row", { hasText: "s3:GetObject" }).click();
  const finding = page.locator('.results .finding[data-code="scp-level-allows-nothing"]');
  await finding.waitFor();
  assert.match(await finding.textContent(), /no SCP at organization level 1 has an Allow statement/);
  assert.match(await finding.textContent(), /FullAWSAccess/);
  await screenshot(page, "scp-level-finding.png");
});
