// Sortable medal table: each column heading becomes a button; a second tap reverses. The
// order is kept when the live stream replaces the rows (live.js calls podiumTable.resort).
(function () {
  "use strict";
  const table = document.getElementById("medal-table");
  if (!table) return;
  const heads = Array.from(table.tHead.rows[0].cells);
  let current = null; // [column index, direction]

  function key(tr, i, kind) {
    if (kind === "rank") return tr.dataset.rank === "" ? Infinity : Number(tr.dataset.rank);
    if (kind === "name") return (tr.querySelector(".name") || tr.cells[i]).textContent;
    return Number(tr.cells[i].textContent);
  }

  function sort(i, direction) {
    const kind = heads[i].dataset.sort;
    const body = table.tBodies[0];
    const rows = Array.from(body.rows).filter((tr) => tr.dataset.noc);
    const lang = table.dataset.lang;
    rows.sort((a, b) => {
      const x = key(a, i, kind), y = key(b, i, kind);
      const c = kind === "name" ? String(x).localeCompare(String(y), lang) : x - y;
      // ties keep the official order
      return (c || key(a, 0, "rank") - key(b, 0, "rank")) * (c ? direction : 1);
    });
    for (const tr of rows) body.appendChild(tr);
    heads.forEach((th, j) => {
      if (j === i) th.setAttribute("aria-sort", direction > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    current = [i, direction];
  }

  heads.forEach((th, i) => {
    if (!th.dataset.sort) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    const kind = th.dataset.sort;
    // numbers sort most first, names and ranks from the top
    const first = kind === "rank" || kind === "name" ? 1 : -1;
    button.addEventListener("click", () => {
      sort(i, current && current[0] === i ? -current[1] : first);
    });
  });

  window.podiumTable = {
    resort() { if (current) sort(current[0], current[1]); },
  };
})();
