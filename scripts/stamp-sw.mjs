// Trunk post-build hook (Trunk.toml): writes into the build's sw.js (public/sw.js) the files the
// service worker caches at install and a hash of them, so that every build that changes a file
// has its own cache. The files: every file of the build except Monaco's vs/ folder, plus the
// vs/ files the editor loads (scripts/monaco-files.txt); `./` stands for the page itself.
//   node scripts/stamp-sw.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR, then dist/)
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(root, "dist");
const sw = join(dir, "sw.js");
if (!existsSync(sw)) {
  console.error(`stamp-sw: ${sw} is missing (public/ is not copied?)`);
  process.exit(1);
}

/** Every file under `d`, as paths relative to `dir` with `/`. */
function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : [relative(dir, p).split(sep).join("/")];
  });
}

function monacoFiles() {
  return readFileSync(join(root, "scripts/monaco-files.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

const own = walk(dir).filter((f) => f !== "sw.js" && !f.startsWith("vs/"));
const monaco = monacoFiles();
const missing = monaco.filter((f) => !existsSync(join(dir, f)));
if (missing.length) {
  console.error(`stamp-sw: listed in scripts/monaco-files.txt but not built: ${missing.join(", ")}`);
  process.exit(1);
}
const files = [...own, ...monaco].sort();
const hash = createHash("sha256");
for (const f of files) {
  hash.update(f + "\0");
  hash.update(readFileSync(join(dir, f)));
}
const build = hash.digest("hex").slice(0, 16);
const text = readFileSync(sw, "utf8")
  .replace(/^const BUILD = .*;$/m, `const BUILD = ${JSON.stringify(build)};`)
  .replace(/^const FILES = .*;$/m, `const FILES = ${JSON.stringify(["./", ...files])};`);
if (!text.includes(build)) {
  console.error("stamp-sw: sw.js has no `const BUILD = …;` line");
  process.exit(1);
}
writeFileSync(sw, text);
console.log(`stamp-sw: build ${build}, ${files.length + 1} files to cache`);
