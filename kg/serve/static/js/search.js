// The search page: entities whose name or alias (rdfs:label, skos:altLabel) contains the words typed, most
// mentioned first; with nothing typed, every entity. The form is an ordinary GET form (index.html?q=...), so a
// search has its own URL and the back button works.

import { el, entityLink, param, renderNav, showError } from "./page.js";
import { entityClass, entityClassValues, literal, select } from "./sparql.js";

const LIMIT = 200;

async function search(term) {
  const filter = term
    ? `FILTER (CONTAINS(LCASE(STR(?matched)), LCASE(${literal(term)})))`
    : "";
  const rows = await select(`
    SELECT ?entity ?label (GROUP_CONCAT(DISTINCT STR(?class); separator=" ") AS ?classes)
           (GROUP_CONCAT(DISTINCT ?matched; separator="\\t") AS ?matches) (COUNT(DISTINCT ?mention) AS ?mentions)
    WHERE {
      ${await entityClassValues()}
      ?entity a ?class ; rdfs:label ?label ; rdfs:label|skos:altLabel ?matched .
      ${filter}
      OPTIONAL { ?entity gaf:denotedBy ?mention }
    }
    GROUP BY ?entity ?label`);
  const lower = term.toLowerCase();
  const exact = (row) => row.matches.split("\t").some((name) => name.toLowerCase() === lower);
  rows.sort((a, b) => exact(b) - exact(a) || Number(b.mentions) - Number(a.mentions) || a.label.localeCompare(b.label));
  return rows.slice(0, LIMIT);
}

async function resultItem(row, term) {
  const kind = await entityClass(row.classes.split(" "));
  const aliases = row.matches.split("\t").filter((name) => name !== row.label);
  const shown = term ? aliases.filter((name) => name.toLowerCase().includes(term.toLowerCase())) : [];
  return el("li", { class: "result" },
    entityLink(row.entity, row.label),
    kind ? el("span", { class: `badge kind-${kind.kind}` }, kind.name) : null,
    shown.length ? el("span", { class: "aliases" }, `also “${shown.join("”, “")}”`) : null,
    el("span", { class: "count" }, `${row.mentions} mention${row.mentions === "1" ? "" : "s"}`));
}

async function main() {
  renderNav("index.html");
  const term = (param("q") ?? "").trim();
  document.querySelector("#q").value = term;
  const list = document.querySelector("#results");
  const summary = document.querySelector("#summary");
  try {
    const rows = await search(term);
    summary.textContent = term
      ? `${rows.length} entit${rows.length === 1 ? "y" : "ies"} named or also called “${term}”`
      : `${rows.length} entities, most mentioned first`;
    list.replaceChildren(...(await Promise.all(rows.map((row) => resultItem(row, term)))));
  } catch (error) {
    showError(error);
  }
}

main();
