// The JavaScript module as a user gets it: unpacked from the npm tarball that
// scripts/build-js.sh writes (pkg/iam-engine-*.tgz), resolved by its package name, and checked
// against real decisions and against what `iam-sim` prints for the same input.
// Run: scripts/build-js.sh --test (or node --test crates/js/tests/ after a build).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const golden = join(root, "crates/cli/tests/golden");
let engine;
let pkgDir;

before(async () => {
  const tarball = readdirSync(join(root, "pkg")).find((f) => /^iam-engine-.*\.tgz$/.test(f));
  assert.ok(tarball, "pkg/iam-engine-*.tgz is missing: run scripts/build-js.sh");
  const dir = mkdtempSync(join(tmpdir(), "iam-engine-"));
  pkgDir = join(dir, "node_modules", "iam-engine");
  mkdirSync(pkgDir, { recursive: true });
  execFileSync("tar", ["-xzf", join(root, "pkg", tarball), "-C", pkgDir, "--strip-components=1"]);
  // Resolve by name, as `import "iam-engine"` does from a project that installed the tarball.
  const entry = createRequire(join(dir, "index.js")).resolve("iam-engine");
  engine = await import(pathToFileURL(entry).href);
});

/** What `iam-sim ARGS` prints on stdout (the CLI built from the same sources). */
function cli(args) {
  const r = spawnSync("cargo", ["run", "--locked", "-q", "-p", "iam-cli", "--", ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  assert.ok(r.status === 0 || r.status === 1, `iam-sim ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

const allowGet = {
  Version: "2012-10-17",
  Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
};

test("the README example: an identity policy allows GetObject, nothing allows PutObject", () => {
  // SPEC §6.3: an applicable Allow and no Deny → allowed; no applicable Allow → implicit deny.
  const out = engine.simulate({ PolicyInputList: [allowGet], ActionNames: ["s3:GetObject", "s3:PutObject"] });
  assert.deepEqual(
    out.EvaluationResults.map((r) => `${r.EvalActionName}: ${r.EvalDecision}`),
    ["s3:GetObject: allowed", "s3:PutObject: implicitDeny"],
  );
  assert.deepEqual(out.Diagnostics, []);
});

test("an explicit deny wins over an allow, and names the statement that decided", () => {
  // SPEC §6.3 step 1: an applicable Deny in any policy → explicitDeny.
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "s3:*", Resource: "*" },
      { Sid: "NoDeletes", Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::team-data/*" },
    ],
  });
  const scenario = JSON.stringify({
    PolicyInputList: [policy],
    ActionNames: ["s3:DeleteObject", "s3:GetObject"],
    ResourceArns: ["arn:aws:s3:::team-data/report.csv"],
  });
  const [del, get] = engine.simulate(scenario).EvaluationResults;
  assert.equal(del.EvalDecision, "explicitDeny");
  assert.equal(del.MatchedStatements[0].Sid, "NoDeletes");
  assert.equal(get.EvalDecision, "allowed");
});

test("simulate, validate, sweep and explain answer exactly what iam-sim prints", () => {
  const text = readFileSync(join(golden, "abac.json"), "utf8");
  assert.deepEqual(engine.simulate(text, { now: null }), JSON.parse(cli(["simulate", join(golden, "abac.json"), "--no-clock"])));
  const traced = engine.simulate(text, { trace: true, now: "2026-01-01T00:00:00Z" });
  assert.deepEqual(
    traced,
    JSON.parse(cli(["simulate", join(golden, "abac.json"), "--trace", "--now", "2026-01-01T00:00:00Z"])),
  );
  assert.ok(traced.EvaluationResults[0].Trace, "trace: true attaches the trace");
  const report = JSON.parse(cli(["validate", join(golden, "policy-issues.json"), "--json"]));
  const mine = engine.validate(readFileSync(join(golden, "policy-issues.json"), "utf8"));
  assert.equal(mine.file, "<input>");
  assert.deepEqual({ ...mine, file: report.file }, report);
  assert.equal(mine.summary.errors, 3);
  assert.deepEqual(engine.sweep(text, { now: 1700000000 }), JSON.parse(cli(["sweep", join(golden, "abac.json"), "--json", "--now", "1700000000"])));
  assert.equal(engine.explain(text, { now: null }), cli(["explain", join(golden, "abac.json"), "--no-clock", "--color", "never"]));
});

test("a World scenario: a cross-account AssumeRole hop, then the request", () => {
  const text = readFileSync(join(golden, "world.json"), "utf8");
  const out = engine.simulate(text, { now: null });
  assert.deepEqual(out, JSON.parse(cli(["simulate", join(golden, "world.json"), "--no-clock"])));
  assert.ok(out.EvaluationResults[0].Chain.length > 0, "the hop is in the response");
});

test("the request time fills aws:CurrentTime", () => {
  const policy = {
    Version: "2012-10-17",
    Statement: {
      Effect: "Allow", Action: "s3:GetObject", Resource: "*",
      Condition: { DateLessThan: { "aws:CurrentTime": "2026-06-01T00:00:00Z" } },
    },
  };
  const at = (now) => engine.simulate({ PolicyInputList: [policy], ActionNames: ["s3:GetObject"] }, { now })
    .EvaluationResults[0];
  assert.equal(at("2026-01-01T00:00:00Z").EvalDecision, "allowed");
  assert.equal(at(1798761600).EvalDecision, "implicitDeny"); // 2027-01-01
  assert.deepEqual(at(null).MissingContextValues, ["aws:CurrentTime"]);
  assert.throws(() => at("soon"), /now: `soon` is not a time/);
});

test("bad input throws with LINE:COL and the diagnostics", () => {
  const err = (() => {
    try {
      engine.simulate('{"ActionNames": ["s3:GetObject"],\n "PolicyInputList": [}');
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof Error);
  assert.match(err.message, /^<input>:2:22: error: /);
  assert.equal(err.diagnostics[0].code, "json-syntax");
  assert.throws(() => engine.validate("{", {}), /^Error: <input>:1:2: ERROR json-syntax/);
  assert.throws(() => engine.validate("{}", { type: "nope" }), /type: `nope`/);
  assert.throws(() => engine.simulate(undefined), /the scenario is missing/);
});

test("the package carries its types and a version", () => {
  const types = readFileSync(join(pkgDir, "index.d.ts"), "utf8");
  for (const f of ["simulate", "explain", "validate", "sweep"]) {
    assert.match(types, new RegExp(`export function ${f}\\(`));
  }
  const v = engine.version();
  assert.equal(v.engine, JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version);
  assert.match(v.catalog, /^@cloud-copilot\/iam-data@/);
  assert.ok(existsSync(join(pkgDir, "iam_engine_bg.wasm")));
});

test("the same package works in a browser as an ES module", async () => {
  const { launch, serve } = await import("../../../tests/harness.mjs");
  const page = `<!doctype html><script type="module">
    import { simulate, version } from "./index.js";
    const out = simulate({ PolicyInputList: [${JSON.stringify(allowGet)}], ActionNames: ["s3:GetObject", "s3:PutObject"] });
    window.answer = { decisions: out.EvaluationResults.map((r) => r.EvalDecision), engine: version().engine };
  </script>`;
  const server = await serve(pkgDir, { override: (p) => (p === "test.html" ? page : undefined) });
  const browser = await launch();
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    await tab.goto(`${server.url}test.html`);
    const answer = await tab.waitForFunction(() => window.answer).then((h) => h.jsonValue());
    assert.deepEqual(answer.decisions, ["allowed", "implicitDeny"]);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
