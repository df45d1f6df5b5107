// kg view page: draws precomputed positions with physics off; tooltips, search, click-to-trace panels,
// type / benchmark / method / confidence filters. Tooltip HTML comes from Python with every piece of
// abstract text already html-escaped; panels are built by panel.js with textContent only.
(function () {
  "use strict";
  var timings = { start: performance.now() };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, data.options);
  timings.network = performance.now();
  var view = { network: network, nodes: nodes, edges: edges, drawn: false, drawnAt: null, timings: timings };
  window.kgView = view;

  // Tooltips (html, gzip, base64) are unpacked once the graph is on screen: hover needs them, drawing not.
  var tips = { node: {}, edge: [], panels: { panels: {}, cards: {}, names: {} }, facets: null };
  view.tipsLoaded = false;
  var unpack = window.kgPanel.unpack;

  // vis fits the view to the nodes before it has measured their labels: fit again once it has,
  // so no label starts off screen; the view counts as drawn after that second draw.
  network.once("afterDrawing", function () {
    network.once("afterDrawing", function () {
      view.drawn = true;
      view.drawnAt = performance.now();
      document.body.setAttribute("data-drawn", "1");
    });
    network.fit({ animation: false });
    view.tipsReady = unpack(document.getElementById("kg-tips").textContent).then(function (packed) {
      tips.node = packed.node_tips;
      tips.edge = packed.edge_tips;
      tips.panels = packed.panels;
      tips.facets = packed.facets;
      setUpFilters(packed.facets);
      view.tipsLoaded = true;
    });
  });

  var fold = window.kgPanel.fold;
  view.fold = fold;

  var exact = new Map();
  data.search.forEach(function (entry) {
    if (!exact.has(entry[0])) exact.set(entry[0], entry[1]);
  });

  function find(query) {
    var key = fold(query);
    if (!key) return null;
    if (exact.has(key)) return exact.get(key);
    for (var i = 0; i < data.search.length; i++) {
      if (data.search[i][0].indexOf(key) !== -1) return data.search[i][1];
    }
    return null;
  }
  view.find = find;

  // Tooltip and details: our markup around escaped text, see kg/views/tooltips.py.
  var tip = document.getElementById("tip");
  function showTip(html, pointer) {
    if (!html) return;
    tip.innerHTML = html;
    tip.hidden = false;
    var box = document.getElementById("graph").getBoundingClientRect();
    var x = Math.min(box.left + pointer.x + 14, window.innerWidth - tip.offsetWidth - 8);
    var y = Math.min(box.top + pointer.y + 14, window.innerHeight - tip.offsetHeight - 8);
    tip.style.left = Math.max(0, x) + "px";
    tip.style.top = Math.max(0, y) + "px";
  }
  function hideTip() {
    tip.hidden = true;
  }
  view.showNodeTip = function (id, pointer) {
    showTip(tips.node[id], pointer || { x: 20, y: 20 });
  };
  view.showEdgeTip = function (id, pointer) {
    showTip(tips.edge[id], pointer || { x: 20, y: 20 });
  };
  network.on("hoverNode", function (p) { showTip(tips.node[p.node], p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(tips.edge[p.edge], p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // Click to trace: the panel of a paper or benchmark (panel.js), else the node's tooltip.
  var detailsBody = document.getElementById("details-body");
  var closeButton = document.getElementById("details-close");
  var hintPanel = detailsBody.innerHTML;
  function showDetails(id) {
    if (id === null || id === undefined) return;
    if (!window.kgPanel.render(detailsBody, tips.panels, id)) {
      if (!tips.node[id]) return;
      detailsBody.innerHTML = tips.node[id];
    }
    detailsBody.dataset.node = id;
    closeButton.hidden = false;
  }
  view.showDetails = showDetails;
  closeButton.addEventListener("click", function () {
    detailsBody.innerHTML = hintPanel;
    delete detailsBody.dataset.node;
    closeButton.hidden = true;
    network.unselectAll();
  });
  network.on("click", function (p) { if (p.nodes.length) showDetails(p.nodes[0]); });
  // a paper or benchmark named in a panel or the side list: select it if drawn, else show its panel
  document.getElementById("side").addEventListener("click", function (event) {
    var button = event.target.closest("button.node-link");
    if (!button) return;
    if (nodes.get(button.dataset.node)) focusNode(button.dataset.node);
    else showDetails(button.dataset.node);
  });

  // Filters. Types hide every node of a label; a benchmark or method keeps the papers linked to it
  // (read from the full graph) and what they link to here; a minimum confidence hides weaker edges,
  // and entities left with none. vis hides the edges of hidden nodes itself.
  var byKind = {};
  data.nodes.forEach(function (n) { (byKind[n.kind] = byKind[n.kind] || []).push(n.id); });
  var neighbours = new Map();
  data.nodes.forEach(function (n) { neighbours.set(n.id, []); });
  data.edges.forEach(function (e) {
    neighbours.get(e.from).push(e);
    neighbours.get(e.to).push(e);
  });
  var state = { hiddenKinds: new Set(), facetNodes: { benchmark: null, method: null }, minConf: 0 };
  var facetPapers = { benchmark: null, method: null };
  var shown = { nodes: new Map(), edges: new Map() };

  function edgeStrongEnough(e) {
    return state.minConf <= 0 || e.conf === undefined || e.conf >= state.minConf;
  }
  function paperKept(id) {
    return ["benchmark", "method"].every(function (f) { return !facetPapers[f] || facetPapers[f].has(id); });
  }
  function applyFilters() {
    var faceted = facetPapers.benchmark || facetPapers.method;
    var visible = new Set();
    data.nodes.forEach(function (n) {
      if (n.kind === "Paper" && !state.hiddenKinds.has("Paper") && paperKept(n.id)) visible.add(n.id);
    });
    var nodeUpdates = [];
    var kept = 0;
    data.nodes.forEach(function (n) {
      var on;
      if (n.kind === "Paper") {
        on = visible.has(n.id);
        if (on) kept++;
      } else if (state.hiddenKinds.has(n.kind) || (n.conf !== undefined && n.conf < state.minConf)) {
        on = false;
      } else {
        var edges = neighbours.get(n.id).filter(edgeStrongEnough);
        on = (edges.length > 0 || neighbours.get(n.id).length === 0) &&
          (!faceted || n.id === state.facetNodes.benchmark || n.id === state.facetNodes.method || edges.some(function (e) {
            return visible.has(e.from === n.id ? e.to : e.from);
          }));
      }
      if ((shown.nodes.get(n.id) !== false) !== on) nodeUpdates.push({ id: n.id, hidden: !on });
      shown.nodes.set(n.id, on);
    });
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var on = edgeStrongEnough(e);
      if ((shown.edges.get(e.id) !== false) !== on) edgeUpdates.push({ id: e.id, hidden: !on });
      shown.edges.set(e.id, on);
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    var total = (byKind.Paper || []).length;
    var active = faceted || state.minConf > 0 || state.hiddenKinds.size;
    document.getElementById("filter-status").textContent = active ? kept + " of " + total + " papers shown" : "";
    view.filteredAt = performance.now();
    return kept;
  }
  view.applyFilters = applyFilters;

  function setKindVisible(kind, visible) {
    if (visible) state.hiddenKinds.delete(kind);
    else state.hiddenKinds.add(kind);
    var box = document.querySelector('.type-filter[value="' + CSS.escape(kind) + '"]');
    if (box) box.checked = visible;
    applyFilters();
  }
  view.setKindVisible = setKindVisible;
  document.querySelectorAll(".type-filter").forEach(function (box) {
    box.addEventListener("change", function () { setKindVisible(box.value, box.checked); });
  });

  // Keep only papers linked to a benchmark or method (null: any), as filters.html's inputs choose.
  function setFacet(facet, papers, node) {
    facetPapers[facet] = papers;
    state.facetNodes[facet] = node;
    return applyFilters();
  }
  view.setFacet = setFacet;
  view.setMinConfidence = function (value) {
    state.minConf = Number(value);
    return applyFilters();
  };
  function setUpFilters(facets) {
    window.kgPanel.facetInputs(facets, setFacet, view.setMinConfidence);
  }

  // Select a node and show its details; zoom in on it unless told to keep the whole view in sight.
  function focusNode(id, keepView) {
    var node = nodes.get(id);
    if (!node) return false;
    if (node.hidden) setKindVisible(node.kind, true);
    if (nodes.get(id).hidden) return false;
    network.selectNodes([id]);
    if (!keepView) network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    showDetails(id);
    return true;
  }
  view.focusNode = focusNode;

  var status = document.getElementById("search-status");
  var input = document.getElementById("search-input");
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var id = find(input.value);
    status.textContent = id !== null && focusNode(id) ? "" : "not found";
  });
  var suggestions = document.getElementById("search-suggestions");
  input.addEventListener("input", function () {
    var key = fold(input.value);
    suggestions.replaceChildren();
    if (key.length < 2) return;
    var seen = new Set();
    for (var i = 0; i < data.search.length && seen.size < 15; i++) {
      var entry = data.search[i];
      if (entry[0].indexOf(key) !== -1 && !seen.has(entry[2])) {
        seen.add(entry[2]);
        var option = document.createElement("option");
        option.value = entry[2];
        suggestions.appendChild(option);
      }
    }
  });

  if (data.focus !== null && data.focus !== undefined) {
    network.once("afterDrawing", function () {
      view.tipsReady.then(function () { focusNode(data.focus, true); });
    });
  }
})();
