// Trunk post-build hook (Trunk.toml, before stamp-sw.mjs): writes the embed's stylesheet,
// embed.css, from the build's main.css — the rules whose selectors can match what the embed page
// renders, in main.css's order, so that the embed (public/embed.html) downloads a third of the
// app's stylesheet and the two never drift apart (style/main.css stays the only source).
//
// A selector is kept when every class and id it names (outside `:not(…)`) is a word of the
// embed's view sources (EMBED_SOURCES: the embed page, the trace view it shares with the app,
// and the helpers they use); selectors naming no class or id (`:root`, `code`, `[data-theme]`)
// are kept. Over-keeping is harmless; a view file the embed starts to use must be listed here.
//   node scripts/embed-css.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR, then dist/)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(root, "dist");

/** The Rust files whose views the embed page shows (src/shell/embed.rs mounts them). */
export const EMBED_SOURCES = [
  "src/shell/embed.rs",
  "src/features/embed/page.rs",
  "src/features/embed/context.rs",
  "src/features/result/trace_view.rs",
  "src/features/result/closest.rs",
  "src/features/result/links.rs",
  "src/store/explain.rs",
  "src/ui/details.rs",
  "src/ui/words.rs",
];

/** The words (`[A-Za-z][A-Za-z0-9_-]*`) of the embed's view sources that can name a class or an
 * id: those in string literals (`class="…"`, class names returned by helpers) and the names of
 * `class:NAME=` toggles. */
export function embedWords(base = root) {
  const words = new Set();
  for (const f of EMBED_SOURCES) {
    const text = readFileSync(join(base, f), "utf8");
    const literals = text.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
    const toggles = [...text.matchAll(/class:([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    for (const w of [...literals.flatMap((l) => l.match(/[A-Za-z][A-Za-z0-9_-]*/g) ?? []), ...toggles]) {
      words.add(w);
    }
  }
  return words;
}

/** A rule's declarations without comments and with white space collapsed. */
function compact(body) {
  return body
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The top-level items of a stylesheet: `{ prelude, body }` blocks and comments dropped. */
function blocks(css) {
  const out = [];
  let i = 0;
  let start = 0;
  while (i < css.length) {
    if (css.startsWith("/*", i)) {
      const end = css.indexOf("*/", i + 2);
      i = end < 0 ? css.length : end + 2;
      start = i;
      continue;
    }
    if (css[i] === "{") {
      let depth = 1;
      let j = i + 1;
      while (j < css.length && depth > 0) {
        if (css.startsWith("/*", j)) {
          const end = css.indexOf("*/", j + 2);
          j = end < 0 ? css.length : end + 2;
          continue;
        }
        if (css[j] === '"' || css[j] === "'") {
          const q = css[j];
          j++;
          while (j < css.length && css[j] !== q) j += css[j] === "\\" ? 2 : 1;
        }
        if (css[j] === "{") depth++;
        if (css[j] === "}") depth--;
        j++;
      }
      out.push({ prelude: css.slice(start, i).trim(), body: css.slice(i + 1, j - 1) });
      i = j;
      start = i;
      continue;
    }
    i++;
  }
  return out;
}

/** Split a selector list at its top-level commas. */
function selectors(prelude) {
  const out = [];
  let depth = 0;
  let cur = "";
  for (const ch of prelude) {
    if (ch === "(" || ch === "[") depth++;
    if (ch === ")" || ch === "]") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else {
      cur += ch;
    }
  }
  out.push(cur.trim());
  return out.filter(Boolean);
}

/** Whether a selector can match in the embed: every class and id it needs is a known word. */
function matches(selector, words) {
  const needed = selector.replace(/:not\([^)]*\)/g, "").replace(/\[[^\]]*\]/g, "");
  const names = [...needed.matchAll(/[.#]([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
  return names.every((n) => words.has(n));
}

/** `css` with only the rules (and @media blocks' rules) that can match in the embed. */
export function embedCss(css, words) {
  const out = [];
  for (const { prelude, body } of blocks(css)) {
    if (prelude.startsWith("@media") || prelude.startsWith("@supports")) {
      const inner = embedCss(body, words);
      if (inner.trim()) out.push(`${prelude}{\n${inner}}\n`);
    } else if (prelude.startsWith("@")) {
      out.push(`${prelude}{${compact(body)}}\n`);
    } else {
      const kept = selectors(prelude).filter((s) => matches(s, words));
      if (kept.length) out.push(`${kept.join(",")}{${compact(body)}}\n`);
    }
  }
  return out.join("");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const css = readFileSync(join(dir, "main.css"), "utf8");
  const text = `/* The embed's rules of main.css (scripts/embed-css.mjs writes this file at build time). */\n${embedCss(css, embedWords())}`;
  writeFileSync(join(dir, "embed.css"), text);
  console.log(`embed-css: embed.css ${text.length} bytes of main.css's ${css.length}`);
}
