// Live table: server-sent events replace the rows in place and highlight what moved.
// Names are set with textContent, never as HTML.
(function () {
  "use strict";
  const table = document.getElementById("medal-table");
  if (!table || !table.dataset.live || !window.EventSource) return;
  const status = document.getElementById("live-status");
  const points = table.dataset.points === "1";
  const lang = table.dataset.lang;
  const games = table.dataset.games;

  function cell(tag, text, cls) {
    const el = document.createElement(tag);
    el.textContent = text;
    if (cls) el.className = cls;
    return el;
  }

  // The projection column (when shown): its cells by NOC, carried over when the rows are
  // rebuilt and refreshed from the projection's own stream after each result.
  const projected = table.dataset.projection ? {} : null;
  if (projected) {
    for (const tr of table.tBodies[0].rows) {
      projected[tr.dataset.noc] = Array.from(tr.querySelectorAll("td.proj")).map((td) => td.textContent);
    }
  }

  function projectionCells(tr) {
    const texts = projected[tr.dataset.noc] || ["", ""];
    const old = tr.querySelectorAll("td.proj");
    if (old.length) { old[0].textContent = texts[0]; old[1].textContent = texts[1]; return; }
    for (const t of texts) tr.appendChild(cell("td", t, "proj"));
  }

  function render(data) {
    const tbody = table.tBodies[0];
    const before = {};
    const medalsBefore = {};
    for (const tr of tbody.rows) {
      before[tr.dataset.noc] = tr.dataset.rank;
      medalsBefore[tr.dataset.noc] = Array.from(tr.querySelectorAll("td.n")).map((td) => td.textContent).join("-");
    }
    const fresh = document.createElement("tbody");
    for (const r of data.table.rows) {
      const tr = document.createElement("tr");
      tr.dataset.noc = r.noc;
      tr.dataset.rank = r.rank === null ? "" : String(r.rank);
      const rank = cell("td", r.rank_label, "rank");
      if (r.rank === null) { tr.className = "unranked"; rank.title = table.dataset.unranked; }
      tr.appendChild(rank);
      const th = document.createElement("th");
      th.scope = "row";
      th.className = "noc";
      const a = document.createElement("a");
      a.href = "/nocs/" + encodeURIComponent(r.noc) + "?games=" + encodeURIComponent(games) + "&lang=" + lang;
      a.appendChild(cell("span", r.flag, "flag"));
      a.appendChild(document.createTextNode(" " + r.name + " "));
      a.appendChild(cell("abbr", r.noc, "code"));
      th.appendChild(a);
      tr.appendChild(th);
      const numbers = [r.gold, r.silver, r.bronze, r.total].concat(points ? [r.points] : []);
      for (const n of numbers) tr.appendChild(cell("td", String(n), "n"));
      if (projected) projectionCells(tr);
      const was = before[r.noc];
      const now = tr.dataset.rank;
      if (was === undefined || medalsBefore[r.noc] !== numbers.join("-")) tr.classList.add("changed");
      if (was && now && Number(now) < Number(was)) tr.classList.add("up", "changed");
      if (was && now && Number(now) > Number(was)) tr.classList.add("down", "changed");
      fresh.appendChild(tr);
    }
    table.replaceChild(fresh, tbody);
    const last = data.entries[data.entries.length - 1];
    if (status && last) {
      status.textContent = "";
      status.appendChild(cell("span", "", "dot"));
      status.appendChild(document.createTextNode(" " + (lang === "nl" ? "Bijgewerkt: " : "Updated: ") + last.title));
    }
    table.dataset.seq = String(data.table.seq);
  }

  const source = new EventSource(table.dataset.live);
  source.addEventListener("table", (e) => render(JSON.parse(e.data)));
  if (projected) {
    const stream = new EventSource(table.dataset.projection);
    stream.addEventListener("projection", (e) => {
      const data = JSON.parse(e.data);
      if (!data.events_to_come) return;
      for (const r of data.rows) {
        const top10 = r.p_top10 === null ? "" : Math.round(r.p_top10 * 100) + "%";
        projected[r.noc] = [r.expected_gold.toFixed(1) + " (" + r.gold_interval[0] + "–" + r.gold_interval[1] + ")", top10];
      }
      for (const tr of table.tBodies[0].rows) projectionCells(tr);
    });
  }
})();
