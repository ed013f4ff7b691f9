// Trunk post-build hook (Trunk.toml, before stamp-sw.mjs): minifies the embed's wasm-bindgen
// loader (iam-embed.js, ~37 KB as generated) with terser, so that a docs page's embed downloads
// less before its first decision. Only the embed's own build: the playground's files stay as
// Trunk writes them.
//   node scripts/embed-js.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR, then dist/)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { minify } from "terser";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(root, "dist");
const file = join(dir, "iam-embed.js");
const text = readFileSync(file, "utf8");
// An ES module: its exports (init, initSync, …) keep their names; everything inside is renamed.
const { code } = await minify(text, { module: true, ecma: 2020, compress: true, mangle: true });
if (!code) {
  console.error("embed-js: terser gave no code");
  process.exit(1);
}
writeFileSync(file, code);
console.log(`embed-js: iam-embed.js ${text.length} -> ${code.length} bytes`);
