// The entity page: what the graph says about one entity (types, aliases, positions, events, meetings, claims)
// and every mention of it, shown in its sentence with the exact characters highlighted and a link to the
// article page, so a reader can check each statement against the text it came from.

import { articleLink, distinct, el, entityLink, groupBy, localName, param, renderNav, showError } from "./page.js";
import { codePoints, sentenceWithMention } from "./text.js";
import { compact, entityClass, iri, select } from "./sparql.js";

/** A titled section of the page; an empty one says so rather than disappearing. */
function section(id, title, items, empty) {
  return el("section", { id },
    el("h2", {}, title, el("span", { class: "count" }, String(items.length))),
    items.length ? el("ul", {}, items) : el("p", { class: "empty" }, empty));
}

/** The source files of `rows` as links to their articles. */
function sources(rows) {
  const byArticle = groupBy(rows.filter((row) => row.article), "article");
  return [...byArticle].map(([article, group]) => articleLink(article, group[0].source));
}

async function summary(entity) {
  const rows = await select(`
    SELECT ?label ?alias ?type WHERE {
      { ${entity} rdfs:label ?label } UNION { ${entity} skos:altLabel ?alias } UNION { ${entity} a ?type }
    }`);
  return { labels: distinct(rows, "label"), aliases: distinct(rows, "alias").sort(), types: distinct(rows, "type") };
}

async function positions(entity) {
  const rows = await select(`
    SELECT DISTINCT ?post ?title ?holder ?holderLabel ?in ?inLabel ?article ?source WHERE {
      { ${entity} org:holds ?post } UNION { ?post org:heldBy ${entity} } UNION { ?post org:postIn ${entity} }
      OPTIONAL { ?post nkg:postTitle ?title }
      OPTIONAL { ?post org:heldBy ?holder . ?holder rdfs:label ?holderLabel }
      OPTIONAL { ?post org:postIn ?in . ?in rdfs:label ?inLabel }
      OPTIONAL { ?post prov:wasDerivedFrom ?article . ?article dcterms:source ?source }
    } ORDER BY ?title ?holderLabel`);
  return [...groupBy(rows, "post").values()].map((group) => {
    const [row] = group;
    return el("li", {},
      el("strong", {}, row.title ?? localName(row.post)),
      row.in ? [" in ", entityLink(row.in, row.inLabel)] : null,
      row.holder ? [", held by ", entityLink(row.holder, row.holderLabel)] : null,
      el("span", { class: "sources" }, sources(group)));
  });
}

async function events(entity) {
  const rows = await select(`
    SELECT DISTINCT ?event ?label ?role ?date ?place ?placeLabel ?quote ?article ?source WHERE {
      ?event ?role ${entity} ; a nkg:Event .
      OPTIONAL { ?event rdfs:label ?label }
      OPTIONAL { ?event schema:startDate ?date }
      OPTIONAL { ?event sem:hasPlace ?place . ?place rdfs:label ?placeLabel }
      OPTIONAL { ?event nkg:quote ?quote }
      OPTIONAL { ?event prov:wasDerivedFrom ?article . ?article dcterms:source ?source }
    } ORDER BY ?date ?label`);
  return [...groupBy(rows, "event").values()].map((group) => {
    const [row] = group;
    return el("li", {},
      row.date ? el("time", {}, row.date) : null,
      el("strong", {}, row.label ?? localName(row.event)),
      row.place ? [" at ", entityLink(row.place, row.placeLabel)] : null,
      el("span", { class: "roles" }, `as ${distinct(group, "role").map(localName).join(", ")}`),
      row.quote ? el("blockquote", {}, row.quote) : null,
      el("span", { class: "sources" }, sources(group)));
  });
}

async function meetings(entity) {
  const rows = await select(`
    SELECT DISTINCT ?other ?otherLabel ?event ?eventLabel ?date ?article ?source WHERE {
      {
        { ${entity} nkg:met ?other } UNION { ?other nkg:met ${entity} }
      } UNION {
        ?encounter a nkg:Encounter ; nkg:encounterParticipant ${entity}, ?other .
        FILTER (?other != ${entity})
        OPTIONAL {
          ?encounter prov:wasDerivedFrom ?event .
          OPTIONAL { ?event rdfs:label ?eventLabel }
          OPTIONAL { ?event schema:startDate ?date }
          OPTIONAL { ?event prov:wasDerivedFrom ?article . ?article dcterms:source ?source }
        }
      }
      ?other rdfs:label ?otherLabel .
    } ORDER BY ?otherLabel ?date`);
  return [...groupBy(rows, "other").values()].map((group) => {
    const occasions = [...groupBy(group.filter((row) => row.event), "event").values()];
    return el("li", {},
      entityLink(group[0].other, group[0].otherLabel),
      occasions.length
        ? el("ul", { class: "occasions" }, occasions.map((rows) => el("li", {},
          rows[0].date ? el("time", {}, rows[0].date) : null,
          rows[0].eventLabel ?? localName(rows[0].event),
          el("span", { class: "sources" }, sources(rows)))))
        : el("span", { class: "roles" }, "met (no occasion recorded)"));
  });
}

