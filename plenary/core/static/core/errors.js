// Feedback goes where the user is (WCAG 2.4.3, 3.3.1). A form that returns to a place on a long
// page (#p3, #w5) has its messages shown at that place rather than at the top of the page. Focus
// then goes to what says what happened: after a refused submit, the form's error summary or else the
// page's error messages; after a form that returned to a place, the messages there. A screen reader
// reads them first.
(function () {
  const messages = document.querySelector("main > .messages");
  const place = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (messages && place) place.prepend(messages);
  const summary =
    document.getElementById("error-summary") ||
    document.querySelector(".messages:has(.message--error)") ||
    (place && messages);
  if (!summary) return;
  summary.setAttribute("tabindex", "-1");
  summary.focus();
  // Going to the address's fragment focuses its target, or else nothing, once the page has loaded.
  if (place) window.addEventListener("load", () => summary.focus(), { once: true });
})();
