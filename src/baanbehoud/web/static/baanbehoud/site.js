// On a phone the list comes first: a list's filters fold away unless some are chosen
// (issue 18 §5). Without this script they simply stay open.
document.addEventListener("DOMContentLoaded", function () {
  if (!window.matchMedia("(max-width: 40rem)").matches) return;
  document.querySelectorAll("details.list-filters").forEach(function (panel) {
    if (panel.dataset.chosen !== "ja") panel.removeAttribute("open");
  });
});
