// Figures of the built app in headless Chromium, printed, not asserted (scripts/figures-app.sh):
// what the page downloads, navigation-to-first-decision time, keystroke-to-updated-trace latency
// (p50/p95), a 1 MB policy pasted and typed in (the main thread's longest task and total blocking
// time, the last keystroke to the updated decision, the engine worker's reply), and the
// effective-permissions sweep in the engine's Web Worker (the benchmark's sweep scenario, written
// by bench/wasm/run.sh to target/wasm-bench/scenarios/sweep.json, when it is there).
import { gzipSync } from "node:zlib";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { DIST, ROOT, launch, openPage, ready, serve } from "./harness.mjs";
import { bigPolicy, pasteAndType, RECORD_LONG_TASKS } from "./big-input.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
const KEYSTROKES = Number(process.env.KEYSTROKES ?? 50);
const BIG_RUNS = Number(process.env.BIG_RUNS ?? 3);
// ONLY=big: only the 1 MB policy figures (to compare builds run after run); ONLY=load: only
// the sizes, the first decision and the parts fetched on demand; PLAYGROUND_DIST: another build
// to measure (default dist/).
const ONLY_BIG = process.env.ONLY === "big";
const ONLY_LOAD = process.env.ONLY === "load";
const BUILD = process.env.PLAYGROUND_DIST || DIST;
const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
};
const median = (xs) => quantile(xs, 0.5);
const ms = (x) => `${x.toFixed(0)} ms`;
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

// Records, in the page, when the first decision badge appears (ms since navigation start).
const WATCH_FIRST_DECISION = () => {
  const seen = () => {
    if (document.querySelector(".decision-row .badge[data-decision]")) {
      globalThis.__firstDecision ??= performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, obs) => seen() && obs.disconnect()).observe(document, {
    childList: true,
    subtree: true,
  });
};

async function firstDecision(browser, url) {
  const { page, context, record } = await openPage(browser);
  await page.addInitScript(WATCH_FIRST_DECISION);
  await page.goto(url);
  await ready(page);
  const t = await page.evaluate(() => ({
    decision: globalThis.__firstDecision,
    domContentLoaded: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
  }));
  // Let Monaco finish loading what it loads on start, then count.
  await page.waitForTimeout(500);
  const files = record.requests.filter((u) => u.startsWith(url));
  await context.close();
  return { ...t, files, foreign: record.foreign };
}

// Latency from a keydown to the next change of the trace's DOM, per keystroke.
async function measureKeystrokes(page, setup, keys, count = KEYSTROKES) {
  const out = [];
  for (let i = 0; i < count; i++) {
    await setup();
    const key = keys[i % keys.length];
    const latency = page.evaluate(
      () =>
        new Promise((resolve) => {
          const trace = document.querySelector(".trace");
          let t0 = 0;
          const obs = new MutationObserver(() => {
            if (!t0) return;
            obs.disconnect();
            resolve(performance.now() - t0);
          });
          obs.observe(trace, { childList: true, subtree: true, characterData: true });
          document.addEventListener("keydown", () => (t0 = performance.now()), {
            capture: true,
            once: true,
          });
          setTimeout(() => resolve(NaN), 5000);
        }),
    );
    await page.waitForTimeout(50);
    await page.keyboard.press(key);
    out.push(await latency);
    await page.waitForTimeout(200);
  }
  return out.filter((x) => !Number.isNaN(x));
}

