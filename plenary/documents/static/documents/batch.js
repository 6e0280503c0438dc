// While the batch is being made, fetch this page again every few seconds and replace the progress
// only: the reader's place and focus stay where they are (no whole-page refresh, WCAG 2.2.1).
(function () {
  const progress = document.getElementById("batch-progress");
  if (!progress || progress.dataset.finished === "true") return;
  const poll = async () => {
    const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("batch-progress");
    if (!fresh) return;
    progress.replaceChildren(...fresh.childNodes);
    progress.dataset.status = fresh.dataset.status;
    if (fresh.dataset.finished !== "true") window.setTimeout(poll, 3000);
  };
  window.setTimeout(poll, 3000);
})();
