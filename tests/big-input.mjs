// A large identity policy, as people paste from account exports (~1 MB, ~2,200 statements),
// and a measurement of the page's main thread while it is pasted and typed in: long tasks
// (PerformanceObserver 'longtask'), total blocking time, and the time from the last keystroke
// to the updated decision. Used by tests/live.test.mjs (generous bounds) and tests/figures.mjs
// (the figures).

const SERVICES = [
  ["ec2", ["DescribeInstances", "StartInstances", "StopInstances", "RebootInstances", "CreateTags"], (a, i) => `arn:aws:ec2:us-east-1:${a}:instance/i-${hex(i, 17)}`],
  ["s3", ["GetObject", "PutObject", "ListBucket", "DeleteObject", "GetObjectTagging"], (_, i) => `arn:aws:s3:::archive-${i}/*`],
  ["dynamodb", ["GetItem", "PutItem", "Query", "Scan", "UpdateItem"], (a, i) => `arn:aws:dynamodb:eu-west-1:${a}:table/orders-${i}`],
  ["lambda", ["InvokeFunction", "GetFunction", "UpdateFunctionCode"], (a, i) => `arn:aws:lambda:us-west-2:${a}:function:job-${i}`],
  ["sqs", ["SendMessage", "ReceiveMessage", "DeleteMessage"], (a, i) => `arn:aws:sqs:us-east-1:${a}:queue-${i}`],
  ["kms", ["Decrypt", "Encrypt", "GenerateDataKey"], (a, i) => `arn:aws:kms:us-east-1:${a}:key/${hex(i, 8)}-0000-4000-8000-${hex(i * 7, 12)}`],
  ["logs", ["CreateLogStream", "PutLogEvents"], (a, i) => `arn:aws:logs:us-east-1:${a}:log-group:/app/service-${i}:*`],
];

function hex(n, width) {
  return (n >>> 0).toString(16).padStart(width, "0").slice(-width);
}

/** One statement that does not decide the example request. */
function filler(i) {
  const [prefix, actions, arn] = SERVICES[i % SERVICES.length];
  const account = i % 3 === 0 ? "444455556666" : "111122223333";
  const picked = actions.filter((_, k) => (i + k) % 2 === 0);
  const statement = {
    Sid: `Generated${String(i).padStart(5, "0")}`,
    Effect: i % 11 === 0 ? "Deny" : "Allow",
    Action: picked.map((a) => `${prefix}:${a}`),
    Resource: i % 4 === 0 ? [arn(account, i), arn(account, i + 1)] : arn(account, i),
    Condition: {
      StringEquals: { "aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/cost-center": `cc-${i % 97}` },
    },
  };
  if (i % 5 === 0) statement.Condition.Bool = { "aws:SecureTransport": "true" };
  return statement;
}

/** The example's deciding statement (the request's `s3:GetObject` on team-data is allowed by it). */
export const DECIDING = {
  Sid: "AllowSameTeamObjects",
  Effect: "Allow",
  Action: ["s3:GetObject", "s3:PutObject"],
  Resource: "arn:aws:s3:::team-data/*",
  Condition: {
    StringEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/team}" },
    NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
  },
};

/**
 * An identity policy of about `bytes` bytes (pretty-printed, as exports are), ~450 bytes per
 * statement: generated statements over seven services with conditions, and the example's
 * deciding statement in the middle, so the example request is still allowed.
 */
export function bigPolicy(bytes = 1_000_000) {
  const statements = [DECIDING];
  // Each statement is indented by four more spaces inside the document than alone.
  let size = JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2).length;
  for (let i = 0; size < bytes; i++) {
    const s = filler(i);
    size += JSON.stringify(s, null, 2).replace(/\n/g, "\n    ").length + 6;
    statements.push(s);
  }
  statements.shift();
  statements.splice(Math.floor(statements.length / 2), 0, DECIDING);
  return JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);
}

// Installed before the page's scripts: every long task of the main thread, with its start and
// duration, in `globalThis.__longTasks`.
export const RECORD_LONG_TASKS = () => {
  globalThis.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) globalThis.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
};

