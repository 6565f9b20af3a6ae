// Charts as files: the SVG as drawn (its colours and sizes written into it, so it looks the
// same outside this page) and a PNG of it, from buttons under each chart.
(function () {
  "use strict";
  const PROPS = ["fill", "fill-opacity", "stroke", "stroke-width", "font-size", "font-weight", "font-family"];

  function standalone(svg) {
    const copy = svg.cloneNode(true);
    const from = svg.querySelectorAll("*"), to = copy.querySelectorAll("*");
    from.forEach((el, i) => {
      const style = getComputedStyle(el);
      to[i].setAttribute("style", PROPS.map((p) => p + ":" + style.getPropertyValue(p)).join(";"));
    });
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    const box = svg.viewBox.baseVal;
    copy.setAttribute("width", String(box.width * 2));
    copy.setAttribute("height", String(box.height * 2));
    const bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    bg.setAttribute("width", "100%"); bg.setAttribute("height", "100%");
    bg.setAttribute("fill", getComputedStyle(svg).backgroundColor);
    copy.insertBefore(bg, copy.firstChild);
    return new XMLSerializer().serializeToString(copy);
  }

  function save(url, name) {
    const a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
  }

  for (const figure of document.querySelectorAll("figure.chart[data-name]")) {
    const svg = figure.querySelector("svg");
    const bar = document.createElement("p");
    bar.className = "links chart-files";
    for (const kind of ["svg", "png"]) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = figure.dataset[kind];
      b.addEventListener("click", () => {
        const text = standalone(svg);
        const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
        if (kind === "svg") { save(url, figure.dataset.name + ".svg"); return; }
        const img = new Image();
        img.onload = () => {
          const canvas = document.createElement("canvas");
          canvas.width = img.width; canvas.height = img.height;
          canvas.getContext("2d").drawImage(img, 0, 0);
          save(canvas.toDataURL("image/png"), figure.dataset.name + ".png");
        };
        img.src = url;
      });
      bar.appendChild(b);
    }
    figure.after(bar);
  }
})();
