// Live table: server-sent events replace the rows in place. "Live" shows only while the
// stream is connected; a lost connection says so and EventSource reconnects by itself
// (with Last-Event-ID, so nothing is missed). Rows whose medals changed are highlighted,
// rows that moved get an arrow, and both settle after a few seconds. The status line
// ("Bijgewerkt om 14:32: Shorttrack – 500 meter vrouwen") comes written from the server.
// Names are set with textContent, never as HTML.
(function () {
  "use strict";
  const table = document.getElementById("medal-table");
  if (!table || !table.dataset.live || !window.EventSource) return;
  const status = document.getElementById("live-status");
  const points = table.dataset.points === "1";
  const lang = table.dataset.lang;
  const games = table.dataset.games;
  const SETTLE_MS = 4000;
  table.dataset.seq = (table.dataset.live.match(/after=(\d+)/) || [0, 0])[1];
  let line = "";

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

  function say(kind) {
    status.textContent = "";
    status.classList.toggle("reconnecting", kind !== "live");
    if (kind === "live") {
      status.appendChild(cell("span", "", "dot"));
      status.appendChild(document.createTextNode(status.dataset.live + (line ? " · " + line : "")));
    } else {
      status.textContent = status.dataset[kind];
    }
  }

  function render(data) {
    const tbody = table.tBodies[0];
    const before = {};
    const medalsBefore = {};
    for (const tr of tbody.rows) {
      if (!tr.dataset.noc) continue;
      before[tr.dataset.noc] = tr.dataset.rank;
      medalsBefore[tr.dataset.noc] = Array.from(tr.querySelectorAll("td.n")).map((td) => td.textContent).join("-");
    }
    const fresh = document.createElement("tbody");
    const settle = [];
    const unranked = [];
    for (const r of data.table.rows) {
      const tr = document.createElement("tr");
      tr.dataset.noc = r.noc;
      tr.dataset.rank = r.rank === null ? "" : String(r.rank);
      const rank = cell("td", r.rank_label, "rank");
      if (r.rank === null) { tr.className = "unranked"; unranked.push(r.name); }
      tr.appendChild(rank);
      const th = document.createElement("th");
      th.scope = "row";
      th.className = "noc";
      const a = document.createElement("a");
      a.href = "/nocs/" + encodeURIComponent(r.noc) + "?games=" + encodeURIComponent(games) + "&lang=" + lang;
      a.appendChild(cell("span", r.flag, "flag")).setAttribute("aria-hidden", "true");
      a.appendChild(cell("span", r.name, "name"));
      a.appendChild(cell("abbr", r.noc, "code"));
      th.appendChild(a);
      tr.appendChild(th);
      const numbers = [r.gold, r.silver, r.bronze, r.total].concat(points ? [r.points] : []);
      for (const n of numbers) tr.appendChild(cell("td", String(n), "n"));
      if (projected) projectionCells(tr);
      const was = before[r.noc];
      const now = tr.dataset.rank;
      // only what won medals flashes; a row pushed down by it only gets its arrow
      if (medalsBefore[r.noc] !== numbers.join("-")) tr.classList.add("changed");
      if (was && now && Number(now) < Number(was)) tr.classList.add("up");
      if (was && now && Number(now) > Number(was)) tr.classList.add("down");
      if (tr.classList.length) settle.push(tr);
      fresh.appendChild(tr);
    }
    table.replaceChild(fresh, tbody);
    for (const [k, v] of Object.entries(data.table.medals)) {
      const td = table.querySelector("tfoot [data-total='" + k + "']");
      if (td) td.textContent = String(v);
    }
    const legend = document.getElementById("legend");
    if (legend) legend.hidden = unranked.length === 0;
    if (window.podiumTable) window.podiumTable.resort();
    setTimeout(() => settle.forEach((tr) => tr.classList.remove("changed", "up", "down")), SETTLE_MS);
    const last = data.entries[data.entries.length - 1];
    if (last) line = last.status;
    say("live");
    table.dataset.seq = String(data.table.seq);
  }

  // EventSource retries a dropped connection itself; one the server refused (a 503 while it
  // restarts) is closed for good, so it is opened again here, a little later each time.
  let wait = 1000;
  function connect(url) {
    const source = new EventSource(url);
    source.addEventListener("open", () => { wait = 1000; say("live"); });
    source.addEventListener("table", (e) => render(JSON.parse(e.data)));
    source.addEventListener("error", () => {
      say("reconnecting");
      if (source.readyState !== EventSource.CLOSED) return;
      const again = table.dataset.live.replace(/after=\d+/, "after=" + table.dataset.seq);
      setTimeout(() => connect(again), wait);
      wait = Math.min(wait * 2, 30000);
    });
  }
  connect(table.dataset.live);
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
