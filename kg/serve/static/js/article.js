// The article page: the article's text (nif:isString) with every extracted entity mention highlighted and
// linked to its entity, coloured by kind. `mark=BEGIN,END` in the URL (from an entity or claim) highlights those
// characters as well and scrolls to them.

import { el, entityHref, param, renderNav, showError } from "./page.js";
import { codePoints, markedText } from "./text.js";
import { config, entityClassValues, iri, select } from "./sparql.js";

async function about(article) {
  const [row] = await select(`
    SELECT ?text ?source ?title ?date ?url WHERE {
      ${article} nif:isString ?text .
      OPTIONAL { ${article} dcterms:source ?source }
      OPTIONAL { ${article} dcterms:title ?title }
      OPTIONAL { ${article} dcterms:date ?date }
      OPTIONAL { ${article} schema:url ?url }
    } LIMIT 1`);
  return row;
}

async function mentionMarks(article) {
  const rows = await select(`
    SELECT DISTINCT ?begin ?end ?entity ?label ?class WHERE {
      ?entity gaf:denotedBy ?phrase .
      ?phrase nif:referenceContext ${article} ; nif:beginIndex ?begin ; nif:endIndex ?end .
      ?entity rdfs:label ?label .
      OPTIONAL { ${await entityClassValues()} ?entity a ?class }
    }`);
  const { entityClasses } = await config();
  const rank = (row) => { const i = entityClasses.findIndex((c) => c.iri === row.class); return i < 0 ? 99 : i; };
  // One mark per span: the entity's most specific class decides the colour.
  const marks = new Map();
  for (const row of rows) {
    const key = `${row.begin},${row.end},${row.entity}`;
    if (!marks.has(key) || rank(row) < rank(marks.get(key))) marks.set(key, row);
  }
  return [...marks.values()].map((row) => ({
    begin: Number(row.begin), end: Number(row.end), entity: row.entity, label: row.label,
    kind: entityClasses[rank(row)]?.kind ?? "other",
  }));
}

function makeMark(mark, text) {
  if (!mark.entity) return el("mark", { class: "focus", id: "focus" }, text);
  return el("a", {
    href: entityHref(mark.entity), class: `mention kind-${mark.kind}${mark.focus ? " focus" : ""}`,
    title: mark.label, "data-begin": mark.begin, "data-end": mark.end, id: mark.focus ? "focus" : null,
  }, text);
}

/** The focus range of the URL joins the marks: on a mention of the same characters, or as a mark of its own. */
function withFocus(marks, focus) {
  if (!focus) return marks;
  const same = marks.find((mark) => mark.begin === focus.begin && mark.end === focus.end);
  if (same) { same.focus = true; return marks; }
  return [focus, ...marks.filter((mark) => mark.end <= focus.begin || mark.begin >= focus.end)];
}

async function main() {
  renderNav("article.html");
  const main = document.querySelector("main");
  try {
    const articleIri = param("iri");
    const article = iri(articleIri);
    const [row, marks] = await Promise.all([about(article), mentionMarks(article)]);
    if (!row) throw new Error(`no article text for ${articleIri}`);
    const [begin, end] = (param("mark") ?? "").split(",").map(Number);
    const focus = Number.isInteger(begin) && Number.isInteger(end) && end > begin ? { begin, end } : null;
    const points = codePoints(row.text);
    document.title = `${row.title ?? row.source ?? "Article"} · newskg explorer`;
    const { entityClasses } = await config();
    main.replaceChildren(
      el("h1", {}, row.title ?? row.source ?? articleIri),
      el("dl", { class: "facts" },
        el("dt", {}, "Source"), el("dd", {}, row.source ?? "—"),
        el("dt", {}, "Date"), el("dd", {}, row.date ?? "—"),
        row.url ? [el("dt", {}, "Published at"), el("dd", {}, row.url)] : null,
        el("dt", {}, "Entities"), el("dd", {}, `${marks.length} mentions highlighted: `,
          entityClasses.map((c) => el("span", { class: `legend mention kind-${c.kind}` }, c.name)))),
      el("article", { class: "text" }, markedText(points, 0, points.length, withFocus(marks, focus), makeMark)));
    document.querySelector("#focus")?.scrollIntoView({ block: "center" });
  } catch (error) {
    showError(error);
  }
}

main();
