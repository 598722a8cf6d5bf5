// The network view's behaviour: draw the graph, filter it, explain it on hover.
// Every text from the data reaches the page through textContent, never as markup, so a
// quote containing <script> or <b> shows as those characters.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ag-data").textContent);
  var meta = data.meta;
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var edgeById = new Map(data.edges.map(function (e) { return [e.id, e]; }));
  var allTypes = data.legend.relations.map(function (r) { return r.key; });
  var initial = meta.filter;
  var state = {
    focus: initial.focus || "",
    depth: initial.depth,
    types: new Set(allTypes),
    contested: initial.contested,
    denied: initial.denied,
    disputes: initial.disputes,
    trueAt: initial.trueAt || "",
    knownBy: initial.knownBy || "",
    undated: initial.undated !== false
  };
  var view = window.__agView = {
    nodes: 0, edges: 0, totalNodes: data.nodes.length, totalEdges: data.edges.length,
    network: null, settled: false, state: state, apply: null, data: data
  };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  // ---- dates: begin. The browser's twin of ontology/dates.py: tests/test_dates.py runs the
  // lines from here to the matching end marker in node and checks they agree with it.
  // Dates are ISO strings as precise as the sources give them: "2021", "2021-08", "2021-08-15".
  function monthDays(year, month) {
    if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
    return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  }
  function periodStart(d) { return d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d; }
  function periodEnd(d) {
    if (d.length === 4) return d + "-12-31";
    if (d.length === 7) return d + "-" + monthDays(Number(d.slice(0, 4)), Number(d.slice(5, 7)));
    return d;
  }
  // The twin of Question.answer in services/relation_filter.py, on an edge's "times": one
  // [stance, stated, from, until, sure from] per claim, whole days ("" unknown; open ends
  // 0000/9999; "sure from" is the start, or with no start the end's first day).
  // q: {trueAt, knownBy, undated, statuses: {asserted, contested, denied: bool}}.
  // Returns null when the question leaves the relation out, else {status, faint}: faint when
  // asked true_at and only claims that give no period say it held (period unknown).
  function answers(times, q) {
    var known = times.filter(function (t) {
      return !q.knownBy || (t[1] !== "" && t[1] <= periodEnd(q.knownBy));
    });
    if (!known.length) return null;
    var asserting = known.filter(function (t) { return t[0] === "asserts"; });
    var status = !asserting.length ? "denied" :
      asserting.length === known.length ? "asserted" : "contested";
    if (!q.statuses[status]) return null;
    var basis = asserting.length ? asserting : known;
    var faint = false;
    if (q.trueAt) {
      var first = periodStart(q.trueAt), last = periodEnd(q.trueAt);
      var meets = basis.some(function (t) { return t[2] !== "" && t[4] <= last && t[3] >= first; });
      if (!meets) {
        var may = basis.some(function (t) {
          return t[2] === "" || (t[2] === "0000-01-01" && first <= t[3]);
        });
        if (!q.undated || !may) return null;
        faint = true;
      }
    }
    return { status: status, faint: faint };
  }
  // ---- dates: end

  function within(edges, focus, depth) {
    var adj = new Map();
    edges.forEach(function (e) {
      if (!adj.has(e.from)) adj.set(e.from, []);
      if (!adj.has(e.to)) adj.set(e.to, []);
      adj.get(e.from).push(e.to);
      adj.get(e.to).push(e.from);
    });
    var reached = new Map([[focus, 0]]);
    var queue = [focus];
    while (queue.length) {
      var current = queue.shift();
      var d = reached.get(current);
      if (d >= depth) continue;
      (adj.get(current) || []).forEach(function (other) {
        if (!reached.has(other)) { reached.set(other, d + 1); queue.push(other); }
      });
    }
    return reached;
  }

  // ---- drawing -------------------------------------------------------------------------
  var nodeSet = new vis.DataSet(data.nodes);
  var edgeSet = new vis.DataSet(data.edges);
  // Everything starts shown, so the first filtering only updates what it hides.
  var hiddenNodes = new Map(data.nodes.map(function (n) { return [n.id, false]; }));
  var hiddenEdges = new Map(data.edges.map(function (e) { return [e.id, false]; }));

  // The question the controls ask (twin of ViewFilter.question in services/view/select.py).
  function question() {
    return {
      trueAt: validDate(state.trueAt), knownBy: validDate(state.knownBy), undated: state.undated,
      statuses: { asserted: !state.disputes, contested: state.contested, denied: state.denied }
    };
  }
  function validDate(text) { return /^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$/.test(text || "") ? text : ""; }

  // How a relation is drawn (twin of edge_look in services/view/render.py): by the status its
  // counted claims give, faint when asked what held at a date and no claim gives a period.
  var look = meta.look;
  var drawnAs = new Map(data.edges.map(function (e) { return [e.id, e.status + "|false"]; }));
  function edgeLook(e, status, undated) {
    var color = status === "denied" ? look.deniedColor : e.baseColor;
    return {
      id: e.id,
      color: { color: color, highlight: color, hover: color, opacity: undated ? look.undatedOpacity : 0.85 },
      width: e.baseWidth + (status === "contested" ? look.contestedExtraWidth : 0),
      dashes: look.dashes[status] || false
    };
  }

  function apply(changes) {
    if (changes) Object.keys(changes).forEach(function (k) { state[k] = changes[k]; });
    var q = question();
    var answer = new Map();
    var kept = data.edges.filter(function (e) {
      if (!state.types.has(e.relation)) return false;
      var a = answers(e.times, q);
      if (a) answer.set(e.id, a);
      return !!a;
    });
    var ids = new Set();
    var focus = state.focus && byId.has(state.focus) ? state.focus : "";
    if (focus) {
      var reach = within(kept, focus, Number(state.depth) || 0);
      kept = kept.filter(function (e) { return reach.has(e.from) && reach.has(e.to); });
      ids.add(focus);
    }
    var edgeIds = new Set();
    kept.forEach(function (e) { ids.add(e.from); ids.add(e.to); edgeIds.add(e.id); });
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      var hidden = !ids.has(n.id);
      if (hiddenNodes.get(n.id) !== hidden) { hiddenNodes.set(n.id, hidden); nodeUpdates.push({ id: n.id, hidden: hidden }); }
    });
    var edgeUpdates = [];
    var undatedShown = 0;
    data.edges.forEach(function (e) {
      var hidden = !edgeIds.has(e.id);
      var update = null;
      if (!hidden) {
        var a = answer.get(e.id);
        var faint = a.faint;
        if (faint) undatedShown += 1;
        var drawn = a.status + "|" + faint;
        if (drawnAs.get(e.id) !== drawn) { drawnAs.set(e.id, drawn); update = edgeLook(e, a.status, faint); }
      }
      if (hiddenEdges.get(e.id) !== hidden) { hiddenEdges.set(e.id, hidden); update = update || { id: e.id }; update.hidden = hidden; }
      if (update) edgeUpdates.push(update);
    });
    if (nodeUpdates.length) nodeSet.update(nodeUpdates);
    if (edgeUpdates.length) edgeSet.update(edgeUpdates);
    view.nodes = ids.size;
    view.edges = edgeIds.size;
    document.body.dataset.nodes = String(ids.size);
    document.body.dataset.edges = String(edgeIds.size);
    var counts = document.getElementById("ag-counts");
    counts.textContent = ids.size + " entities, " + edgeIds.size + " relations shown" +
      (undatedShown ? " (" + undatedShown + " faint: period unknown)" : "");
    view.undated = undatedShown;
    document.body.dataset.undated = String(undatedShown);
    if (meta.isolated) counts.title = meta.isolated + " entities without relations are not drawn";
    if (view.network && changes && ids.size) view.network.fit({ nodes: Array.from(ids), animation: false });
    syncControls();
  }
  view.apply = apply;
  apply();

  var container = document.getElementById("ag-network");
  var network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, data.options);
  view.network = network;

  function markSettled() {
    if (view.settled) return;
    view.settled = true;
    view.settledAt = performance.now();  // ms since navigation started, for the benchmark
    document.body.dataset.settled = "true";
  }
  if (meta.physics && data.nodes.length) {
    // Lay out once, then freeze: a still picture is easier to read than a jiggling one.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      markSettled();
    });
    setTimeout(function () {
      if (!view.settled) { network.stopSimulation(); network.setOptions({ physics: { enabled: false } }); markSettled(); }
    }, 8000);
  } else {
    network.once("afterDrawing", markSettled);
    setTimeout(markSettled, 8000);
  }

  // ---- cards: tooltips and the details panel -------------------------------------------
  function nodeCard(n, sticky) {
    var card = el("div", null, "ag-card");
    card.appendChild(el("h3", n.label));
    card.appendChild(el("div", n.classLabel + (n.date ? " (" + n.date + ")" : ""), "ag-sub"));
    if (n.names.length > 1) card.appendChild(el("div", "Also known as: " + n.names.slice(1).join("; ")));
    card.appendChild(el("div", n.degree + " relation" + (n.degree === 1 ? "" : "s")));
    var link = el("a", "API record: " + n.apiPath);
    link.href = meta.apiBase + n.apiPath;
    card.appendChild(link);
    if (sticky) {
      var focus = el("button", "Focus here");
      focus.type = "button";
      focus.addEventListener("click", function () { apply({ focus: n.id }); });
      card.appendChild(el("div")).appendChild(focus);
    }
    return card;
  }

  function citation(c) {
    var box = el("div", null, "ag-cite");
    box.appendChild(el("strong", c.title));
    var where = [c.publisher, c.published].filter(Boolean).join(", ");
    if (where) box.appendChild(el("span", " (" + where + ")"));
    var who = el("div");
    who.appendChild(el("span", c.claimant + " "));
    who.appendChild(el("span", c.stance, "ag-stance-" + (c.stance === "denies" ? "denies" : "asserts")));
    var dates = [];
    if (c.stated_on) dates.push("stated " + c.stated_on);
    if (c.valid_from) dates.push("from " + c.valid_from);
    if (c.valid_until) dates.push("until " + c.valid_until);
    if (dates.length) who.appendChild(el("span", " · " + dates.join(", ")));
    box.appendChild(who);
    box.appendChild(el("blockquote", "\u201c" + c.quote + "\u201d"));
    return box;
  }

  function edgeCard(e, sticky) {
    var card = el("div", null, "ag-card");
    var from = byId.get(e.from), to = byId.get(e.to);
    var arrow = e.symmetric ? " \u2014 " : " \u2192 ";
    card.appendChild(el("h3", from.label + arrow + e.relationLabel + arrow + to.label));
    var status = e.status === "denied" ? "denied only: no source asserts it" : e.status;
    card.appendChild(el("div", status + ", " + e.sourceCount + " source" + (e.sourceCount === 1 ? "" : "s") +
      ", " + e.citationCount + " claim" + (e.citationCount === 1 ? "" : "s"), "ag-sub"));
    var shown = sticky ? e.citations : e.citations.slice(0, 3);
    shown.forEach(function (c) { card.appendChild(citation(c)); });
    var more = e.citationCount - shown.length;
    if (more > 0 && shown.length < e.citations.length) {
      card.appendChild(el("div", "+ " + more + " more: click the relation", "ag-hint"));
    } else if (more > 0) {
      var all = el("a", "+ " + more + " more claims in the API");
      all.href = meta.apiBase + "/relations?actor=" + encodeURIComponent(e.from);
      card.appendChild(all);
    }
    return card;
  }

  var tooltip = document.getElementById("ag-tooltip");
  var details = document.getElementById("ag-details");
  function showTooltip(card, pointer) {
    tooltip.replaceChildren(card);
    tooltip.hidden = false;
    var maxX = container.clientWidth - tooltip.offsetWidth - 8;
    var maxY = container.clientHeight - tooltip.offsetHeight - 8;
    tooltip.style.left = Math.max(4, Math.min(pointer.x + 14, maxX)) + "px";
    tooltip.style.top = Math.max(4, Math.min(pointer.y + 14, maxY)) + "px";
  }
  function hideTooltip() { tooltip.hidden = true; }
  function showDetails(card) {
    var close = el("button", "\u00d7", "ag-close");
    close.type = "button";
    close.setAttribute("aria-label", "close");
    close.addEventListener("click", function () { details.hidden = true; });
    details.replaceChildren(close, card);
    details.hidden = false;
  }
  network.on("hoverNode", function (p) { showTooltip(nodeCard(byId.get(p.node), false), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip(edgeCard(edgeById.get(p.edge), false), p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes.length) showDetails(nodeCard(byId.get(p.nodes[0]), true));
    else if (p.edges.length) showDetails(edgeCard(edgeById.get(p.edges[0]), true));
    else details.hidden = true;
  });

  // ---- legend and controls -------------------------------------------------------------
  var legendBox = document.getElementById("ag-legend");
  var legendToggle = el("button", "Legend \u25be", "ag-legend-toggle");
  legendToggle.type = "button";
  var legend = el("div");
  legendToggle.addEventListener("click", function () { legend.hidden = !legend.hidden; });
  legendBox.appendChild(legendToggle);
  legendBox.appendChild(legend);
  legend.appendChild(el("h2", "Entities"));
  data.legend.classes.forEach(function (c) {
    var row = el("div", null, "ag-row");
    var shape = el("span", null, "ag-shape " + c.shape);
    shape.style.background = c.color;
    row.appendChild(shape);
    row.appendChild(el("span", c.label));
    legend.appendChild(row);
  });
  legend.appendChild(el("h2", "Relations"));
  function swatch(color) { var s = el("span", null, "ag-swatch"); s.style.background = color; return s; }
  data.legend.relations.forEach(function (r) {
    var row = el("div", null, "ag-row");
    row.appendChild(swatch(r.color));
    row.appendChild(el("span", r.label + (r.symmetric ? " (both ways)" : " \u2192")));
    legend.appendChild(row);
  });
  legend.appendChild(el("div", "- - - contested, drawn wider (a source denies it)", "ag-row"));
  legend.appendChild(el("div", "\u00b7 \u00b7 \u00b7 grey: denied only (no source asserts it)", "ag-row"));
  legend.appendChild(el("div", "faint (with \u201ctrue at\u201d): period unknown, no source dates it", "ag-row"));

  var typeList = document.getElementById("ag-type-list");
  var typeBoxes = new Map();
  data.legend.relations.forEach(function (r) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.value = r.key;
    box.dataset.relation = r.key;
    box.addEventListener("change", function () {
      if (box.checked) state.types.add(r.key); else state.types.delete(r.key);
      apply({});
    });
    typeBoxes.set(r.key, box);
    label.appendChild(box);
    label.appendChild(swatch(r.color));
    label.appendChild(document.createTextNode(r.label + " (" + r.count + ")"));
    typeList.appendChild(label);
  });

  var focusSelect = document.getElementById("ag-focus");
  ["Actor", "Event", "Place"].forEach(function (kind) {
    var members = data.nodes.filter(function (n) { return n.kind === kind; })
      .sort(function (a, b) { return a.label.localeCompare(b.label); });
    if (!members.length) return;
    var group = el("optgroup");
    group.label = kind === "Actor" ? "Actors" : kind + "s";
    members.forEach(function (n) { var o = el("option", n.label); o.value = n.id; group.appendChild(o); });
    focusSelect.appendChild(group);
  });
  var depthInput = document.getElementById("ag-depth");
  var contestedBox = document.getElementById("ag-contested");
  var deniedBox = document.getElementById("ag-denied");
  var disputesBox = document.getElementById("ag-disputes");
  var trueAtInput = document.getElementById("ag-true-at");
  var knownByInput = document.getElementById("ag-known-by");
  var undatedBox = document.getElementById("ag-undated");
  function syncControls() {
    if (!typeBoxes) return;
    focusSelect.value = state.focus;
    depthInput.value = String(state.depth);
    contestedBox.checked = state.contested;
    deniedBox.checked = state.denied;
    disputesBox.checked = state.disputes;
    trueAtInput.value = state.trueAt;
    knownByInput.value = state.knownBy;
    undatedBox.checked = state.undated;
    [trueAtInput, knownByInput].forEach(function (input) {
      input.setAttribute("aria-invalid", String(!!input.value && !validDate(input.value)));
    });
    typeBoxes.forEach(function (box, key) { box.checked = state.types.has(key); });
  }
  focusSelect.addEventListener("change", function () { apply({ focus: focusSelect.value }); });
  depthInput.addEventListener("change", function () { apply({ depth: Math.max(0, Number(depthInput.value) || 0) }); });
  contestedBox.addEventListener("change", function () { apply({ contested: contestedBox.checked }); });
  deniedBox.addEventListener("change", function () { apply({ denied: deniedBox.checked }); });
  disputesBox.addEventListener("change", function () { apply({ disputes: disputesBox.checked }); });
  trueAtInput.addEventListener("change", function () { apply({ trueAt: trueAtInput.value.trim() }); });
  knownByInput.addEventListener("change", function () { apply({ knownBy: knownByInput.value.trim() }); });
  undatedBox.addEventListener("change", function () { apply({ undated: undatedBox.checked }); });
  document.getElementById("ag-types-all").addEventListener("click", function () { apply({ types: new Set(allTypes) }); });
  document.getElementById("ag-types-none").addEventListener("click", function () { apply({ types: new Set() }); });
  document.getElementById("ag-reset").addEventListener("click", function () {
    apply({ focus: "", depth: 2, types: new Set(allTypes), contested: true, denied: false,
      disputes: false, trueAt: "", knownBy: "", undated: true });
  });
  syncControls();
})();
