// After a refused submit, focus goes to what says why (WCAG 3.3.1, 2.4.3): the form's error
// summary, or else the page's error messages; a screen reader reads them first.
(function () {
  const summary =
    document.getElementById("error-summary") || document.querySelector(".messages:has(.message--error)");
  if (!summary) return;
  summary.setAttribute("tabindex", "-1");
  summary.focus();
})();
