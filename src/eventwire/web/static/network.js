// Actor network: fetches /api/network and lays it out with a small force simulation in SVG.
(function () {
  const svg = document.getElementById("network");
  const status = document.getElementById("network-status");
  const NS = "http://www.w3.org/2000/svg";
  // The drawing grows taller with the number of actors, so that real stores with many small
  // groups of actors keep room for their labels.
  const W = 1000;
  let H = 640;

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    parent.appendChild(node);
    return node;
  }

  // Fruchterman–Reingold: nodes repel as k²/d, linked nodes attract as d²/k, a pull to the
  // centre keeps unlinked groups on the canvas; moves shrink as the layout cools.
  function layout(nodes, edges) {
    H = Math.max(640, Math.round(Math.sqrt(nodes.length) * 95));
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const k = 0.75 * Math.sqrt((W * H) / nodes.length);
    nodes.forEach((n, i) => {
      const a = (2 * Math.PI * i) / nodes.length;
      n.x = W / 2 + (W / 3) * Math.cos(a); n.y = H / 2 + (H / 3) * Math.sin(a);
    });
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const steps = 300;
    // The pull to the centre balances the repulsion of all nodes at about the edge of the canvas.
    const gx = (nodes.length * k * k) / (0.55 * W) ** 2, gy = (nodes.length * k * k) / (0.55 * H) ** 2;
    for (let step = 0; step < steps; step++) {
      const heat = (W / 10) * (1 - step / steps) + 1;
      nodes.forEach((n) => { n.vx = (W / 2 - n.x) * gx; n.vy = (H / 2 - n.y) * gy; });
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i], b = nodes[j];
          const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 1);
          const f = (k * k) / d / d;
          a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
        }
      }
      for (const e of edges) {
        const a = byId.get(e.source), b = byId.get(e.target);
        if (a === b) continue;
        const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1);
        const f = d / k;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
      for (const n of nodes) {
        const v = Math.max(Math.hypot(n.vx, n.vy), 1e-9), move = Math.min(v, heat);
        n.x = Math.min(W - 30, Math.max(30, n.x + (n.vx / v) * move));
        n.y = Math.min(H - 20, Math.max(20, n.y + (n.vy / v) * move));
      }
    }
    return byId;
  }

  function draw(data) {
    const { nodes, edges } = data;
    if (!nodes.length) { status.textContent = "No events between two coded actors match these filters."; return; }
    const byId = layout(nodes, edges);
    const top = Math.max(...edges.map((e) => e.n));
    const busiest = Math.max(...nodes.map((n) => n.n));
    const lines = el("g", { class: "edges" }, svg), dots = el("g", { class: "nodes" }, svg);
    const drawn = edges.map((e) => {
      const line = el("line", { class: "q" + e.quad, "stroke-width": 1 + (5 * e.n) / top }, lines);
      el("title", {}, line).textContent = `${e.actor} → ${e.recipient}: ${e.n} events`;
      return [line, byId.get(e.source), byId.get(e.target)];
    });
    const place = () => drawn.forEach(([line, a, b]) => {
      line.setAttribute("x1", a.x); line.setAttribute("y1", a.y); line.setAttribute("x2", b.x); line.setAttribute("y2", b.y);
    });
    for (const n of nodes) {
      const g = el("g", { class: "node", "data-name": n.name }, dots);
      const r = 4 + 16 * Math.sqrt(n.n / busiest);
      const circle = el("circle", { r }, g);
      el("title", {}, circle).textContent = `${n.name}${n.country ? " (" + n.country + ")" : ""}: ${n.n} events`;
      const left = n.x > W * 0.7;
      const label = el("text", { dx: left ? -(r + 3) : r + 3, dy: 4, "text-anchor": left ? "end" : "start" }, g);
      label.textContent = n.name;
      const move = () => g.setAttribute("transform", `translate(${n.x},${n.y})`);
      move();
      let dragged = false;
      circle.addEventListener("pointerdown", (ev) => {
        dragged = false;
        circle.setPointerCapture(ev.pointerId);
        const matrix = svg.getScreenCTM().inverse();
        const onMove = (mv) => {
          const p = new DOMPoint(mv.clientX, mv.clientY).matrixTransform(matrix);
          n.x = p.x; n.y = p.y; dragged = true; move(); place();
        };
        circle.addEventListener("pointermove", onMove);
        circle.addEventListener("pointerup", () => circle.removeEventListener("pointermove", onMove), { once: true });
      });
      circle.addEventListener("click", () => {
        if (!dragged) location.href = "/actor?" + new URLSearchParams({ name: n.name, country: n.country || "" });
      });
    }
    place();
    status.textContent = `${nodes.length} actors, ${edges.length} links.`;
  }

  fetch(svg.dataset.src)
    .then((r) => r.ok ? r.json() : r.json().then((b) => Promise.reject(new Error(b.detail))))
    .then(draw)
    .catch((err) => { status.textContent = "Could not load the network: " + err.message; });
})();
