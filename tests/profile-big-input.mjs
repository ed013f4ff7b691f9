// Where the main thread's long tasks go while a 1 MB policy is pasted and typed in: the same
// run as the figures (tests/big-input.mjs), under Chromium's sampling CPU profiler (CDP
// `Tracing` with the V8 sampling profiler): for every task of the page's main thread over 50 ms
// it prints the functions with the most time in it (inclusive: on the stack; self: on top).
// Usage: trunk build --release && node tests/profile-big-input.mjs [--out trace.json]
// (a diagnosis tool, not a test; the trace opens in Chromium's DevTools, Performance).
import { writeFile } from "node:fs/promises";
import { launch, openPage, ready, serve } from "./harness.mjs";
import { bigPolicy, pasteAndType, RECORD_LONG_TASKS } from "./big-input.mjs";

const out = process.argv.includes("--out") ? process.argv[process.argv.indexOf("--out") + 1] : null;
const LONG_MS = Number(process.env.LONG_MS ?? 50);

/**
 * The main thread's tasks over LONG_MS in a Chromium trace (`RunTask` events of the renderer's
 * main thread), each with the functions the V8 sampling profiler saw during it.
 */
function longTasksOf(events) {
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain"
    && events.some((x) => x.pid === e.pid && x.name === "RunTask" && x.tid === e.tid && x.dur > 1000));
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const tasks = mine.filter((e) => e.name === "RunTask" && e.ph === "X" && e.dur >= LONG_MS * 1000);
  // The CPU profile of the main thread: nodes and samples arrive in chunks.
  const nodes = new Map();
  const parent = new Map();
  const samples = [];
  // The main thread's profile (workers have their own, with other ids).
  const profile = mine.find((e) => e.name === "Profile");
  let t = profile?.args?.data?.startTime ?? 0;
  for (const e of events.filter((x) => x.name === "ProfileChunk" && x.pid === main.pid && x.id === profile?.id)) {
    const p = e.args.data.cpuProfile ?? {};
    for (const n of p.nodes ?? []) {
      nodes.set(n.id, n);
      if (n.parent !== undefined) parent.set(n.id, n.parent);
    }
    (p.samples ?? []).forEach((id, i) => {
      t += e.args.data.timeDeltas?.[i] ?? 0;
      samples.push([t, id]);
    });
  }
  const name = (n) => {
    const f = n?.callFrame ?? {};
    const where = f.url ? ` ${f.url.split("/").pop()}:${(f.lineNumber ?? 0) + 1}` : "";
    return `${f.functionName || "(anonymous)"}${where}`;
  };
  const t0 = mine.find((e) => e.name === "TracingStartedInBrowser")?.ts ?? tasks[0]?.ts ?? 0;
  return tasks.map((task) => {
    const self = new Map();
    const incl = new Map();
    const inside = samples.filter(([ts]) => ts >= task.ts && ts <= task.ts + task.dur);
    const dt = inside.length ? task.dur / inside.length : 0;
    for (const [, id] of inside) {
      const top = name(nodes.get(id));
      self.set(top, (self.get(top) ?? 0) + dt);
      const seen = new Set();
      for (let n = id; n !== undefined; n = parent.get(n)) {
        const k = name(nodes.get(n));
        if (seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + dt);
      }
    }
    return { ms: task.dur / 1000, at: (task.ts - t0) / 1000, self, incl, samples: inside.length };
  });
}

const top = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `      ${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`)
    .join("\n");

const server = await serve(process.env.PLAYGROUND_DIST || undefined);
const browser = await launch();
try {
  const { page, context, record } = await openPage(browser);
  await page.addInitScript(RECORD_LONG_TASKS);
  await page.goto(server.url);
  await ready(page).catch((e) => {
    throw new Error(`${e.message}\nconsole: ${record.errors.join("\n")}`);
  });
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", {
    traceConfig: {
      includedCategories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "disabled-by-default-v8.cpu_profiler"],
    },
  });
  const r = await pasteAndType(page, bigPolicy(1_000_000), { keys: 20, intervalMs: 100, log: (m) => process.stderr.write(`${m}\n`) });
  await cdp.send("Tracing.end");
  await complete;
  if (out) await writeFile(out, JSON.stringify({ traceEvents: events }));
  console.log(
    `paste: longest task ${r.paste.longest.toFixed(0)} ms, blocking ${r.paste.tbt.toFixed(0)} ms, decided after ${r.pasteMs.toFixed(0)} ms; ` +
      `typing: longest ${r.typing.longest.toFixed(0)} ms, blocking ${r.typing.tbt.toFixed(0)} ms; last key → decision ${r.lastKeyToDecisionMs.toFixed(0)} ms`,
  );
  for (const s of longTasksOf(events)) {
    console.log(`\n  task of ${s.ms.toFixed(0)} ms at +${s.at.toFixed(0)} ms (${s.samples} samples); inclusive:`);
    console.log(top(s.incl, 25));
    console.log("    self:");
    console.log(top(s.self, 12));
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
