// The playground's service worker: after one visit the playground works offline. Registered by
// js/boot.js (never from an embed), with the page's folder as its scope, so the site works under
// any path.
//
// Online, every request of the playground goes to the network first and the answer refreshes
// the cache, so a new version shows on the next online load and no file of one version is ever
// mixed with a file of another. Offline, the cache answers. BUILD and FILES are written into
// this file when Trunk builds (scripts/stamp-sw.mjs): a hash of the build's files, and the files
// to cache at install — the app shell, wasm, service catalog, engine worker, icons, manifest
// and the Monaco files the editor loads (scripts/monaco-files.txt). A new build means a new
// BUILD: the browser installs this worker again, which fills a new cache and deletes the old.
const BUILD = "unstamped";
const FILES = [];
const PREFIX = "iam-playground-";
const CACHE = PREFIX + BUILD;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: straight from the server, never from the HTTP cache of an older build.
      await cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  event.respondWith(networkFirst(event, request));
});

async function networkFirst(event, request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.status === 200 && response.type === "basic") {
      event.waitUntil(cache.put(request, response.clone()));
    }
    return response;
  } catch (offline) {
    // A page opened with a query string is the same page; a navigation falls back to the shell.
    const navigate = request.mode === "navigate";
    const hit =
      (await cache.match(request, { ignoreSearch: navigate })) ??
      (navigate ? await cache.match(new URL("./", self.registration.scope).href) : undefined);
    if (hit) return hit;
    throw offline;
  }
}
