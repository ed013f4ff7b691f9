// Host side of the embed protocol (README, "Embedding"): record every message from the
// playground iframe, fit its height, and let the test send scenarios.
const frame = document.getElementById("playground");
const origin = new URL(new URLSearchParams(location.search).get("src")).origin;
window.messages = [];
window.addEventListener("message", (ev) => {
  if (ev.source !== frame.contentWindow || ev.origin !== origin) return;
  window.messages.push(ev.data);
  // `decision` and `resize` messages carry the content's height: the frame fits it exactly.
  if (ev.data?.height > 0) {
    frame.style.height = `${ev.data.height}px`;
  }
});
window.send = (message) => frame.contentWindow.postMessage(message, origin);
window.firstDecisionAt = new Promise((ok) => {
  const t = setInterval(() => {
    if (window.messages.some((m) => m.type === "iam-playground:decision")) {
      clearInterval(t);
      ok(performance.now());
    }
  }, 5);
});
frame.src = new URLSearchParams(location.search).get("src");
