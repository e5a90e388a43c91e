// The explorer's one way to the data: SPARQL queries to this server's /sparql endpoint, answered as SPARQL JSON.
// Prefixes, entity classes and the query library come from /explorer/config.json, i.e. from the same Python
// definitions the graph is written with, so no page spells out newskg's vocabulary by heart.

let configPromise = null;

/** The explorer's configuration: {prefixes, entityClasses: [{kind, iri, name}], queries: [{name, text, ...}]}. */
export function config() {
  configPromise ??= fetch("/explorer/config.json").then((response) => {
    if (!response.ok) throw new Error(`cannot read the explorer's configuration (${response.status})`);
    return response.json();
  });
  return configPromise;
}

/** Run a SELECT query and return its rows as objects of plain strings (unbound variables are absent).
 * The contract's prefixes are declared in front of `query` unless `withPrefixes` is false (a query that
 * declares its own, such as those of the library). */
export async function select(query, { withPrefixes = true } = {}) {
  const { prefixes } = await config();
  const prologue = withPrefixes
    ? Object.entries(prefixes).map(([prefix, iri]) => `PREFIX ${prefix}: <${iri}>`).join("\n") + "\n"
    : "";
  const response = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json" },
    body: prologue + query,
  });
  if (!response.ok) throw new Error(`the endpoint answered ${response.status}: ${await response.text()}`);
  const results = await response.json();
  return results.results.bindings.map((binding) =>
    Object.fromEntries(Object.entries(binding).map(([name, term]) => [name, term.value])));
}

/** An IRI as a SPARQL term; anything that is no IRI is refused rather than pasted into a query. */
export function iri(value) {
  if (!value || /[\s<>"{}|^`\\]/.test(value)) throw new Error(`not an IRI: ${value}`);
  return `<${value}>`;
}

const ESCAPES = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A string as a SPARQL literal, escaped so that no text can change the query around it. */
export function literal(text) {
  return `"${String(text).replace(/[\\"\n\r\t]/g, (c) => ESCAPES[c])}"`;
}

/** An IRI written with one of the configured prefixes (`nkg:Person`), or whole when none fits. */
export async function compact(value) {
  const { prefixes } = await config();
  const [prefix, namespace] = Object.entries(prefixes)
    .filter(([, ns]) => value.startsWith(ns) && value.length > ns.length)
    .sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  return prefix ? `${prefix}:${value.slice(namespace.length)}` : value;
}

/** `VALUES ?class { ... }` over the entity classes, most specific first. */
export async function entityClassValues(variable = "class") {
  const { entityClasses } = await config();
  return `VALUES ?${variable} { ${entityClasses.map((c) => iri(c.iri)).join(" ")} }`;
}

/** The entity class of an entity among the classes it has: the most specific (first in the configuration). */
export async function entityClass(classIris) {
  const { entityClasses } = await config();
  return entityClasses.find((c) => classIris.includes(c.iri)) ?? null;
}
