// The send page's parliament list: tick or untick them all at once (without JavaScript, one by one).
"use strict";
document.querySelectorAll("form.send-choice").forEach((form) => {
  const controls = form.querySelector(".choice-all");
  if (!controls) return;
  controls.hidden = false;
  controls.querySelectorAll("button[data-tick]").forEach((button) => {
    button.addEventListener("click", () => {
      form.querySelectorAll("input[name=parliaments]").forEach((box) => {
        box.checked = button.dataset.tick === "all";
      });
    });
  });
});
