// embed.js — turns a docs page's IAM examples into live embeds of this site (README,
// "Embedding"). A page adds, once:
//
//   <script src="https://docs.example.com/iam/embed.js" defer></script>
//
// and writes each example as a scenario document (the format `iam-sim` reads, `Expected`
// decisions included) in either form:
//
//   <pre class="iam-playground" data-mode="edit" data-theme="dark">{ "PolicyInputList": … }</pre>
//   <iam-playground mode="ro" theme="auto" height="auto">{ "PolicyInputList": … }</iam-playground>
//
// Each becomes an iframe of embed.html from the same folder as this script (so a site served
// from a subpath works), loaded only when it comes near the screen, always exactly as tall as
// its content (the embed posts its height on every change), titled for screen readers. The
// scenario travels in the iframe's fragment (`#scenario=` base64url of its UTF-8 text): no
// server, nothing sent anywhere. Until the embed has drawn, the page shows the example's text.
// `iam-sim test` reads the same `<pre>` blocks (their textContent), so a docs folder's examples
// can be checked in CI. No build step, no dependency; plain ES2017.
(() => {
  "use strict";
  const script =
    document.currentScript ||
    Array.from(document.querySelectorAll("script[src]")).find((s) => /(^|\/)embed\.js([?#]|$)/.test(s.src));
  if (!script) return;
  const base = new URL(".", script.src);
  const origin = base.origin;
  const SELECTOR = "pre.iam-playground, iam-playground";
  const frames = new Map(); // contentWindow → { frame, wrapper, source }

  /** base64url (no padding) of the UTF-8 bytes of `text`. */
  function base64url(text) {
    const bytes = new TextEncoder().encode(text);
    let bin = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /** An option of an example: `data-NAME` on a <pre>, `NAME` on an <iam-playground>. */
  function option(el, name) {
    return el.getAttribute(el.localName === "pre" ? `data-${name}` : name) || el.getAttribute(`data-${name}`) || "";
  }

  /** A title naming the example's actions, for screen readers. */
  function titleOf(el, text) {
    const own = el.getAttribute("title") || option(el, "title");
    if (own) return own;
    try {
      const actions = JSON.parse(text).ActionNames;
      if (Array.isArray(actions) && actions.length) return `IAM policy example: ${actions.join(", ")}`;
    } catch (_) {
      // The embed shows the reader what is wrong with the text.
    }
    return "IAM policy example";
  }

  /** The embed page's address for an example. */
  function address(el, text) {
    const mode = option(el, "mode") === "edit" ? "edit" : "ro";
    const theme = option(el, "theme");
    const t = theme === "dark" || theme === "auto" ? `&theme=${theme}` : "";
    return new URL(`embed.html#embed=${mode}${t}&scenario=${base64url(text)}`, base).href;
  }

  /** Replace one example with its embed (the example's text stays shown until it has drawn). */
  function mount(el) {
    if (el.dataset.iamPlaygroundMounted) return;
    el.dataset.iamPlaygroundMounted = "";
    const text = el.textContent.trim();
    const fixed = /^\d+$/.test(option(el, "height")) ? Number(option(el, "height")) : 0;
    const wrapper = document.createElement("div");
    wrapper.className = "iam-playground-embed";
    wrapper.style.cssText = "margin:1em 0";
    el.parentNode.insertBefore(wrapper, el);
    wrapper.appendChild(el);
    const frame = document.createElement("iframe");
    frame.title = titleOf(el, text);
    frame.setAttribute("allow", "clipboard-write");
    frame.setAttribute("scrolling", fixed ? "auto" : "no");
    // Height 0 until the embed says how tall it is; the example's text shows meanwhile.
    frame.style.cssText = "display:block;width:100%;height:0;border:1px solid #8884;border-radius:6px;box-sizing:content-box";
    frame.tabIndex = -1;
    wrapper.appendChild(frame);
    const load = () => {
      frame.src = address(el, text);
      frames.set(frame.contentWindow, { frame, el, fixed, shown: false });
    };
    if ("IntersectionObserver" in window) {
      const io = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            io.disconnect();
            load();
          }
        },
        { rootMargin: "400px 0px" },
      );
      io.observe(wrapper);
    } else {
      load();
    }
  }

  /** Size a frame to its content; the first time, show it in place of the example's text. */
  function fit(entry, height) {
    const { frame, el, fixed } = entry;
    // The frame's border is outside its content box: the page inside gets exactly `height`.
    frame.style.height = `${fixed || Math.ceil(height)}px`;
    if (!entry.shown) {
      entry.shown = true;
      el.hidden = true;
      el.style.display = "none";
      frame.removeAttribute("tabindex");
    }
  }

  window.addEventListener("message", (ev) => {
    if (ev.origin !== origin) return;
    const entry = frames.get(ev.source);
    const data = ev.data;
    if (!entry || !data || typeof data.type !== "string") return;
    if (typeof data.height === "number" && data.height > 0) fit(entry, data.height);
    // Pages may listen too: the same message, from the element the example was written as.
    entry.el.dispatchEvent(new CustomEvent(data.type, { detail: data, bubbles: true }));
  });

  function scan(root) {
    (root || document).querySelectorAll(SELECTOR).forEach(mount);
  }

  window.IamPlayground = { scan, base: base.href };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => scan());
  } else {
    scan();
  }
})();