// A 1 MB identity policy (~2,400 statements) pasted into the editor and typed in (20 keys, one
// every 100 ms, the last one flipping the decision), on a fresh page each run.
async function bigInputFigures(browser, url) {
  const text = bigPolicy(1_000_000);
  const statements = (text.match(/"Sid":/g) ?? []).length;
  const runs = [];
  for (let i = 0; i < BIG_RUNS; i++) {
    const { page, context } = await openPage(browser);
    await page.addInitScript(RECORD_LONG_TASKS);
    await page.goto(url);
    await ready(page);
    await page.waitForTimeout(1000);
    const before = load();
    const r = await pasteAndType(page, text, { keys: 20, intervalMs: 100 });
    r.figures = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    r.load = `${before} → ${load()}`;
    runs.push(r);
    await context.close();
  }
  const f = (pick) => `median ${ms(median(runs.map(pick)))} (runs: ${runs.map((r) => pick(r).toFixed(0)).join(", ")})`;
  console.log(`1 MB policy (${(text.length / 1e6).toFixed(2)} MB, ${statements} statements), ${BIG_RUNS} runs:`);
  console.log(`  paste: longest main-thread task ${f((r) => r.paste.longest)}; total blocking time ${f((r) => r.paste.tbt)}; decided ${f((r) => r.pasteMs)} after the paste`);
  console.log(`  typing 21 keys (100 ms apart): longest task ${f((r) => r.typing.longest)}; total blocking time ${f((r) => r.typing.tbt)}`);
  console.log(`  last keystroke to the updated decision: ${f((r) => r.lastKeyToDecisionMs)} (targets: no task > 100 ms, decision ≤ 1 s)`);
  console.log(`  load average (1, 5, 15 min) before → after each run: ${runs.map((r) => r.load).join("; ")}`);
  const w = runs.at(-1).figures;
  console.log(
    `  engine worker, last answer: ${w.workerEngineMs} ms in the worker (parse, validate, decide with the trace, lint, JSON), ` +
      `${w.workerRoundTripMs} ms round trip; reply ${kb(Number(w.workerReplyBytes))} of JSON, read in ${w.workerReadMs} ms on the page`,
  );
}

// The sweep in Chromium: the engine worker's own time for the benchmark's sweep scenario
// (5 identity policies × 20 statements, every catalog action), and the panel end to end.
async function sweepFigures(browser, url) {
  const { page, context } = await openPage(browser);
  await page.goto(url);
  await ready(page);
  const scenarioPath = join(ROOT, "target/wasm-bench/scenarios/sweep.json");
  if (existsSync(scenarioPath)) {
    const text = await readFile(scenarioPath, "utf8");
    const times = await page.evaluate(async (a) => {
      const w = new Worker("engine-worker.js");
      const run = (id) =>
        new Promise((resolve, reject) => {
          w.onmessage = (e) => {
            if (e.data.kind === "done") resolve([e.data.ms, JSON.parse(e.data.reply).counts.total]);
            else if (e.data.kind === "failed") reject(new Error(e.data.message));
          };
          w.postMessage({ id, kind: "sweep", a, now: null });
        });
      const out = [];
      for (let i = 0; i < 9; i++) out.push(await run(i));
      w.terminate();
      return out;
    }, text);
    const warm = times.slice(1).map((t) => t[0]);
    console.log(
      `sweep in Chromium's worker, ${times[0][1]} actions × 5 policies (target ≤ 50 ms): ` +
        `median ${warm.length ? median(warm).toFixed(1) : "?"} ms over ${warm.length} runs ` +
        `(first run ${times[0][0].toFixed(1)} ms; all: ${times.map((t) => t[0].toFixed(1)).join(", ")})`,
    );
  } else {
    console.log("sweep in Chromium's worker: run bench/wasm/run.sh first (it writes the scenario)");
  }
  // The panel on the example: worker start (engine + catalog) included in the first round trip.
  await page.click('details[data-tool="sweep"] > summary');
  await page.waitForSelector(".sweep-summary");
  const first = await page.evaluate(() => ({ ...document.documentElement.dataset }));
  await page.click(".sweep-run");
  await page.waitForFunction((t) => document.documentElement.dataset.sweepRoundTripMs !== t, first.sweepRoundTripMs);
  await page.waitForSelector(".sweep-summary");
  const again = await page.evaluate(() => ({ ...document.documentElement.dataset }));
  console.log(
    `sweep panel on the example: first run ${first.sweepRoundTripMs} ms round trip ` +
      `(worker start, catalog parse ${first.workerCatalogParseMs} ms, engine ${first.sweepMs} ms); ` +
      `next run ${again.sweepRoundTripMs} ms round trip (engine ${again.sweepMs} ms)`,
  );
  await context.close();
}

