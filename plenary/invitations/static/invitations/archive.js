// Progress of the ZIP of all letters, polled until it is ready or failed.
(function () {
  const box = document.getElementById("archive-progress");
  if (!box) return;
  const bar = box.querySelector("progress");
  const label = box.querySelector(".archive-label");
  const error = box.querySelector(".archive-error");
  const download = box.querySelector(".archive-download");
  const failures = box.querySelector(".archive-failures");
  const poll = () => {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((state) => {
        bar.value = state.percent;
        label.textContent = state.label + ": " + state.done + " / " + state.total;
        error.textContent = state.error;
        if (state.status === "done") download.hidden = false;
        if (state.status === "done" && state.failures.length) {
          const list = failures.querySelector("ul");
          list.replaceChildren(
            ...state.failures.map((line) => {
              const item = document.createElement("li");
              item.textContent = line;
              return item;
            }),
          );
          failures.hidden = false;
        }
        if (state.status !== "done" && state.status !== "failed") setTimeout(poll, 1000);
      });
  };
  if (box.dataset.status !== "done" && box.dataset.status !== "failed") poll();
})();
