// Live preview: after typing stops, the form is submitted to the preview frame (unsaved).
(function () {
  const form = document.getElementById("letter-form");
  const button = document.getElementById("preview-button");
  if (!form || !button) return;
  let timer = null;
  const refresh = () => form.requestSubmit(button);
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 700);
  });
  refresh();
})();
