// node wasm-n.cjs PKG SCENARIO N: N calls of parse_simulate after 2,000 warm-up calls, for
// callgrind (run.sh subtracts a run with N = 0). PKG is bench/wasm's wasm-bindgen output.
const wasm = require(`${process.argv[2]}/iam_engine_wasm_bench.js`);
const text = require("node:fs").readFileSync(process.argv[3], "utf8");
const n = Number(process.argv[4]);
for (let i = 0; i < 2000; i++) wasm.parse_simulate(text);
let k = 0;
for (let i = 0; i < n; i++) k += wasm.parse_simulate(text);
console.log(k);
