// Filters table rows by a search field (progressive enhancement: without it all rows show).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-filter]").forEach(function (input) {
      var rows = document.querySelectorAll(input.dataset.filter);
      input.addEventListener("input", function () {
        var needle = input.value.trim().toLowerCase();
        rows.forEach(function (row) {
          row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
        });
      });
    });
  });
})();