// The AWS managed policies: never fetched for the example; fetched and parsed when the picker
// opens (src/store/managed.rs), timed by the app on its root element.
async function managedFigures(browser, url) {
  const path = join(BUILD, "aws-managed-policies.txt");
  if (!existsSync(path)) return;
  const body = await readFile(path);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const { page, context, record } = await openPage(browser);
    await page.goto(url);
    await ready(page);
    const early = record.requests.filter((u) => u.endsWith("aws-managed-policies.txt")).length;
    await page.click(".add-managed");
    await page.waitForFunction(() => document.documentElement.dataset.managedParseMs);
    const d = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    times.push({ fetch: Number(d.managedFetchMs), parse: Number(d.managedParseMs), early });
    await context.close();
  }
  console.log(
    `AWS managed policies: ${kb(body.length)} raw, ${kb(gzipSync(body, { level: 9 }).length)} gzip; ` +
      `fetch median ${ms(median(times.map((t) => t.fetch)))}, parse median ${ms(median(times.map((t) => t.parse)))} ` +
      `(${RUNS} runs, when the picker opens; fetched before it: ${times.filter((t) => t.early).length} times)`,
  );
}

// Parts fetched on demand (not in the app's wasm): the gallery's scenarios (gallery.json) when
// the gallery first opens, the lessons (lessons/ID.json) when the World mode's Lessons section
// first opens. Timed from the click on the section to its list shown; none is fetched before.
async function onDemandFigures(browser, url) {
  if (!existsSync(join(BUILD, "gallery.json"))) return; // a build from before they were split off
  const gallery = [];
  const lessons = [];
  let early = 0;
  for (let i = 0; i < RUNS; i++) {
    const { page, context, record } = await openPage(browser);
    await page.goto(url);
    await ready(page);
    const fetched = (re) => record.requests.filter((u) => re.test(u)).length;
    early += fetched(/gallery\.json$|\/lessons\//);
    const timed = (summary, shown) =>
      page.evaluate(
        ([summary, shown]) =>
          new Promise((resolve) => {
            const t0 = performance.now();
            const done = () => document.querySelector(shown) && resolve(performance.now() - t0);
            new MutationObserver(done).observe(document.body, { childList: true, subtree: true });
            document.querySelector(summary).click();
            done();
          }),
        [summary, shown],
      );
    gallery.push(await timed('details[data-tool="gallery"] > summary', "[data-gallery]"));
    await page.click('.mode-tab[data-mode="world"]');
    await page.waitForSelector('details[data-tool="lessons"] > summary');
    early += fetched(/\/lessons\//);
    lessons.push(await timed('details[data-tool="lessons"] > summary', ".lesson-open"));
    await context.close();
  }
  const size = async (files) => {
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const body = await readFile(join(BUILD, f));
      raw += body.length;
      gz += gzipSync(body, { level: 9 }).length;
    }
    return `${kb(raw)} raw, ${kb(gz)} gzip`;
  };
  const lessonFiles = (await readdir(join(BUILD, "lessons"))).map((f) => `lessons/${f}`);
  console.log(
    `on demand: gallery (${await size(["gallery.json"])}) shown median ${ms(median(gallery))} after its first open; ` +
      `lessons (${lessonFiles.length} files, ${await size(lessonFiles)}) listed median ${ms(median(lessons))} ` +
      `after the Lessons section first opens (${RUNS} runs; fetched before being opened: ${early} times)`,
  );
}

async function main() {
  if (ONLY_BIG) {
    const server = await serve(BUILD);
    const browser = await launch();
    try {
      await bigInputFigures(browser, server.url);
    } finally {
      await browser.close();
      await server.close();
    }
    return;
  }
  const wasm = await readFile(join(BUILD, "iam-playground_bg.wasm"));
  const js = await readFile(join(BUILD, "iam-playground.js"));
  console.log(`wasm: ${kb(wasm.length)} raw, ${kb(gzipSync(wasm, { level: 9 }).length)} gzip`);
  console.log(`js glue: ${kb(js.length)} raw, ${kb(gzipSync(js, { level: 9 }).length)} gzip`);
  const worker = await readFile(join(BUILD, "iam-worker_bg.wasm"));
  console.log(
    `engine worker wasm (loaded when Effective permissions or Compare opens): ${kb(worker.length)} raw, ` +
      `${kb(gzipSync(worker, { level: 9 }).length)} gzip`,
  );

  const server = await serve(BUILD);
  const browser = await launch();
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await firstDecision(browser, server.url));
    const last = runs[runs.length - 1];
    let raw = 0;
    let gz = 0;
    let monaco = 0;
    let monacoGz = 0;
    for (const u of last.files) {
      const path = decodeURIComponent(new URL(u).pathname);
      try {
        const body = await readFile(join(BUILD, path === "/" ? "index.html" : path));
        const z = gzipSync(body, { level: 9 }).length;
        raw += body.length;
        gz += z;
        if (path.startsWith("/vs/")) {
          monaco += body.length;
          monacoGz += z;
        }
      } catch {
        /* blob: or generated */
      }
    }
    const monacoFiles = last.files.filter((u) => new URL(u).pathname.startsWith("/vs/")).length;
    console.log(
      `page downloads: ${last.files.length} files, ${kb(raw)} raw / ${kb(gz)} gzip ` +
        `(Monaco: ${monacoFiles} files, ${kb(monaco)} raw / ${kb(monacoGz)} gzip); ` +
        `requests to other hosts: ${last.foreign.length}`,
    );
    console.log(
      `navigation to first decision: median ${ms(median(runs.map((r) => r.decision)))} ` +
        `(runs: ${runs.map((r) => r.decision.toFixed(0)).join(", ")} ms; ` +
        `DOMContentLoaded median ${ms(median(runs.map((r) => r.domContentLoaded)))})`,
    );

    await onDemandFigures(browser, server.url);
    if (ONLY_LOAD) return;
    const { page, context } = await openPage(browser);
    await page.goto(server.url);
    await ready(page);
    // The service catalog: fetched after the first decision, then parsed (src/catalog_loader.rs).
    await page.waitForFunction(() => document.documentElement.dataset.catalogParseMs);
    const cat = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    const catBody = await readFile(join(BUILD, "iam-catalog.txt"));
    console.log(
      `service catalog: ${kb(catBody.length)} raw, ${kb(gzipSync(catBody, { level: 9 }).length)} gzip; ` +
        `fetch ${cat.catalogFetchMs} ms, parse ${cat.catalogParseMs} ms (after the first decision)`,
    );
    // 1. Typing in the policy editor (includes the edit debounce).
    const putCursor = () =>
      page.evaluate(() => {
        const ed = globalThis.monaco.editor.getEditors()[0];
        const m = ed.getModel().findMatches('"3600"', false, false, true, null, false)[0]
          ?? ed.getModel().findMatches('"36000"', false, false, true, null, false)[0];
        ed.setPosition({ lineNumber: m.range.startLineNumber, column: m.range.startColumn + 5 });
        ed.focus();
      });
    const editor = await measureKeystrokes(page, putCursor, ["0", "Backspace"]);
    const delay = await page.evaluate(() => document.documentElement.dataset.editDelayMs);
    // 2. Typing in a request field.
    const field = page.locator('[data-tags="Resource"] .tag-value').first();
    const focusField = async () => {
      await field.focus();
      await field.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
    };
    const request = await measureKeystrokes(page, focusField, ["x", "Backspace"], 20);
    await context.close();
    console.log(
      `keystroke to updated trace, policy editor (default example): p50 ${ms(median(editor))}, ` +
        `p95 ${ms(quantile(editor, 0.95))} over ${editor.length} keystrokes (target p50 ≤ 30 ms; ` +
        `edit delay now ${delay} ms: no debounce while evaluations are fast; max ${ms(Math.max(...editor))})`,
    );
    console.log(
      `keystroke to updated trace, request field: p50 ${ms(median(request))}, p95 ${ms(quantile(request, 0.95))} ` +
        `(${request.length} keystrokes)`,
    );
    await bigInputFigures(browser, server.url);
    await managedFigures(browser, server.url);
    await sweepFigures(browser, server.url);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
