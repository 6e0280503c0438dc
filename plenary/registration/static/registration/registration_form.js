// Registration form: fields marked data-shown-with="<checkbox id>" show only while that box is ticked
// (the passport fields, with "needs a visa support letter"). Without JavaScript they stay visible,
// and the server ignores them when the box is not ticked.
(function () {
  "use strict";
  document.querySelectorAll("[data-shown-with]").forEach(function (field) {
    var checkbox = document.getElementById(field.dataset.shownWith);
    if (!checkbox) {
      return;
    }
    function update() {
      field.hidden = !checkbox.checked;
    }
    checkbox.addEventListener("change", update);
    update();
  });
})();
