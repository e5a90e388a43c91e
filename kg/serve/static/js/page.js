// What every page shares: the navigation bar, element building, links between pages and error display.

/** An element: `el("a", {href: "x", class: "y"}, "text", child)`. Text is always set as text, never as HTML. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(name, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

const PAGES = [
  ["index.html", "Search"],
  ["network.html", "Who met whom"],
  ["sparql.html", "SPARQL"],
];

/** The navigation bar at the top of every page; `current` is the page's file name. */
export function renderNav(current) {
  const header = el("header", { class: "nav" },
    el("a", { href: "index.html", class: "brand" }, "newskg explorer"),
    PAGES.map(([href, label]) => el("a", { href, class: href === current ? "current" : null }, label)));
  document.body.prepend(header);
}

/** A query parameter of the page's URL. */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

export function entityHref(iri) {
  return `entity.html?iri=${encodeURIComponent(iri)}`;
}

/** The article page, scrolled to the characters [begin, end) when they are given. */
export function articleHref(iri, begin, end) {
  const mark = begin !== undefined && end !== undefined ? `&mark=${begin},${end}` : "";
  return `article.html?iri=${encodeURIComponent(iri)}${mark}`;
}

/** A link to an entity's page, showing its label. */
export function entityLink(iri, label) {
  return el("a", { href: entityHref(iri), class: "entity" }, label ?? localName(iri));
}

/** A link to an article's page, showing its source file. */
export function articleLink(iri, source, begin, end) {
  return el("a", { href: articleHref(iri, begin, end), class: "source" }, source ?? localName(iri));
}

/** The last segment of an IRI, for display when nothing better is known. */
export function localName(iri) {
  return decodeURIComponent(iri.replace(/[/#]$/, "").split(/[/#]/).pop());
}

/** Show `error` in `container` (or at the top of the page), as text. */
export function showError(error, container = document.querySelector("main")) {
  container.prepend(el("p", { class: "error", role: "alert" }, String(error.message ?? error)));
}

/** Group `rows` by the value of `key`, keeping first-seen order. */
export function groupBy(rows, key) {
  const groups = new Map();
  for (const row of rows) {
    const value = typeof key === "function" ? key(row) : row[key];
    if (!groups.has(value)) groups.set(value, []);
    groups.get(value).push(row);
  }
  return groups;
}

/** The distinct defined values of `field` among `rows`, in first-seen order. */
export function distinct(rows, field) {
  return [...new Set(rows.map((row) => row[field]).filter((value) => value !== undefined))];
}
