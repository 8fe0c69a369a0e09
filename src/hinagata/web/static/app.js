// Hinagata web: small progressive enhancements (the pages work without JavaScript).
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".copied");
  try {
    await navigator.clipboard.writeText(source.value);
    if (status) status.textContent = "コピーしました";
  } catch (e) {
    source.select();
    if (status) status.textContent = "選択しました。Ctrl+C でコピーしてください";
  }
});

// After a check, the verdict is where the reader's attention goes: focus moves to it (a
// screen reader reads it out), instead of leaving the reader at the top of the form.
document.addEventListener("DOMContentLoaded", () => {
  const verdict = document.querySelector("[data-focus-on-load]");
  if (verdict) verdict.focus();
});

// A table or box that scrolls sideways (a wide table on a phone) can be focused, so it
// can be scrolled with the keyboard; one that fits is not a tab stop.
function markScrollable() {
  for (const el of document.querySelectorAll("table.list, .scroll")) {
    if (el.scrollWidth > el.clientWidth + 1) {
      if (!el.hasAttribute("tabindex")) { el.tabIndex = 0; el.dataset.scrollable = "1"; }
    } else if (el.dataset.scrollable) {
      el.removeAttribute("tabindex");
      delete el.dataset.scrollable;
    }
  }
}
document.addEventListener("DOMContentLoaded", markScrollable);
window.addEventListener("resize", markScrollable);
