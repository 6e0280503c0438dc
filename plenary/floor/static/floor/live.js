// Keeps a speakers' list page current: polls the list's small JSON every second (data-poll), and
// counts the speaker's time down between answers. Pages with forms (the chair's, the focal point's)
// reload when the list changed, so their forms always act on what they show. Without JavaScript,
// the page's <noscript> refresh reloads it instead.
(function () {
  "use strict";
  const root = document.querySelector("[data-live-url]");
  if (!root) return;
  const every = Number(root.dataset.poll) || 1000;
  let state = null;
  let offset = 0;

  function clock(seconds) {
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function span(className, text) {
    const element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  function speakerRow(item) {
    const row = document.createElement("li");
    row.append(span("speaker-name", item.name), " ", span("speaker-delegation", item.delegation), " ",
      span("speaker-mode", item.mode_label));
    if (item.point_of_order) {
      const badge = document.createElement("strong");
      badge.className = "point-of-order";
      badge.textContent = root.dataset.pointOfOrderLabel;
      row.append(" ", badge);
    }
    return row;
  }

  function fillList(selector, items) {
    root.querySelectorAll(selector).forEach(function (list) {
      list.replaceChildren(...items.map(speakerRow));
      if (!items.length) list.replaceChildren(span("muted", root.dataset.nobodyWaitingLabel));
    });
  }

  function render() {
    const current = state.current;
    root.querySelectorAll("[data-current-name]").forEach(function (element) {
      element.textContent = current ? current.name : root.dataset.nobodySpeakingLabel;
    });
    root.querySelectorAll("[data-current-delegation]").forEach(function (element) {
      element.textContent = current ? current.delegation : "";
    });
    root.querySelectorAll("[data-current-mode]").forEach(function (element) {
      element.textContent = current ? current.mode_label : "";
    });
    fillList("[data-next]", state.next);
    fillList("[data-queue]", state.queue);
  }

  function tick() {
    const seconds = state && state.current
      ? Math.max(0, Math.ceil((state.current.ends_at - (Date.now() + offset)) / 1000))
      : null;
    root.querySelectorAll("[data-time-left]").forEach(function (element) {
      element.textContent = seconds === null ? "" : clock(seconds);
    });
    root.querySelectorAll("[data-time-up]").forEach(function (element) {
      element.textContent = seconds === 0 ? root.dataset.timeUpLabel : "";
    });
    root.classList.toggle("time-up", seconds === 0);
  }

  async function poll() {
    try {
      const response = await fetch(root.dataset.liveUrl, { cache: "no-store" });
      if (response.ok) {
        const fresh = await response.json();
        offset = fresh.now - Date.now();
        if (root.dataset.liveMode === "reload" && fresh.version !== Number(root.dataset.liveVersion)) {
          window.location.reload();
          return;
        }
        const changed = state === null || fresh.version !== state.version;
        state = fresh;
        if (changed && root.dataset.liveMode !== "reload") render();
        tick();
      }
    } finally {
      window.setTimeout(poll, every);
    }
  }

  poll();
  window.setInterval(function () { if (state) tick(); }, 250);
})();
