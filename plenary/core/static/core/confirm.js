// Asks before a form is sent when it (or the button pressed) carries data-confirm="question".
// Without JavaScript the form is sent at once: the server never relies on this question.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    var question = (submitter && submitter.dataset.confirm) || event.target.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
