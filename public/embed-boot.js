// Starts the embed page (embed.html). Kept out of the page: its Content-Security-Policy allows
// no inline script. A link in the playground's own format (`p1=`, the full state) needs the
// full build's reader, so it opens as index.html#embed…, which reads it.
if (/[#&]p1=/.test(location.hash) && !/[#&]scenario=/.test(location.hash)) {
  location.replace(`./${location.hash}`);
} else {
  const { default: init } = await import("./iam-embed.js");
  await init({ module_or_path: new URL("./iam-embed_bg.wasm", import.meta.url) });
}
