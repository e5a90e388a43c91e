// The who-met-whom network, drawn with cytoscape.js from the library query `who-met-whom` (the query that
// `kg network` uses too, so the picture and the command agree). People are nodes sized by how many people they
// met; a link's width is the number of meetings. Click a person to open their page; drag, zoom and pan at will.

import { entityHref, param, renderNav, showError } from "./page.js";
import { config, select } from "./sparql.js";

/** Nodes and edges of cytoscape from the rows of who-met-whom (one row per meeting). */
function elements(rows) {
  const people = new Map();
  const links = new Map();
  for (const row of rows) {
    people.set(row.person1, row.label1);
    people.set(row.person2, row.label2);
    const id = `${row.person1} ${row.person2}`;
    if (!links.has(id)) links.set(id, { source: row.person1, target: row.person2, meetings: new Set() });
    links.get(id).meetings.add(row.event ?? "met");
  }
  const degree = new Map();
  for (const link of links.values()) {
    for (const person of [link.source, link.target]) degree.set(person, (degree.get(person) ?? 0) + 1);
  }
  return [
    ...[...people].map(([id, label]) => ({ data: { id, label, degree: degree.get(id) ?? 0 } })),
    ...[...links].map(([id, link]) => ({
      data: { id, source: link.source, target: link.target, meetings: link.meetings.size },
    })),
  ];
}

const STYLE = [
  { selector: "node", style: {
    label: "data(label)", "font-size": 15, "text-valign": "bottom", "text-margin-y": 4,
    width: "mapData(degree, 1, 10, 16, 46)", height: "mapData(degree, 1, 10, 16, 46)",
    "background-color": "#3b6ea8", color: "#1d2733", "text-outline-color": "#fff", "text-outline-width": 2 } },
  { selector: "edge", style: {
    width: "mapData(meetings, 1, 5, 1.5, 7)", "line-color": "#9fb3c8", "curve-style": "haystack" } },
  { selector: "node.found", style: { "background-color": "#d9822b" } },
  { selector: "node:selected", style: { "border-width": 3, "border-color": "#d9822b" } },
];

async function main() {
  renderNav("network.html");
  const container = document.querySelector("#network");
  try {
    const { queries } = await config();
    const query = queries.find((q) => q.name === "who-met-whom");
    const rows = await select(query.text, { withPrefixes: false });
    const cy = cytoscape({
      container, elements: elements(rows), style: STYLE, maxZoom: 1.6,
      layout: { name: "cose", animate: false, padding: 50, nodeRepulsion: () => 400000, idealEdgeLength: () => 110,
        nodeOverlap: 40, componentSpacing: 120 },
    });
    cy.on("tap", "node", (event) => { location.href = entityHref(event.target.id()); });
    container.dataset.nodes = String(cy.nodes().length);
    container.dataset.edges = String(cy.edges().length);
    document.querySelector("#summary").textContent =
      `${cy.nodes().length} people, ${cy.edges().length} links; click a person to open their page`;
    const find = document.querySelector("#find");
    const highlight = () => {
      const term = find.value.trim().toLowerCase();
      cy.nodes().removeClass("found");
      if (!term) return;
      const found = cy.nodes().filter((node) => node.data("label").toLowerCase().includes(term)).addClass("found");
      if (found.length) cy.animate({ fit: { eles: found.closedNeighborhood(), padding: 60 } }, { duration: 300 });
    };
    find.addEventListener("input", highlight);
    find.value = param("find") ?? "";
    highlight();
  } catch (error) {
    showError(error);
  }
}

main();