async function claims(entity) {
  const rows = await select(`
    SELECT DISTINCT ?claim ?label ?side ?article ?source ?begin ?end ?other ?otherLabel WHERE {
      { ?claim nkg:claimSubject ${entity} BIND ("about" AS ?side) }
      UNION { ?claim nkg:claimedBy ${entity} BIND ("made by" AS ?side) }
      ?claim rdfs:label ?label .
      OPTIONAL { ?claim prov:wasDerivedFrom ?article . ?article dcterms:source ?source }
      OPTIONAL { ?claim nkg:evidence ?evidence . ?evidence nif:beginIndex ?begin ; nif:endIndex ?end }
      OPTIONAL { ?claim nkg:conflictsWith|^nkg:conflictsWith ?other . ?other rdfs:label ?otherLabel }
    } ORDER BY ?label ?source`);
  return [...groupBy(rows, "claim").values()].map((group) => {
    const [row] = group;
    const conflicts = [...groupBy(group.filter((r) => r.other), "other").values()];
    return el("li", {},
      el("strong", {}, row.label),
      el("span", { class: "roles" }, `(${row.side})`),
      row.article ? el("span", { class: "sources" }, articleLink(row.article, row.source, row.begin, row.end)) : null,
      conflicts.length
        ? el("div", { class: "conflicts" }, "conflicts with: ", conflicts.map((c, i) => [i ? "; " : "", c[0].otherLabel]))
        : null);
  });
}

async function mentions(entity) {
  const rows = await select(`
    SELECT DISTINCT ?begin ?end ?anchor ?sentenceBegin ?sentenceEnd ?article ?source WHERE {
      ${entity} gaf:denotedBy ?phrase .
      ?phrase nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?article .
      OPTIONAL { ?phrase nif:anchorOf ?anchor }
      OPTIONAL { ?phrase nif:sentence ?sentence . ?sentence nif:beginIndex ?sentenceBegin ; nif:endIndex ?sentenceEnd }
      OPTIONAL { ?article dcterms:source ?source }
    }`);
  const articles = distinct(rows, "article");
  const texts = new Map((await select(`
    SELECT ?article ?text WHERE { VALUES ?article { ${articles.map(iri).join(" ")} } ?article nif:isString ?text }`))
    .map((row) => [row.article, codePoints(row.text)]));
  rows.sort((a, b) => (a.source ?? "").localeCompare(b.source ?? "") || Number(a.begin) - Number(b.begin));
  return rows.map((row) => {
    const [begin, end] = [Number(row.begin), Number(row.end)];
    const points = texts.get(row.article) ?? codePoints(row.anchor ?? "");
    // Without a sentence, show the mention with a little context on either side.
    const from = row.sentenceBegin !== undefined ? Number(row.sentenceBegin) : Math.max(0, begin - 80);
    const to = row.sentenceEnd !== undefined ? Number(row.sentenceEnd) : Math.min(points.length, end + 80);
    return el("li", { class: "mention-item", "data-begin": begin, "data-end": end },
      sentenceWithMention(points, from, to, begin, end),
      el("span", { class: "sources" }, articleLink(row.article, row.source, begin, end),
        el("span", { class: "offsets" }, ` characters ${begin}–${end}`)));
  });
}

async function main() {
  renderNav("entity.html");
  const main = document.querySelector("main");
  try {
    const entityIri = param("iri");
    const entity = iri(entityIri);
    const about = await summary(entity);
    if (!about.labels.length && !about.types.length) throw new Error(`the graph knows nothing of ${entityIri}`);
    const kind = await entityClass(about.types);
    document.title = `${about.labels[0] ?? localName(entityIri)} · newskg explorer`;
    main.replaceChildren(
      el("h1", {}, about.labels[0] ?? localName(entityIri),
        kind ? el("span", { class: `badge kind-${kind.kind}` }, kind.name) : null),
      el("p", { class: "iri" }, entityIri),
      el("dl", { class: "facts" },
        el("dt", {}, "Types"), el("dd", { id: "types" }, (await Promise.all(about.types.map(compact))).sort().join(", ")),
        el("dt", {}, "Also called"), el("dd", { id: "aliases" }, about.aliases.join(", ") || "—")));
    const [held, happened, met, claimed, mentioned] = await Promise.all(
      [positions, events, meetings, claims, mentions].map((part) => part(entity)));
    main.append(
      section("positions", "Positions", held, "No position recorded."),
      section("events", "Events", happened, "Takes part in no event."),
      section("meetings", "Met", met, "No meeting recorded."),
      section("claims", "Claims", claimed, "No claim about or by this entity."),
      section("mentions", "Mentions", mentioned, "Never mentioned."));
  } catch (error) {
    showError(error);
  }
}

main();
