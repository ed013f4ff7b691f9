// Starts the app (kept out of index.html: the page's Content-Security-Policy allows no inline
// script). Trunk is configured with stable file names, see Trunk.toml.
import init from "./iam-playground.js";

// Monaco's loader, fetched alongside the app; an embed (`#embed…`), which shows no editor, skips
// it (js/monaco.js loads it on demand either way).
const embed = /[#&]embed(=|&|$)/.test(location.hash);
if (!embed) {
  const script = document.createElement("script");
  script.src = "vs/loader.js";
  script.dataset.monacoLoader = "";
  document.head.append(script);
}

// Offline use: the service worker (public/sw.js) keeps the playground after the first visit.
// Registered once the page has loaded (its caching then competes with nothing), relative to this
// page so that the site works under any path; never from an embed, which may sit on any docs
// page and needs no editor files.
if (!embed && "serviceWorker" in navigator) {
  const register = () =>
    navigator.serviceWorker
      .register("sw.js", { scope: "./", updateViaCache: "none" })
      .catch((e) => console.info("the playground will not work offline:", e.message));
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
}

await init({ module_or_path: new URL("./iam-playground_bg.wasm", import.meta.url) });
