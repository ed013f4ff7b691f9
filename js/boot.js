// Starts the app (kept out of index.html: the page's Content-Security-Policy allows no inline
// script). Trunk is configured with stable file names, see Trunk.toml.
import init from "./iam-playground.js";

// Monaco's loader, fetched alongside the app; an embed (`#embed…`), which shows no editor, skips
// it (js/monaco.js loads it on demand either way).
if (!/[#&]embed(=|&|$)/.test(location.hash)) {
  const script = document.createElement("script");
  script.src = "vs/loader.js";
  script.dataset.monacoLoader = "";
  document.head.append(script);
}

await init({ module_or_path: new URL("./iam-playground_bg.wasm", import.meta.url) });
