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
