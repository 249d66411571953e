// newsgraph explorer: the actor graph, drawn with vis-network (served from the installed pyvis
// Python package). Force layout; an edge per source, target and event type, coloured by type and as
// wide as its event count; node size by articles (log), names of the biggest nodes only until zoomed in.
"use strict";

// names shown at first: every node of a small graph, else the biggest quarter (25 at most)
function labelledCount(count) {
  return count <= 12 ? count : Math.min(25, Math.ceil(count / 4));
}
const ZOOM_FOR_ALL_LABELS = 1.5;  // zoomed this much past the first view, every node is named

function newsgraphGraph(target, source) {
  const graph = JSON.parse(document.getElementById(source).textContent);
  const element = document.getElementById(target);
  const biggest = new Set([...graph.nodes].sort((a, b) => b.article_count - a.article_count)
    .slice(0, labelledCount(graph.nodes.length)).map((node) => node.id));
  const nodes = new vis.DataSet(graph.nodes.map((node) => ({
    id: node.id,
    name: node.name,
    // vis-network draws labels on a canvas and shows string titles as text: no markup is read
    label: biggest.has(node.id) ? node.name : undefined,
    title: `${node.name} (${node.type || "?"}${node.country ? ", " + node.country : ""}) · ${node.article_count} article(s)`,
    value: Math.log2(2 + node.article_count),
  })));
  // several types between the same two actors: bend each one differently so that all stay visible
  const seen = new Map();
  const edges = graph.edges.map((edge, i) => {
    const pair = [edge.source, edge.target].sort().join("\u0000");
    const rank = seen.get(pair) || 0;
    seen.set(pair, rank + 1);
    const color = graph.colors[edge.type] || "#718096";
    return {
      id: i, from: edge.source, to: edge.target, value: edge.events, type: edge.type,
      title: `${edge.type} · ${edge.events} événement(s)` +
        (edge.mentions && edge.mentions !== edge.events ? `, ${edge.mentions} mention(s)` : ""),
      color: {color: color, highlight: color, hover: color, opacity: 1},
      smooth: {enabled: true, type: rank % 2 ? "curvedCCW" : "curvedCW", roundness: 0.1 + 0.15 * Math.ceil(rank / 2)},
    };
  });
  const options = {
    nodes: {
      shape: "dot", color: {background: "#4a5568", border: "#2d3748", highlight: {background: "#2b6cb0", border: "#1a365d"}},
      font: {size: 15, color: "#1a202c", strokeWidth: 4, strokeColor: "#ffffff"},
      scaling: {min: 5, max: 28, label: {enabled: false}},
    },
    edges: {arrows: {to: {enabled: true, scaleFactor: 0.5}}, scaling: {min: 2, max: 12}},
    layout: {randomSeed: 7},  // the same picture for the same data
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: {gravitationalConstant: -45, centralGravity: 0.03, springLength: 70, avoidOverlap: 0.5},
      stabilization: {iterations: 500, fit: true},
    },
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: true},
  };
  const network = new vis.Network(element, {nodes: nodes, edges: new vis.DataSet(edges)}, options);
  let fitScale = 1, allNamed = false;
  function nameAll(show) {
    if (show === allNamed) return;
    allNamed = show;
    nodes.update(nodes.get().map((node) => ({
      id: node.id, label: show || biggest.has(node.id) ? node.name : undefined,
    })));
  }
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({physics: false});  // a still picture once laid out: nodes only move when dragged
    network.fit();
    fitScale = network.getScale();
    // names readable (about 13 px) in the first view however far it had to zoom out to show everything
    network.setOptions({nodes: {font: {size: Math.round(13 / Math.min(fitScale, 1))}}});
    element.dataset.ready = "true";
  });
  network.on("zoom", () => nameAll(network.getScale() >= fitScale * ZOOM_FOR_ALL_LABELS));
  network.on("click", (event) => {
    if (event.nodes.length) {
      window.location.href = "/actors/" + encodeURIComponent(event.nodes[0]);
    }
  });
  window.newsgraphNetwork = network;  // for the browser tests and the console
  return network;
}
