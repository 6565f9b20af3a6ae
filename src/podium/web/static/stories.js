// A story's sentences open the facts behind them: tap, click, Enter or Space toggles the
// panel below the sentence's paragraph; its Close button (or Escape) shuts it again.
(function () {
  "use strict";
  function toggle(sentence, open) {
    const panel = document.getElementById(sentence.getAttribute("aria-controls"));
    if (!panel) return;
    const show = open === undefined ? panel.hidden : open;
    panel.hidden = !show;
    sentence.setAttribute("aria-expanded", String(show));
  }
  for (const s of document.querySelectorAll(".sentence[role=button]")) {
    s.addEventListener("click", () => toggle(s));
    s.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(s); }
    });
  }
  for (const b of document.querySelectorAll(".facts .close")) {
    b.addEventListener("click", () => {
      const s = document.querySelector(".sentence[aria-controls='" + b.dataset.for + "']");
      if (s) { toggle(s, false); s.focus(); }
    });
  }
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    const open = document.activeElement && document.activeElement.closest(".facts");
    if (open) open.querySelector(".close").click();
  });
})();