/** Long tasks of the page since `since` (ms on the page's clock): { longest, tbt, count }. */
export async function longTasks(page, since = 0) {
  const tasks = await page.evaluate((t0) => globalThis.__longTasks.filter(([s]) => s >= t0), since);
  return {
    longest: tasks.reduce((m, [, d]) => Math.max(m, d), 0),
    tbt: tasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
    count: tasks.length,
  };
}

/**
 * Paste `text` into the identity editor (on a page opened with RECORD_LONG_TASKS), wait for the
 * decision, then type `keys` characters into a generated statement's Sid (one every
 * `intervalMs`) and finally one that flips the decision: `x` after `s3:GetObject` in the
 * deciding statement. Returns the long tasks of the paste and of the typing, the time from the
 * paste to its decision, and from the last keystroke to the flipped decision (page clock, ms).
 */
export async function pasteAndType(page, text, { keys = 20, intervalMs = 100, timeoutMs = 60_000, log = () => {} } = {}) {
  const t0 = await page.evaluate(() => performance.now());
  // The paste: select all, then a paste event with the text on the editor's input element,
  // handled by Monaco's own paste code as Ctrl+V is.
  await page.evaluate((t) => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    ed.focus();
    ed.setSelection(ed.getModel().getFullModelRange());
    const data = new DataTransfer();
    data.setData("text/plain", t);
    document.activeElement.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
  // The paste is decided when the trace shows the pasted policy's statements (counted on the
  // policy's row, or, in a trace that builds every statement, the statements themselves).
  const statements = (text.match(/"Sid":/g) ?? []).length;
  await page.waitForFunction(
    (n) => {
      const policy = document.querySelector(".main-trace .policy");
      const shown = policy?.dataset.statements ?? document.querySelectorAll(".main-trace .statement").length;
      return Number(shown) === n;
    },
    statements,
    { timeout: timeoutMs, polling: 50 },
  );
  const pasted = await page.evaluate(() => performance.now());
  log(`pasted in ${(pasted - t0).toFixed(0)} ms`);
  const paste = await longTasks(page, t0);
  await page.waitForTimeout(500);
  // Type into a generated statement's Sid, near the middle of the document.
  const typingStart = await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    const model = ed.getModel();
    const m = model.findMatches('"Generated01000"', false, false, true, null, false)[0];
    ed.setPosition({ lineNumber: m.range.startLineNumber, column: m.range.endColumn - 1 });
    ed.focus();
    return performance.now();
  });
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
    await page.waitForTimeout(intervalMs);
    log(`key ${i}`);
  }
  // The last keystroke flips the decision of s3:GetObject (allowed → implicit deny).
  await page.evaluate(() => {
    const ed = globalThis.monaco.editor.getEditors()[0];
    const model = ed.getModel();
    const sid = model.findMatches('"AllowSameTeamObjects"', false, false, true, null, false)[0];
    const m = model.findNextMatch('"s3:GetObject"', sid.range.getEndPosition(), false, true, null, false);
    ed.setPosition({ lineNumber: m.range.startLineNumber, column: m.range.endColumn - 1 });
  });
  await page.evaluate(() => {
    globalThis.__decidedAt = undefined;
    document.addEventListener("keydown", () => (globalThis.__lastKeyAt = performance.now()), { capture: true });
  });
  await page.keyboard.press("x");
  log("last key");
  await page.waitForFunction(
    () => {
      if (document.querySelector(".decision-row .badge")?.dataset.decision !== "implicitDeny") return false;
      globalThis.__decidedAt ??= performance.now();
      return true;
    },
    null,
    { timeout: timeoutMs, polling: 5 },
  );
  const decided = await page.evaluate(() => globalThis.__decidedAt - globalThis.__lastKeyAt);
  const typing = await longTasks(page, typingStart);
  const text2 = await page.evaluate(() => globalThis.monaco.editor.getEditors()[0].getModel().getValue());
  return { paste, pasteMs: pasted - t0, typing, lastKeyToDecisionMs: decided, keys: keys + 1, finalText: text2 };
}
