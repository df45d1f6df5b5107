// kg paper x benchmark matrix: only the rows and columns in sight are in the DOM (a 2,000 x 500 matrix
// would be a million cells), rebuilt on scroll with textContent only. Filtering, sorting and the
// benchmark / method / confidence filters recompute which rows and columns are shown.
(function () {
  "use strict";
  var ROW_H = 21, COL_W = 23, HEAD_H = 151, ROW_HEAD_W = 333;
  var P = window.kgPanel;
  var scroller = document.getElementById("matrix-scroll");
  var sizer = document.getElementById("matrix-sizer");
  var table = document.getElementById("matrix");
  var detailsBody = document.getElementById("details-body");
  var closeButton = document.getElementById("details-close");
  var hintPanel = detailsBody.innerHTML;
  var m = { ready: false, renderedAt: null, timings: { start: performance.now() } };
  window.kgMatrix = m;

  P.unpack(document.getElementById("kg-matrix").textContent).then(function (data) {
    m.data = data;
    var nCols = data.columns.length;
    var cellAt = new Map();
    var rowCells = data.rows.map(function () { return []; });
    data.cells.forEach(function (cell, i) {
      cellAt.set(cell[0] * nCols + cell[1], i);
      rowCells[cell[0]].push(i);
    });
    var rowKeys = data.rows.map(function (row) { return P.fold(row[1]); });
    var colKeys = data.columns.map(function (col) { return P.fold(col[1]); });
    var state = { text: "", facets: { benchmark: null, method: null }, minConf: 0, sortColumn: null,
      rowOrder: "cluster", colOrder: "cluster" };
    var shownRows = [], shownCols = [], cellOn = new Uint8Array(data.cells.length);

    function ordered(items, mode) {
      var index = items.map(function (_, i) { return i; });
      if (mode === "name") index.sort(function (a, b) { return items[a][1].localeCompare(items[b][1]); });
      if (mode === "count") index.sort(function (a, b) { return items[b][2] - items[a][2] || a - b; });
      return index;
    }

    // Which cells, rows and columns the filters keep; rows and columns in the chosen order.
    function compute() {
      var t0 = performance.now();
      var key = P.fold(state.text);
      data.cells.forEach(function (cell, i) {
        var conf = cell[4];
        cellOn[i] = state.minConf <= 0 || conf === null || conf >= state.minConf ? 1 : 0;
      });
      var rowKept = data.rows.map(function (row, r) {
        var facetsOk = ["benchmark", "method"].every(function (f) {
          return !state.facets[f] || state.facets[f].has(row[0]);
        });
        if (!facetsOk) return false;
        var cells = rowCells[r].filter(function (i) { return cellOn[i]; });
        if (!cells.length) return false;
        if (!key || rowKeys[r].indexOf(key) !== -1) return true;
        return cells.some(function (i) { return colKeys[data.cells[i][1]].indexOf(key) !== -1; });
      });
      var colKept = new Uint8Array(nCols);
      data.cells.forEach(function (cell, i) { if (cellOn[i] && rowKept[cell[0]]) colKept[cell[1]] = 1; });
      var rows = ordered(data.rows, state.rowOrder).filter(function (r) { return rowKept[r]; });
      if (state.sortColumn !== null) {
        var has = function (r) { var i = cellAt.get(r * nCols + state.sortColumn); return i !== undefined && cellOn[i]; };
        rows = rows.filter(has).concat(rows.filter(function (r) { return !has(r); }));
      }
      shownRows = rows;
      shownCols = ordered(data.columns, state.colOrder).filter(function (c) { return colKept[c]; });
      sizer.style.width = ROW_HEAD_W + shownCols.length * COL_W + "px";
      sizer.style.height = HEAD_H + shownRows.length * ROW_H + "px";
      render();
      m.lastFilterMs = performance.now() - t0;
      return m.lastFilterMs;
    }

    function header(c) {
      var col = data.columns[c];
      var th = P.el("th", "col-head" + (state.sortColumn === c ? " sorted" : ""));
      var button = P.nodeButton(col[0], col[1]);
      button.title = col[1] + " · " + col[2] + " papers";
      th.appendChild(button);
      var sort = P.el("button", "sort", "▼");
      sort.type = "button";
      sort.title = "papers evaluated on " + col[1] + " first";
      sort.dataset.col = c;
      th.appendChild(sort);
      return th;
    }

    // Rebuild the table for the rows and columns in sight; it sits where the viewport is.
    function render() {
      var top = scroller.scrollTop, left = scroller.scrollLeft;
      var r0 = Math.floor(top / ROW_H), c0 = Math.floor(left / COL_W);
      var nr = Math.ceil(scroller.clientHeight / ROW_H) + 1;
      var nc = Math.ceil(Math.max(0, scroller.clientWidth - ROW_HEAD_W) / COL_W) + 1;
      var rows = shownRows.slice(r0, r0 + nr), cols = shownCols.slice(c0, c0 + nc);
      var thead = P.el("thead"), headRow = P.el("tr");
      headRow.appendChild(P.el("th", "row-head corner", shownRows.length + " papers × " + shownCols.length + " benchmarks"));
      cols.forEach(function (c) { headRow.appendChild(header(c)); });
      thead.appendChild(headRow);
      var tbody = P.el("tbody");
      rows.forEach(function (r) {
        var row = data.rows[r], tr = P.el("tr"), th = P.el("th", "row-head");
        var button = P.nodeButton(row[0], row[1]);
        button.title = row[1];
        th.appendChild(button);
        tr.appendChild(th);
        cols.forEach(function (c) {
          var td = P.el("td"), i = cellAt.get(r * nCols + c);
          if (i !== undefined && cellOn[i]) {
            var a = P.el("a", "cell");
            a.href = "#";
            a.dataset.cell = i;
            a.title = row[1] + " — " + data.columns[c][1];
            var conf = data.cells[i][4];
            if (conf !== null) a.style.opacity = (0.35 + 0.65 * conf).toFixed(2);
            td.appendChild(a);
            if (String(i) === detailsBody.dataset.cell) td.className = "chosen";
          }
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      table.replaceChildren(thead, tbody);
      table.style.left = left + "px";
      table.style.top = top + "px";
      if (!m.ready) {
        m.ready = true;
        m.renderedAt = performance.now();
        document.body.setAttribute("data-drawn", "1");
      }
    }

    function showCell(i) {
      var cell = data.cells[i], row = data.rows[cell[0]], col = data.columns[cell[1]];
      var card = data.panels.cards[row[0]] || [row[1], "", []];
      detailsBody.replaceChildren(
        P.el("div", "panel-kind", "Evaluation"),
        P.el("h2", "panel-name", "")
      );
      var h2 = detailsBody.querySelector("h2");
      h2.appendChild(P.nodeButton(row[0], row[1]));
      h2.appendChild(document.createTextNode(" on "));
      h2.appendChild(P.nodeButton(col[0], col[1]));
      detailsBody.appendChild(P.evidence(cell[2], cell[3], cell[4]));
      detailsBody.appendChild(P.links(card[2]));
      detailsBody.dataset.cell = i;
      delete detailsBody.dataset.node;
      closeButton.hidden = false;
      render();
    }
    function showNode(id) {
      if (!P.render(detailsBody, data.panels, id)) return;
      detailsBody.dataset.node = id;
      delete detailsBody.dataset.cell;
      closeButton.hidden = false;
    }
    m.showNode = showNode;
    m.showCell = showCell;

    table.addEventListener("click", function (event) {
      var cell = event.target.closest("a.cell");
      if (cell) {
        event.preventDefault();
        return showCell(Number(cell.dataset.cell));
      }
      var sort = event.target.closest("button.sort");
      if (sort) {
        var c = Number(sort.dataset.col);
        return sortBy(state.sortColumn === c ? null : c);
      }
      var node = event.target.closest("button.node-link");
      if (node) showNode(node.dataset.node);
    });
    document.getElementById("side").addEventListener("click", function (event) {
      var node = event.target.closest("button.node-link");
      if (node) showNode(node.dataset.node);
    });
    closeButton.addEventListener("click", function () {
      detailsBody.innerHTML = hintPanel;
      delete detailsBody.dataset.node;
      delete detailsBody.dataset.cell;
      closeButton.hidden = true;
      render();
    });

    var pending = false;
    scroller.addEventListener("scroll", function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; render(); });
    });
    window.addEventListener("resize", render);

    var filter = document.getElementById("matrix-filter");
    filter.addEventListener("input", function () { m.setFilter(filter.value); });
    document.getElementById("matrix-filter-form").addEventListener("submit", function (e) { e.preventDefault(); });
    ["row", "column"].forEach(function (which) {
      var select = document.getElementById(which + "-order");
      select.addEventListener("change", function () {
        state[which === "row" ? "rowOrder" : "colOrder"] = select.value;
        if (which === "row") state.sortColumn = null;
        compute();
      });
    });
    P.facetInputs(data.facets, function (facet, papers) {
      state.facets[facet] = papers;
      compute();
    }, function (value) {
      state.minConf = value;
      compute();
    });

    m.setFilter = function (text) {
      state.text = text;
      scroller.scrollTop = 0;
      return compute();
    };
    m.shown = function () {
      return { rows: shownRows.map(function (r) { return data.rows[r][0]; }),
        columns: shownCols.map(function (c) { return data.columns[c][0]; }) };
    };
    // Rows on benchmark column ``c`` first (null: the chosen order), and that column in sight.
    function sortBy(c) {
      state.sortColumn = c;
      scroller.scrollTop = 0;
      var ms = compute();
      var at = shownCols.indexOf(c);
      if (at >= 0) {
        scroller.scrollLeft = at * COL_W;
        render();
      }
      return ms;
    }
    m.sortBy = function (benchmarkId) {
      var c = data.columns.findIndex(function (col) { return col[0] === benchmarkId; });
      return sortBy(c < 0 ? null : c);
    };
    compute();
  });
})();
