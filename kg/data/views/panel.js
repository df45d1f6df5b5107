// kg click-to-trace panel and page helpers, shared by the graph views and the matrix: built with DOM calls and
// textContent only, so no title, name, sentence or URL from an abstract can become markup.
// Only hrefs Python checked (http/https, kg/views/panels.py safe_href) ever become links.
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function nodeButton(id, name) {
    var button = el("button", "node-link", name);
    button.type = "button";
    button.dataset.node = id;
    return button;
  }

  function links(list) {
    var box = el("div", "panel-links");
    (list || []).forEach(function (link) {
      var text = link[2] === "paper" ? "paper" : link[2] === "code" ? "code" : "link";
      if (link[1]) {
        var a = el("a", "ext ext-" + link[2], text);
        a.href = link[1];
        a.title = link[0];
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        box.appendChild(a);
      } else {
        box.appendChild(el("span", "ext unlinked", text + ": " + link[0]));
      }
    });
    return box;
  }

  // The evidence sentence with the matched words marked.
  function evidence(sentence, surface, confidence) {
    var quote = el("blockquote", "evidence");
    var at = surface ? sentence.indexOf(surface) : -1;
    if (at < 0) {
      quote.textContent = sentence;
    } else {
      quote.appendChild(document.createTextNode(sentence.slice(0, at)));
      quote.appendChild(el("mark", null, surface));
      quote.appendChild(document.createTextNode(sentence.slice(at + surface.length)));
    }
    if (confidence !== null && confidence !== undefined) {
      quote.appendChild(el("span", "confidence", " confidence " + Number(confidence).toFixed(2)));
    }
    return quote;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function paperItem(data, id) {
    var card = data.cards[id] || [id, "", []];
    var item = el("li", "paper-item");
    item.dataset.node = id;
    item.appendChild(nodeButton(id, card[0]));
    return { item: item, card: card };
  }

  function paperPanel(body, data, id, panel) {
    var card = data.cards[id] || [id, "", []];
    body.appendChild(el("div", "panel-kind", "Paper · " + card[1]));
    body.appendChild(el("h2", "panel-name", card[0]));
    body.appendChild(links(card[2]));
    if (panel.benchmarks.length) {
      body.appendChild(el("p", "own-benchmarks", "Evaluated on: " + panel.benchmarks.join(", ")));
    }
    var heading = panel.shared_total
      ? "Shares benchmarks with " + plural(panel.shared_total, "paper")
      : "Shares no benchmark with another paper";
    body.appendChild(el("h3", null, heading));
    if (panel.shared_total > panel.shared.length) {
      body.appendChild(el("p", "panel-note", "the " + panel.shared.length + " sharing most are listed"));
    }
    var list = el("ol", "shared");
    panel.shared.forEach(function (row) {
      var made = paperItem(data, row[0]);
      made.item.appendChild(el("div", "shared-names", row[1].join(", ")));
      made.item.appendChild(links(made.card[2]));
      list.appendChild(made.item);
    });
    body.appendChild(list);
  }

  function entityPanel(body, data, id, panel) {
    var verb = panel.kind === "Benchmark" ? "Evaluated on it" : "Papers proposing or mentioning it";
    body.appendChild(el("div", "panel-kind", panel.kind + " · " + plural(panel.papers.length, "paper")));
    body.appendChild(el("h2", "panel-name", data.names[id]));
    if (panel.long_form) body.appendChild(el("p", "long-form", panel.long_form));
    if (panel.aliases.length) body.appendChild(el("p", "aliases", "Also: " + panel.aliases.join(", ")));
    body.appendChild(el("h3", null, verb + ": " + plural(panel.papers.length, "paper")));
    var list = el("ol", "evaluated");
    panel.papers.forEach(function (row) {
      var made = paperItem(data, row[0]);
      if (panel.kind !== "Benchmark") made.item.appendChild(el("span", "relation", " " + row[1].toLowerCase()));
      made.item.appendChild(evidence(row[2], row[3], row[4]));
      made.item.appendChild(links(made.card[2]));
      list.appendChild(made.item);
    });
    body.appendChild(list);
  }

  // Fill ``body`` with the panel of node ``id``; false when the data has none for it.
  function render(body, data, id) {
    var panel = data.panels[id];
    body.replaceChildren();
    if (!panel) return false;
    if (panel.kind === "Paper") paperPanel(body, data, id, panel);
    else entityPanel(body, data, id, panel);
    return true;
  }

  // Same rule as kg.text.fold: case, spaces, hyphens, underscores, a trailing plural "s".
  function fold(text) {
    var key = String(text).normalize("NFKC").replace(/[\u2010-\u2015\u2212]/g, "-").toLowerCase();
    key = key.replace(/[\s\-_]+/g, "");
    if (key.length > 3 && key.endsWith("s") && !key.endsWith("ss") && /\p{L}/u.test(key[key.length - 2])) {
      key = key.slice(0, -1);
    }
    return key;
  }

  // The JSON of a gzip + base64 block written by kg.views.page.packed_json.
  function unpack(base64) {
    var bytes = Uint8Array.from(atob(base64.trim()), function (c) { return c.charCodeAt(0); });
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
  }

  // The benchmark / method inputs and the confidence range of filters.html: options from the facets
  // (kg/views/facets.py), and onFacet(facet, papers or null, node id or null), onConfidence(value).
  function facetInputs(facets, onFacet, onConfidence) {
    ["benchmark", "method"].forEach(function (facet) {
      var index = new Map();
      var fragment = document.createDocumentFragment();
      facets[facet].forEach(function (entry, i) {
        var key = fold(entry[1]);
        if (!index.has(key)) index.set(key, i);
        var option = document.createElement("option");
        option.value = entry[1];
        option.label = entry[1] + " (" + entry[2] + ")";
        fragment.appendChild(option);
      });
      document.getElementById("facet-" + facet).appendChild(fragment);
      var input = document.getElementById("filter-" + facet);
      var column = facet === "benchmark" ? 0 : 1;
      input.addEventListener("change", function () {
        var i = input.value ? index.get(fold(input.value)) : undefined;
        input.classList.toggle("unknown", !!input.value && i === undefined);
        if (i === undefined) return onFacet(facet, null, null);
        var papers = new Set();
        Object.keys(facets.of).forEach(function (paper) {
          if (facets.of[paper][column].indexOf(i) !== -1) papers.add(paper);
        });
        onFacet(facet, papers, facets[facet][i][0]);
      });
    });
    var range = document.getElementById("filter-confidence");
    if (range) {
      range.addEventListener("input", function () {
        document.getElementById("confidence-value").textContent = Number(range.value).toFixed(2);
        onConfidence(Number(range.value));
      });
    }
    document.getElementById("filters").addEventListener("submit", function (event) { event.preventDefault(); });
  }

  window.kgPanel = {
    facetInputs: facetInputs, render: render, evidence: evidence, el: el, links: links, nodeButton: nodeButton,
    fold: fold, unpack: unpack };
})();
