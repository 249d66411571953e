// newsgraph explorer: the actor timeline, drawn with plotly.js (served from the installed plotly Python
// package). Data comes from <script type="application/json">.
"use strict";

function readJson(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

// plotly renders a few HTML tags and entities in labels: show names as plain text
function plainLabel(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// no toolbar over the plot: drag to zoom, double-click to zoom out
const PLOT_CONFIG = {responsive: true, displaylogo: false, displayModeBar: false};

// Events per month and type as stacked bars on a real time axis: a month without events is a gap.
// `colorSource`: the id of a JSON object of colours by event type (inline scripts stay constant, for the CSP)
function newsgraphTimeline(target, source, colorSource) {
  const rows = readJson(source);
  const colors = colorSource ? readJson(colorSource) : {};
  const types = [...new Set(rows.map((row) => row.type))].sort();
  const traces = types.map((type) => {
    const mine = rows.filter((row) => row.type === type);
    return {
      type: "bar",
      name: plainLabel(type),
      x: mine.map((row) => row.month + "-01"),
      y: mine.map((row) => row.events),
      xperiod: "M1",
      xperiodalignment: "middle",
      marker: colors[type] ? {color: colors[type]} : undefined,
      // story events come with their mention count: show it beside them
      customdata: mine.map((row) => (row.mentions && row.mentions !== row.events ? ` (${row.mentions} mentions)` : "")),
      hovertemplate: "%{x|%B %Y} : %{y} " + plainLabel(type) + "%{customdata}<extra></extra>",
    };
  });
  const months = rows.map((row) => row.month + "-01").sort();
  const first = months[0], last = months[months.length - 1];
  const span = monthsBetween(first, last) + 1;
  const layout = {
    barmode: "stack",
    bargap: 0.15,
    // legend above the plot, axis title below it: they cannot meet
    margin: {t: 40, r: 10, b: 50, l: 50},
    legend: {orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom", traceorder: "normal"},
    xaxis: {type: "date", title: {text: "mois"}, tickformat: "%b %Y", dtick: "M" + Math.max(1, Math.ceil(span / 12)),
            range: [shiftMonth(first, -1), shiftMonth(last, 1)]},
    yaxis: {title: {text: "événements"}, rangemode: "tozero", tickformat: "d"},
  };
  const element = document.getElementById(target);
  Plotly.newPlot(element, traces, layout, PLOT_CONFIG).then(() => {
    element.dataset.ready = "true";
  });
}

// 'YYYY-MM-01' moved by `delta` months, as a date string plotly reads
function shiftMonth(day, delta) {
  const [year, month] = day.split("-").map(Number);
  const moved = new Date(Date.UTC(year, month - 1 + delta, 1));
  return moved.toISOString().slice(0, 10);
}

function monthsBetween(first, last) {
  const [y1, m1] = first.split("-").map(Number), [y2, m2] = last.split("-").map(Number);
  return (y2 - y1) * 12 + (m2 - m1);
}
