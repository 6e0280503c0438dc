// On a phone a table's rows become stacked cards (plenary.css) and its header row is hidden:
// each cell gets its column's header as a label, so "1" and "2" still say which is which.
(function () {
  "use strict";
  document.querySelectorAll("table.table").forEach(function (table) {
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (headers[index] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", headers[index]);
        }
      });
    });
  });
})();
