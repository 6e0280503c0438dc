// The back office as Django and its select2 widgets render it, given the names a screen reader
// needs (WCAG 1.3.1, 4.1.2): every control named by its label, its fieldset's legend or its
// column's header; select2's boxes named by their field; the help icons' labels on an image role.
(function () {
  const clean = (text) => text.replace(/\s+/g, " ").replace(/[:?]\s*$/, "").trim();

  const hasName = (control) =>
    control.labels.length > 0 || control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby");

  const columnHeader = (cell) => {
    const table = cell.closest("table");
    const header = table && table.tHead && table.tHead.rows[0];
    if (!header) return "";
    const named = Array.from(cell.classList).find((name) => name.startsWith("field-"));
    const byName = named && header.querySelector(`th.column-${named.slice("field-".length)}`);
    const byPlace = header.cells[cell.cellIndex];
    return clean((byName || byPlace || { textContent: "" }).textContent);
  };

  const fieldName = (control) => {
    if (control.labels.length > 0) return clean(control.labels[0].textContent);
    const cell = control.closest("td");
    if (cell) return columnHeader(cell);
    const legend = control.closest("fieldset") && control.closest("fieldset").querySelector("legend");
    return legend ? clean(legend.textContent) : "";
  };

  const nameControls = (root) => {
    root.querySelectorAll("input:not([type=hidden]), select, textarea").forEach((control) => {
      if (hasName(control) || control.closest(".select2")) return;
      const name = fieldName(control);
      if (name) control.setAttribute("aria-label", name);
    });
  };

  const nameSelect2 = (select) => {
    const box = select.nextElementSibling;
    if (!box || !box.classList.contains("select2")) return;
    const name = fieldName(select);
    const combobox = box.querySelector(".select2-selection");
    if (combobox && name) {
      combobox.removeAttribute("aria-labelledby");
      combobox.setAttribute("aria-label", name);
    }
    box.querySelectorAll(".select2-selection__rendered").forEach((shown) => {
      shown.removeAttribute("role");
      shown.removeAttribute("aria-readonly");
      if (shown.tagName === "UL") shown.setAttribute("role", "list");
    });
    box.querySelectorAll(".select2-search__field").forEach((search) => search.setAttribute("aria-label", name));
  };

  // Django's date fields point at a time-zone warning it writes only when the browser's zone differs.
  const dropMissingDescriptions = () => {
    document.querySelectorAll("[aria-describedby]").forEach((element) => {
      const present = element
        .getAttribute("aria-describedby")
        .split(/\s+/)
        .filter((id) => id && document.getElementById(id));
      if (present.length) element.setAttribute("aria-describedby", present.join(" "));
      else element.removeAttribute("aria-describedby");
    });
  };

  const nameAll = () => {
    dropMissingDescriptions();
    nameControls(document);
    document.querySelectorAll("select.admin-autocomplete").forEach(nameSelect2);
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach((icon) => icon.setAttribute("role", "img"));
  };

  // After Django's own handlers of the same event (its calendar adds the warnings then).
  window.addEventListener("load", () => window.setTimeout(nameAll));
  document.addEventListener("formset:added", () => window.setTimeout(nameAll));
  if (window.django && window.django.jQuery) {
    window.django.jQuery(document).on("change select2:select select2:unselect select2:close", "select.admin-autocomplete", (event) =>
      window.setTimeout(() => nameSelect2(event.target))
    );
  }
})();
