// Offline use: the service worker (public/sw.js, registered by js/boot.js) caches the
// playground on the first visit; offline, a reload still shows the default decision, with the
// catalog, the editor and the engine worker. A new build is picked up on the next online load
// and the old cache is deleted. Run: node --test tests/offline.test.mjs (after trunk build).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DIST, decisions, launch, openPage, ready, screenshot, serve } from "./harness.mjs";

let browser;
let server;
// A new deployment, played by the server: sw.js with another build id and a marked page.
let deployed = false;
const NEW_BUILD = "a-newer-build";

before(async () => {
  server = await serve(DIST, {
    base: "/tools/iam/",
    override: (path) => {
      if (!deployed) return undefined;
      const text = (p) => readFileSync(join(DIST, p), "utf8");
      if (path === "sw.js") return text("sw.js").replace(/^const BUILD = .*;$/m, `const BUILD = "${NEW_BUILD}";`);
      if (path === "index.html") return text("index.html").replace("<title>", '<meta name="build" content="new" /><title>');
      return undefined;
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The page's service worker once it controls the page and its install (the caching) is done. */
function controlled(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
    return reg.scope;
  });
}

/** Cache names, and the paths in the playground's cache. */
function cached(page) {
  return page.evaluate(async () => {
    const names = await caches.keys();
    const mine = names.find((n) => n.startsWith("iam-playground-"));
    const keys = mine ? await (await caches.open(mine)).keys() : [];
    return { names, paths: keys.map((r) => new URL(r.url).pathname) };
  });
}

test("after one visit the playground works offline, and a new build replaces the cache", { timeout: 120_000 }, async () => {
  const { context, page, record } = await openPage(browser, { serviceWorkers: "allow" });
  try {
    await page.goto(server.url);
    await ready(page);
    assert.equal(await controlled(page), server.url, "the worker's scope is the page's folder");
    const sw = readFileSync(join(DIST, "sw.js"), "utf8");
    const build = sw.match(/^const BUILD = "(.*)";$/m)?.[1];
    assert.ok(build && build !== "unstamped", "Trunk's post-build hook stamped sw.js");
    const first = await cached(page);
    assert.deepEqual(first.names, [`iam-playground-${build}`]);
    for (const f of ["", "iam-playground_bg.wasm", "iam-catalog.txt", "iam-worker_bg.wasm", "vs/editor/editor.main.js", "vs/loader.js"]) {
      assert.ok(first.paths.includes(`/tools/iam/${f}`), `${f || "the page"} is cached`);
    }

    await context.setOffline(true);
    await page.reload();
    await ready(page);
    assert.deepEqual(await decisions(page), [
      ["s3:GetObject", "allowed"],
      ["s3:DeleteObject", "implicitDeny"],
    ]);
    // The catalog (for the editor's findings) and the engine worker load from the cache too.
    await page.waitForFunction(() => document.documentElement.dataset.catalogParseMs);
    await page.click('details[data-tool="sweep"] > summary');
    await page.waitForSelector(".sweep-summary strong");
    // The example's two object actions, and sts:GetCallerIdentity (it needs no permission).
    assert.match(await page.textContent(".sweep-summary strong"), /^3 allowed/);
    await screenshot(page, "offline.png");

    // A new deployment: online, the next load shows it (network first), the new worker caches
    // it and deletes the old cache; offline again, the new version is what the cache serves.
    deployed = true;
    await context.setOffline(false);
    await page.reload();
    await ready(page);
    assert.equal(await page.getAttribute('meta[name="build"]', "content"), "new");
    await page.waitForFunction(
      async (name) => (await caches.keys()).join() === name,
      `iam-playground-${NEW_BUILD}`,
      { polling: 100 },
    );
    await context.setOffline(true);
    await page.reload();
    await ready(page);
    assert.equal(await page.getAttribute('meta[name="build"]', "content"), "new");
    assert.equal((await decisions(page))[0][1], "allowed");

    assert.deepEqual(record.foreign, [], "requests to other hosts");
    assert.deepEqual(record.errors, [], "console errors");
    const missing = server.served.filter(([, status]) => status === 404);
    assert.deepEqual(missing, [], "requests the server could not answer");
  } finally {
    await context.close();
  }
});
