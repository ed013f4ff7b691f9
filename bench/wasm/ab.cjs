// node bench/wasm/ab.cjs PKG_A PKG_B SCENARIO.json [ROUNDS]: `parse_simulate` of two builds of
// bench/wasm (wasm-bindgen output directories) on one scenario, interleaved in one process so
// that both see the same load: per call, the minimum and the median of ROUNDS rounds of 2,000
// calls each (after 3,000 warm-up calls of each).
const fs = require("node:fs");
const [a, b, scenario, rounds = "30"] = process.argv.slice(2);
const builds = { A: require(`${a}/iam_engine_wasm_bench.js`), B: require(`${b}/iam_engine_wasm_bench.js`) };
const text = fs.readFileSync(scenario, "utf8");
const n = 2000;
const times = { A: [], B: [] };
for (let i = 0; i < 3000; i++) for (const m of Object.values(builds)) m.parse_simulate(text);
for (let r = 0; r < Number(rounds); r++) {
  for (const k of r % 2 ? ["A", "B"] : ["B", "A"]) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) builds[k].parse_simulate(text);
    times[k].push(Number(process.hrtime.bigint() - t0) / 1000 / n);
  }
}
for (const k of ["A", "B"]) {
  const s = times[k].sort((x, y) => x - y);
  console.log(`${k} parse_simulate: min ${s[0].toFixed(2)} µs, median ${s[s.length >> 1].toFixed(2)} µs`);
}
