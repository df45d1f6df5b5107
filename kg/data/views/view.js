// kg view page: draws precomputed positions with physics off, tooltips, search, type filters.
// Tooltip HTML comes from Python with every piece of abstract text already html-escaped.
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
  var tips = { node: {}, edge: [] };
  view.tipsLoaded = false;
  function unpack(base64) {
    var bytes = Uint8Array.from(atob(base64.trim()), function (c) { return c.charCodeAt(0); });
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
  }

  network.once("afterDrawing", function () {
    view.drawn = true;
    view.drawnAt = performance.now();
    document.body.setAttribute("data-drawn", "1");
    view.tipsReady = unpack(document.getElementById("kg-tips").textContent).then(function (packed) {
      tips.node = packed.node_tips;
      tips.edge = packed.edge_tips;
      view.tipsLoaded = true;
    });
  });

  // Same rule as kg.text.fold: case, spaces, hyphens, underscores, a trailing plural "s".
  function fold(text) {
    var key = String(text).normalize("NFKC").replace(/[\u2010-\u2015\u2212]/g, "-").toLowerCase();
    key = key.replace(/[\s\-_]+/g, "");
    if (key.length > 3 && key.endsWith("s") && !key.endsWith("ss") && /\p{L}/u.test(key[key.length - 2])) {
      key = key.slice(0, -1);
    }
    return key;
  }
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

  var details = document.getElementById("details");
  function showDetails(id) {
    if (id === null || id === undefined || !tips.node[id]) {
      details.hidden = true;
      return;
    }
    document.getElementById("details-body").innerHTML = tips.node[id];
    details.hidden = false;
  }
  document.getElementById("details-close").addEventListener("click", function () { details.hidden = true; });
  network.on("click", function (p) { showDetails(p.nodes.length ? p.nodes[0] : null); });

  // Type filters: hide every node of a label (vis hides their edges with them).
  var byKind = {};
  data.nodes.forEach(function (n) { (byKind[n.kind] = byKind[n.kind] || []).push(n.id); });
  function setKindVisible(kind, visible) {
    nodes.update((byKind[kind] || []).map(function (id) { return { id: id, hidden: !visible }; }));
    var box = document.querySelector('.type-filter[value="' + CSS.escape(kind) + '"]');
    if (box) box.checked = visible;
  }
  view.setKindVisible = setKindVisible;
  document.querySelectorAll(".type-filter").forEach(function (box) {
    box.addEventListener("change", function () { setKindVisible(box.value, box.checked); });
  });

  // Select a node and show its details; zoom in on it unless told to keep the whole view in sight.
  function focusNode(id, keepView) {
    var node = nodes.get(id);
    if (!node) return false;
    if (node.hidden) setKindVisible(node.kind, true);
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
