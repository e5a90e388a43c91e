// The SPARQL editor: YASGUI on this server's /sparql endpoint, with the query library (queries/*.rq, as
// `kg query --list` shows it) as examples. Autocompletion that would ask other sites (LOV, prefix.cc) is off:
// the explorer talks to this server only.

import { el, renderNav, showError } from "./page.js";
import { config } from "./sparql.js";

/** One example of the list: a button that opens the query in a new tab, its description and parameters. */
function example(query) {
  const parameters = query.parameters.map((p) => `?${p.name}${p.optional ? " (optional)" : ""}: ${p.meaning}`);
  return el("li", {},
    el("button", { type: "button", class: "example", "data-query": query.name, title: query.description }, query.name),
    el("span", { class: "description" }, query.description),
    parameters.length ? el("span", { class: "parameters" },
      `Bind with VALUES, e.g. VALUES ?${query.parameters[0].name} { "…" }; `, parameters.join("; ")) : null);
}

async function main() {
  renderNav("sparql.html");
  try {
    const { queries } = await config();
    const endpoint = new URL("/sparql", location.href).href;
    const yasgui = new Yasgui(document.querySelector("#yasgui"), {
      requestConfig: { endpoint, method: "POST" },
      copyEndpointOnNewTab: true,
      endpointCatalogueOptions: { getData: () => [{ endpoint }] },
      persistenceId: null,
      yasqe: { autocompleters: ["variables"] },
    });
    yasgui.getTab().setEndpoint(endpoint);
    const list = document.querySelector("#examples");
    list.replaceChildren(...queries.map(example));
    list.addEventListener("click", (event) => {
      const name = event.target.closest("button.example")?.dataset.query;
      const query = queries.find((q) => q.name === name);
      if (query) {
        const tab = yasgui.addTab(true, { name: query.name });
        tab.setQuery(query.text);
      }
    });
    window.yasgui = yasgui; // for the browser console
  } catch (error) {
    showError(error);
  }
}

main();
