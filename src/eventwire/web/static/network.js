// Actor network: fetches /api/network and lays it out with a small force simulation in SVG.
(function () {
  const svg = document.getElementById("network");
  const status = document.getElementById("network-status");
  const NS = "http://www.w3.org/2000/svg";
  const W = 1000, H = 640;

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    parent.appendChild(node);
    return node;
  }

  function layout(nodes, edges) {
    nodes.forEach((n, i) => {
      const a = (2 * Math.PI * i) / nodes.length;
      n.x = W / 2 + 250 * Math.cos(a); n.y = H / 2 + 220 * Math.sin(a); n.vx = 0; n.vy = 0;
    });
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (let step = 0; step < 300; step++) {
      const cool = 1 - step / 300;
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i], b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          const d2 = Math.max(dx * dx + dy * dy, 25);
          const f = 6000 / d2;
          dx *= f / Math.sqrt(d2); dy *= f / Math.sqrt(d2);
          a.vx += dx; a.vy += dy; b.vx -= dx; b.vy -= dy;
        }
      }
      for (const e of edges) {
        const a = byId.get(e.source), b = byId.get(e.target);
        if (a === b) continue;
        const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1);
        const f = (d - 160) * 0.02;
        a.vx += (dx / d) * f; a.vy += (dy / d) * f; b.vx -= (dx / d) * f; b.vy -= (dy / d) * f;
      }
      for (const n of nodes) {
        n.vx += (W / 2 - n.x) * 0.004; n.vy += (H / 2 - n.y) * 0.004;
        n.x = Math.min(W - 30, Math.max(30, n.x + Math.max(-20, Math.min(20, n.vx)) * cool));
        n.y = Math.min(H - 20, Math.max(20, n.y + Math.max(-20, Math.min(20, n.vy)) * cool));
        n.vx *= 0.5; n.vy *= 0.5;
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
      const label = el("text", { dx: r + 3, dy: 4 }, g);
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
