// Starts the app (kept out of index.html: the page's Content-Security-Policy allows no inline
// script). Trunk is configured with stable file names, see Trunk.toml.
import init from "./iam-playground.js";

await init({ module_or_path: new URL("./iam-playground_bg.wasm", import.meta.url) });
