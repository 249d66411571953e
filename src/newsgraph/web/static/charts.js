// newsgraph explorer: the actor timeline chart and the actor graph, drawn with plotly.js
// (served from the installed plotly Python package). Data comes from <script type="application/json">.
"use strict";

function readJson(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

// plotly renders a few HTML tags and entities in labels: show names as plain text
function plainLabel(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const PLOT_CONFIG = {responsive: true, displaylogo: false};

function newsgraphTimeline(target, source) {
  const rows = readJson(source);
  const months = [...new Set(rows.map((row) => row.month))].sort();
  const types = [...new Set(rows.map((row) => row.type))].sort();
  const traces = types.map((type) => ({
    type: "bar",
    name: plainLabel(type),
    x: months,
    y: months.map((month) => {
      const row = rows.find((r) => r.month === month && r.type === type);
      return row ? row.events : 0;
    }),
  }));
  const layout = {
    barmode: "stack",
    margin: {t: 10, r: 10, b: 40, l: 40},
    xaxis: {type: "category", title: {text: "mois"}},
    yaxis: {title: {text: "événements"}, dtick: 1},
    legend: {orientation: "h"},
  };
  Plotly.newPlot(target, traces, layout, PLOT_CONFIG);
}

// Fruchterman-Reingold force layout, deterministic (nodes start on a circle).
function forceLayout(count, links, steps = 300) {
  const pos = Array.from({length: count}, (_, i) => [
    Math.cos((2 * Math.PI * i) / Math.max(count, 1)),
    Math.sin((2 * Math.PI * i) / Math.max(count, 1)),
  ]);
  const k = Math.sqrt(4 / Math.max(count, 1));
  let temperature = 0.2;
  for (let step = 0; step < steps; step++) {
    const shift = pos.map(() => [0, 0]);
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
        const d = Math.max(Math.hypot(dx, dy), 0.01), force = (k * k) / d;
        shift[i][0] += (dx / d) * force; shift[i][1] += (dy / d) * force;
        shift[j][0] -= (dx / d) * force; shift[j][1] -= (dy / d) * force;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a][0] - pos[b][0], dy = pos[a][1] - pos[b][1];
      const d = Math.max(Math.hypot(dx, dy), 0.01), force = (d * d) / k;
      shift[a][0] -= (dx / d) * force; shift[a][1] -= (dy / d) * force;
      shift[b][0] += (dx / d) * force; shift[b][1] += (dy / d) * force;
    }
    for (let i = 0; i < count; i++) {
      const length = Math.max(Math.hypot(shift[i][0], shift[i][1]), 1e-9);
      const move = Math.min(length, temperature);
      pos[i][0] += (shift[i][0] / length) * move;
      pos[i][1] += (shift[i][1] / length) * move;
    }
    temperature *= 0.985;
  }
  return pos;
}

function paddedRange(values, share) {
  const low = Math.min(...values), high = Math.max(...values);
  const pad = Math.max((high - low) * share, 0.5);
  return [low - pad, high + pad];
}

function newsgraphGraph(target, source) {
  const graph = readJson(source);
  const index = new Map(graph.nodes.map((node, i) => [node.id, i]));
  const links = graph.edges.map((edge) => [index.get(edge.source), index.get(edge.target)]);
  const pos = forceLayout(graph.nodes.length, links);
  const edgeX = [], edgeY = [];
  for (const [a, b] of links) {
    edgeX.push(pos[a][0], pos[b][0], null);
    edgeY.push(pos[a][1], pos[b][1], null);
  }
  const edges = {
    type: "scatter", mode: "lines", x: edgeX, y: edgeY, hoverinfo: "skip",
    line: {width: 1, color: "#9aa5b1"},
  };
  const nodes = {
    type: "scatter", mode: "markers+text",
    x: pos.map((p) => p[0]), y: pos.map((p) => p[1]),
    text: graph.nodes.map((node) => plainLabel(node.name)),
    customdata: graph.nodes.map((node) => node.id),
    textposition: "top center",
    hovertemplate: "%{text}<extra></extra>",
    marker: {size: graph.nodes.map((node) => 10 + Math.min(20, 2 * (node.article_count || 0))), color: "#2b6cb0"},
  };
  const layout = {
    showlegend: false, hovermode: "closest", dragmode: "pan",
    margin: {t: 10, r: 10, b: 10, l: 10},
    // room around the outermost nodes for their labels
    xaxis: {visible: false, range: paddedRange(pos.map((p) => p[0]), 0.2)},
    yaxis: {visible: false, range: paddedRange(pos.map((p) => p[1]), 0.1)},
  };
  const element = document.getElementById(target);
  Plotly.newPlot(element, [edges, nodes], layout, PLOT_CONFIG).then(() => {
    element.dataset.ready = "true";
  });
  element.on("plotly_click", (event) => {
    const point = event.points.find((p) => p.customdata);
    if (point) {
      window.location.href = "/actors/" + encodeURIComponent(point.customdata);
    }
  });
}
