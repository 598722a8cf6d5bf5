// The network view's behaviour: draw the graph, filter it, find entities, explain relations,
// ask the API's questions, and keep the address bar in step with what is shown.
// Every text from the data reaches the page through textContent, never as markup, so a
// quote containing <script> or <b> shows as those characters.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ag-data").textContent);
  var meta = data.meta;
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var edgeById = new Map(data.edges.map(function (e) { return [e.id, e]; }));
  var allTypes = data.legend.relations.map(function (r) { return r.key; });
  var familyOf = new Map(data.legend.relations.map(function (r) { return [r.key, r.family]; }));
  var initial = meta.filter;
  var state = {
    focus: initial.focus || "",
    depth: initial.depth,
    types: new Set(initial.types || allTypes),
    contested: initial.contested,
    denied: initial.denied,
    disputes: initial.disputes,
    events: !!initial.events,
    places: !!initial.places,
    trueAt: initial.trueAt || "",
    knownBy: initial.knownBy || "",
    undated: initial.undated !== false
  };
  var DEFAULTS = { focus: "", depth: 2, contested: true, denied: false, disputes: false,
    events: false, places: false, trueAt: "", knownBy: "", undated: true };
  var view = window.__agView = {
    nodes: 0, edges: 0, totalNodes: data.nodes.length, totalEdges: data.edges.length,
    network: null, settled: false, state: state, apply: null, data: data, highlighted: []
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
  // [stance, stated, from, until, sure from, hedge] per claim, whole days ("" unknown; open
  // ends 0000/9999; "sure from" is the start, or with no start the end's first day).
  // q: {trueAt, knownBy, undated, statuses: {asserted, contested, denied: bool}}.
  // Returns null when the question leaves the relation out, else {status, faint, hedged}:
  // faint when asked true_at and only claims that give no period say it held (period
  // unknown); hedged when every counted assertion is hedged. A claim that questions the
  // relation disputes it as a denial does.
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
    var hedged = asserting.length > 0 && asserting.every(function (t) { return t[5] !== ""; });
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
    return { status: status, faint: faint, hedged: hedged };
  }
  // ---- dates: end
  // ---- search: the matching of /actors?q= (services twin: actors_search.cypher) ----------
  // Case-insensitive, hyphens read as spaces, over the name and every alias; exact matches
  // first, then by name.
  function fold(text) { return String(text).toLowerCase().replace(/-/g, " ").trim(); }
  var searchIndex = data.nodes.map(function (n) { return { node: n, names: n.names.map(fold) }; });
  function search(query, limit) {
    var q = fold(query);
    if (!q) return [];
    var found = searchIndex.filter(function (s) {
      return s.names.some(function (name) { return name.indexOf(q) >= 0; });
    }).map(function (s) {
      return { node: s.node, exact: s.names.indexOf(q) >= 0 ? 0 : 1 };
    });
    found.sort(function (a, b) {
      return a.exact - b.exact || fold(a.node.name).localeCompare(fold(b.node.name)) ||
        (a.node.id < b.node.id ? -1 : 1);
    });
    return found.slice(0, limit || 12).map(function (f) { return f.node; });
  }
  view.search = function (q) { return search(q).map(function (n) { return n.id; }); };

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
  // Twin of shown_kinds in services/view/select.py: actors always, events and places on
  // request, and the focused entity's own kind.
  function shownKinds() {
    var kinds = { Actor: true, Event: state.events, Place: state.places };
    var focused = byId.get(state.focus);
    if (focused) kinds[focused.kind] = true;
    return kinds;
  }

  // How a relation is drawn (twin of edge_look in services/view/render.py): by the status its
  // counted claims give, faint when asked what held at a date and no claim gives a period.
  var look = meta.look;
  var drawnAs = new Map(data.edges.map(function (e) {
    return [e.id, e.status + "|false|" + e.hedged];
  }));
  function edgeLook(e, status, undated, hedged) {
    var color = status === "denied" ? look.deniedColor : e.baseColor;
    var plainHedged = hedged && status === "asserted";
    var opacity = undated ? look.undatedOpacity : plainHedged ? look.hedgedOpacity : 0.85;
    return {
      id: e.id,
      color: { color: color, highlight: color, hover: color, opacity: opacity },
      width: e.baseWidth + (status === "contested" ? look.contestedExtraWidth : 0),
      dashes: (plainHedged ? look.dashes.hedged : look.dashes[status]) || false
    };
  }

  var shownNodeIds = new Set();
  function apply(changes, how) {
    if (changes) Object.keys(changes).forEach(function (k) { state[k] = changes[k]; });
    var q = question();
    var kinds = shownKinds();
    var answer = new Map();
    var kept = data.edges.filter(function (e) {
      if (!state.types.has(e.relation)) return false;
      if (!kinds[byId.get(e.from).kind] || !kinds[byId.get(e.to).kind]) return false;
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
        var drawn = a.status + "|" + faint + "|" + a.hedged;
        if (drawnAs.get(e.id) !== drawn) { drawnAs.set(e.id, drawn); update = edgeLook(e, a.status, faint, a.hedged); }
      }
      if (hiddenEdges.get(e.id) !== hidden) { hiddenEdges.set(e.id, hidden); update = update || { id: e.id }; update.hidden = hidden; }
      if (update) edgeUpdates.push(update);
    });
    if (nodeUpdates.length) nodeSet.update(nodeUpdates);
    if (edgeUpdates.length) edgeSet.update(edgeUpdates);
    shownNodeIds = ids;
    view.nodes = ids.size;
    view.edges = edgeIds.size;
    view.shownEdges = Array.from(edgeIds);
    document.body.dataset.nodes = String(ids.size);
    document.body.dataset.edges = String(edgeIds.size);
    var counts = document.getElementById("ag-counts");
    counts.textContent = ids.size + " entities, " + edgeIds.size + " relations shown" +
      (undatedShown ? " (" + undatedShown + " faint: period unknown)" : "");
    view.undated = undatedShown;
    document.body.dataset.undated = String(undatedShown);
    if (meta.isolated) counts.title = meta.isolated + " entities without relations are not drawn";
    if (view.network && changes) fitShown();
    syncControls();
    if (changes && how !== "history") writeUrl(how === "replace");
  }
  view.apply = apply;

  function fitShown() {
    if (view.network && shownNodeIds.size) {
      view.network.fit({ nodes: Array.from(shownNodeIds), animation: false });
    }
  }

  // ---- the address bar: every control writes it, and a URL restores the same picture -------
  function stateParams() {
    var p = new URLSearchParams();
    if (state.focus) { p.set("focus", state.focus); }
    if (state.focus || Number(state.depth) !== DEFAULTS.depth) p.set("depth", String(state.depth));
    if (state.types.size !== allTypes.length) p.set("types", Array.from(state.types).sort().join(","));
    ["contested", "denied", "disputes", "events", "places", "undated"].forEach(function (k) {
      if (state[k] !== DEFAULTS[k]) p.set(k, String(state[k]));
    });
    if (validDate(state.trueAt)) p.set("true_at", state.trueAt);
    if (validDate(state.knownBy)) p.set("known_by", state.knownBy);
    return p;
  }
  function writeUrl(replace) {
    var query = stateParams().toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url === location.pathname + location.search + location.hash) return;
    try {
      if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
    } catch (err) { /* a page opened from a file may refuse: the view still works */ }
  }
  function readUrl() {
    var p = new URLSearchParams(location.search);
    var types = p.get("types");
    var chosen = types ? new Set(types.split(",").map(function (t) {
      var k = t.trim();
      return allTypes.indexOf(k) >= 0 ? k : (data.legend.relations.find(function (r) {
        return r.key.toUpperCase() === k;
      }) || {}).key;
    }).filter(Boolean)) : new Set(allTypes);
    function flag(name) { return p.has(name) ? p.get(name) === "true" : DEFAULTS[name]; }
    return {
      focus: p.get("focus") || "", depth: p.has("depth") ? Number(p.get("depth")) : DEFAULTS.depth,
      types: chosen, contested: flag("contested"), denied: flag("denied"),
      disputes: flag("disputes"), events: flag("events"), places: flag("places"),
      undated: flag("undated"), trueAt: p.get("true_at") || "", knownBy: p.get("known_by") || ""
    };
  }
  window.addEventListener("popstate", function () { apply(readUrl(), "history"); });
  view.stateParams = function () { return stateParams().toString(); };

  // The whole graph is laid out first, with nothing hidden (vis-network leaves hidden nodes
  // out of its physics): every state of the controls, reached by a URL or by hand, then
  // shows the same positions. The filters apply once the layout has settled.
  var container = document.getElementById("ag-network");
  var network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, data.options);
  view.network = network;

  // Labels that collide at the end of the layout are pushed apart, each pair along the axis
  // where they overlap least, until none does (or a bound on rounds). All labels are taken,
  // whatever is shown, so the picture stays the same for every state of the controls.
  function declutterLabels() {
    network.redraw();  // draws now: every label's box is measured where its node ended up
    var body = network.body;
    var items = data.nodes.map(function (d) {
      var n = body.nodes[d.id];
      var size = n && n.labelModule && n.labelModule.size;
      if (!size || !size.width) return null;
      return { id: d.id, x: n.x, y: n.y, dx: size.left - n.x, dy: size.top - n.y,
        w: size.width, h: size.height };
    }).filter(Boolean);
    var margin = 4, moved = false;
    for (var round = 0; round < 300; round++) {
      var clash = false;
      for (var i = 0; i < items.length; i++) {
        for (var j = i + 1; j < items.length; j++) {
          var a = items[i], b = items[j];
          var ax = a.x + a.dx, ay = a.y + a.dy, bx = b.x + b.dx, by = b.y + b.dy;
          var ox = Math.min(ax + a.w, bx + b.w) - Math.max(ax, bx) + margin;
          var oy = Math.min(ay + a.h, by + b.h) - Math.max(ay, by) + margin;
          if (ox <= 0 || oy <= 0) continue;
          clash = true;
          if (oy <= ox) {
            var sy = (ay + a.h / 2 <= by + b.h / 2 ? -1 : 1) * oy / 2;
            a.y += sy; b.y -= sy;
          } else {
            var sx = (ax + a.w / 2 <= bx + b.w / 2 ? -1 : 1) * ox / 2;
            a.x += sx; b.x -= sx;
          }
        }
      }
      if (!clash) break;
      moved = true;
    }
    if (moved) items.forEach(function (it) { network.moveNode(it.id, it.x, it.y); });
    view.labelRounds = round;
  }

  function markSettled() {
    if (view.settled) return;
    if (meta.physics) declutterLabels();
    apply();
    fitShown();
    view.settled = true;
    view.settledAt = performance.now();  // ms since navigation started, for the benchmark
    document.body.dataset.settled = "true";
  }
  if (meta.physics && data.nodes.length) {
    // Lay out once, then freeze: a still picture is easier to read than a jiggling one. The
    // whole graph is laid out whatever is shown, so a URL and the controls give one layout.
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

  // ---- cards: tooltips, the evidence panel ---------------------------------------------
  var familyLabel = new Map(data.legend.families.map(function (f) { return [f.key, f.label]; }));
  function periodsText(e) {
    var seen = [];
    e.citations.forEach(function (c) {
      if (!c.valid_from && !c.valid_until) return;
      var text = (c.valid_from || "\u2026") + "\u2013" + (c.valid_until || "");
      if (seen.indexOf(text) < 0) seen.push(text);
    });
    return seen.length ? seen.join(", ") : "period unknown";
  }
  function sourceLink(c) {
    if (!c.sourceId || !(meta.served || meta.apiBase)) return el("strong", c.title);
    var a = el("a", c.title);
    a.href = meta.apiBase + "/sources/" + encodeURIComponent(c.sourceId);
    a.target = "_blank";
    return a;
  }
  function citation(c) {
    var box = el("div", null, "ag-cite");
    box.appendChild(sourceLink(c));
    var where = [c.publisher, c.published].filter(Boolean).join(", ");
    if (where) box.appendChild(el("span", " (" + where + ")"));
    var who = el("div");
    who.appendChild(el("span", c.claimant + " "));
    who.appendChild(el("span", c.stance, "ag-stance-" + c.stance));
    if (c.hedge) who.appendChild(el("span", " (" + c.hedge + ")", "ag-hedge"));
    if (c.voicedBy) who.appendChild(el("span", " \u00b7 voiced by " + c.voicedBy));
    if (c.via) who.appendChild(el("span", " \u00b7 via " + c.via));
    var dates = [];
    if (c.stated_on) dates.push("stated " + c.stated_on);
    if (c.valid_from) dates.push("from " + c.valid_from);
    if (c.valid_until) dates.push("until " + c.valid_until);
    if (dates.length) who.appendChild(el("span", " \u00b7 " + dates.join(", ")));
    if (c.claimId) who.appendChild(el("span", " \u00b7 " + c.claimId, "ag-claim-id"));
    box.appendChild(who);
    box.appendChild(el("blockquote", "\u201c" + c.quote + "\u201d"));
    if (c.note) box.appendChild(el("div", "Curator's note: " + c.note, "ag-note"));
    return box;
  }
  function statusText(e) {
    if (e.status === "denied") return "denied only: no source asserts it";
    return e.status === "asserted" && e.hedged ? "asserted, only with a hedge" : e.status;
  }
  function edgeCard(e, sticky) {
    var card = el("div", null, "ag-card");
    var from = byId.get(e.from), to = byId.get(e.to);
    var arrow = e.symmetric ? " \u2014 " : " \u2192 ";
    card.appendChild(el("h3", from.label + arrow + e.relationLabel + arrow + to.label));
    card.appendChild(el("div", statusText(e) + ", " + e.sourceCount + " independent origin" + (e.sourceCount === 1 ? "" : "s") +
      ", " + e.citationCount + " claim" + (e.citationCount === 1 ? "" : "s") + "; " + periodsText(e), "ag-sub"));
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
  // An entity's name, class and other names: the head of its tooltip and of its evidence.
  function entityCard(n, cls) {
    var card = el("div", null, cls);
    card.appendChild(el("h3", n.label));
    card.appendChild(el("div", n.classLabel + (n.date ? " (" + n.date + ")" : ""), "ag-sub"));
    if (n.names.length > 1) card.appendChild(el("div", "Also known as: " + n.names.slice(1).join("; ")));
    return card;
  }
  function nodeCard(n) {
    var card = entityCard(n, "ag-card");
    card.appendChild(el("div", n.degree + " relation" + (n.degree === 1 ? "" : "s") + ": click for the evidence", "ag-hint"));
    return card;
  }
  // The evidence for an entity: every relation it has, grouped by family, each with its
  // status, periods and every citation.
  function evidenceCard(n) {
    var card = entityCard(n, "ag-card ag-evidence");
    var buttons = el("div", null, "ag-buttons");
    var focusButton = el("button", "Focus here");
    focusButton.type = "button";
    focusButton.addEventListener("click", function () { apply({ focus: n.id }); });
    buttons.appendChild(focusButton);
    if (meta.served) {
      var link = el("a", "API record");
      link.href = meta.apiBase + n.apiPath;
      link.target = "_blank";
      buttons.appendChild(link);
    }
    card.appendChild(buttons);
    var mine = data.edges.filter(function (e) { return e.from === n.id || e.to === n.id; });
    data.legend.families.forEach(function (f) {
      var group = mine.filter(function (e) { return e.family === f.key; });
      if (!group.length) return;
      var section = el("section", null, "ag-family");
      section.dataset.family = f.key;
      section.appendChild(el("h4", f.label + " (" + group.length + ")"));
      group.forEach(function (e) {
        var other = byId.get(e.from === n.id ? e.to : e.from);
        var arrow = e.symmetric ? "\u2014 " : (e.from === n.id ? "\u2192 " : "\u2190 ");
        var item = el("details", null, "ag-relation");
        item.dataset.edge = e.id;
        var summary = el("summary");
        summary.appendChild(el("span", e.relationLabel + " " + arrow + other.label));
        summary.appendChild(el("span", " \u00b7 " + statusText(e) + " \u00b7 " + periodsText(e) +
          " \u00b7 " + e.citationCount + " claim" + (e.citationCount === 1 ? "" : "s"), "ag-sub"));
        item.appendChild(summary);
        e.citations.forEach(function (c) { item.appendChild(citation(c)); });
        section.appendChild(item);
      });
      card.appendChild(section);
    });
    return card;
  }
  view.evidenceFor = function (id) { showDetails(evidenceCard(byId.get(id))); };

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
    close.addEventListener("click", function () {
      details.hidden = true;
      setTimeout(function () { network.redraw(); fitShown(); }, 0);
    });
    details.replaceChildren(close, card);
    var opening = details.hidden;
    details.hidden = false;
    // the panel takes room from the canvas: fit the picture to what is left
    if (opening) setTimeout(function () { network.redraw(); fitShown(); }, 0);
  }
  network.on("hoverNode", function (p) { showTooltip(nodeCard(byId.get(p.node)), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip(edgeCard(edgeById.get(p.edge), false), p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes.length) showDetails(evidenceCard(byId.get(p.nodes[0])));
    else if (p.edges.length) showDetails(edgeCard(edgeById.get(p.edges[0]), true));
    else details.hidden = true;
  });

  // ---- highlighting an answer (a path, a research result) --------------------------------
  function highlight(edgeIds) {
    var known = edgeIds.filter(function (id) { return edgeById.has(id); });
    var nodes = new Set();
    known.forEach(function (id) { var e = edgeById.get(id); nodes.add(e.from); nodes.add(e.to); });
    // an answer may lie outside the current filters: show what it needs
    var hidden = known.filter(function (id) { return hiddenEdges.get(id); });
    if (hidden.length) {
      var types = new Set(state.types);
      var changes = { types: types, focus: "" };
      known.forEach(function (id) {
        var e = edgeById.get(id);
        types.add(e.relation);
        [e.from, e.to].forEach(function (n) {
          var kind = byId.get(n).kind;
          if (kind === "Event") changes.events = true;
          if (kind === "Place") changes.places = true;
        });
        if (e.status === "denied") changes.denied = true;
      });
      apply(changes);
    }
    view.highlighted = known;
    network.setSelection({ nodes: Array.from(nodes), edges: known }, { highlightEdges: false });
    if (nodes.size) network.fit({ nodes: Array.from(nodes), animation: false });
  }
  view.highlight = highlight;
  function edgeIdOf(rel) {
    return rel.subject.id + "|" + (rel.relation || "") + "|" + rel.object.id;
  }
  function relationsIn(value, out) {
    if (Array.isArray(value)) { value.forEach(function (v) { relationsIn(v, out); }); return out; }
    if (value && typeof value === "object") {
      if (value.subject && value.object && value.citations) out.push(value);
      else Object.keys(value).forEach(function (k) { relationsIn(value[k], out); });
    }
    return out;
  }

  // ---- legend and controls -------------------------------------------------------------
  function swatch(color) { var s = el("span", null, "ag-swatch"); s.style.background = color; return s; }
  var legend = document.getElementById("ag-legend");
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
  legend.appendChild(el("div", "colour: the relation's family (below); arrow: its direction", "ag-row"));
  legend.appendChild(el("div", "- - - contested, drawn wider (a source denies or questions it)", "ag-row"));
  legend.appendChild(el("div", "\u00b7 \u00b7 \u00b7 grey: denied only (no source asserts it)", "ag-row"));
  legend.appendChild(el("div", "\u2014 \u00b7 \u2014 lighter: asserted only with a hedge (\u201creportedly\u201d, \u201cis said to be\u201d)", "ag-row"));
  legend.appendChild(el("div", "faint (with \u201ctrue at\u201d): period unknown, no source dates it", "ag-row"));
  legend.appendChild(el("div", "thicker: more independent origins (one party relayed by many outlets counts once)", "ag-row"));

  // Relation types grouped by family: a family box switches all its types, each type alone.
  var typeList = document.getElementById("ag-type-list");
  var typeBoxes = new Map();
  var familyBoxes = new Map();
  var byKey = new Map(data.legend.relations.map(function (r) { return [r.key, r]; }));
  data.legend.families.forEach(function (f) {
    var group = el("details", null, "ag-family-group");
    var summary = el("summary");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.dataset.family = f.key;
    label.appendChild(box);
    label.appendChild(swatch(f.color));
    var count = f.relations.reduce(function (sum, k) { return sum + byKey.get(k).count; }, 0);
    label.appendChild(document.createTextNode(f.label + " (" + count + ")"));
    summary.appendChild(label);
    group.appendChild(summary);
    familyBoxes.set(f.key, box);
    box.addEventListener("change", function () {
      var types = new Set(state.types);
      f.relations.forEach(function (k) { if (box.checked) types.add(k); else types.delete(k); });
      apply({ types: types });
    });
    f.relations.forEach(function (key) {
      var r = byKey.get(key);
      var typeLabel = el("label", null, "ag-type");
      var typeBox = el("input");
      typeBox.type = "checkbox";
      typeBox.value = r.key;
      typeBox.dataset.relation = r.key;
      typeBoxes.set(r.key, typeBox);
      typeLabel.appendChild(typeBox);
      typeLabel.appendChild(document.createTextNode(r.label + (r.symmetric ? " (both ways)" : " \u2192") + " (" + r.count + ")"));
      typeBox.addEventListener("change", function () {
        var types = new Set(state.types);
        if (typeBox.checked) types.add(r.key); else types.delete(r.key);
        apply({ types: types });
      });
      group.appendChild(typeLabel);
    });
    typeList.appendChild(group);
  });

  // ---- find an entity ------------------------------------------------------------------
  var searchInput = document.getElementById("ag-search");
  var results = document.getElementById("ag-search-results");
  var active = -1;
  function choose(n) {
    results.hidden = true;
    searchInput.value = n.label;
    searchInput.setAttribute("aria-expanded", "false");
    apply({ focus: n.id });
    showDetails(evidenceCard(n));
  }
  function renderResults() {
    var found = search(searchInput.value);
    results.replaceChildren();
    active = found.length ? 0 : -1;
    found.forEach(function (n, i) {
      var item = el("li", null, "ag-result");
      item.id = "ag-result-" + i;
      item.setAttribute("role", "option");
      item.dataset.id = n.id;
      item.appendChild(el("span", n.label));
      var also = n.names.slice(1).filter(function (a) {
        return fold(a).indexOf(fold(searchInput.value)) >= 0;
      });
      item.appendChild(el("span", " " + n.classLabel + (also.length ? " \u00b7 " + also[0] : ""), "ag-sub"));
      item.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(n); });
      results.appendChild(item);
    });
    if (!found.length && searchInput.value.trim()) results.appendChild(el("li", "no entity of that name", "ag-hint"));
    results.hidden = !searchInput.value.trim();
    searchInput.setAttribute("aria-expanded", String(!results.hidden));
    markActive();
  }
  function markActive() {
    Array.prototype.forEach.call(results.querySelectorAll(".ag-result"), function (item, i) {
      item.setAttribute("aria-selected", String(i === active));
    });
    if (active >= 0) searchInput.setAttribute("aria-activedescendant", "ag-result-" + active);
    else searchInput.removeAttribute("aria-activedescendant");
  }
  searchInput.addEventListener("input", renderResults);
  searchInput.addEventListener("keydown", function (ev) {
    var items = results.querySelectorAll(".ag-result");
    if (ev.key === "ArrowDown" && items.length) { active = (active + 1) % items.length; markActive(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp" && items.length) { active = (active - 1 + items.length) % items.length; markActive(); ev.preventDefault(); }
    else if (ev.key === "Enter" && active >= 0 && items[active]) { choose(byId.get(items[active].dataset.id)); ev.preventDefault(); }
    else if (ev.key === "Escape") { results.hidden = true; searchInput.setAttribute("aria-expanded", "false"); }
  });
  searchInput.addEventListener("blur", function () { results.hidden = true; });
  document.getElementById("ag-focus-clear").addEventListener("click", function () {
    searchInput.value = "";
    apply({ focus: "" });
  });

  // ---- ask the API: paths and the research catalog (served pages only) ------------------
  function resolve(text) {
    var t = String(text || "").trim();
    if (byId.has(t)) return t;
    var found = search(t, 1);
    return found.length ? found[0].id : "";
  }
  var answerBox = document.getElementById("ag-answer");
  function showAnswer(title, rows) {
    var card = el("div", null, "ag-card ag-answer");
    card.appendChild(el("h3", title));
    rows.forEach(function (r) { card.appendChild(r); });
    showDetails(card);
  }
  function hopRow(rel) {
    var id = edgeIdOf(rel);
    var e = edgeById.get(id);
    var item = el("details", null, "ag-relation");
    item.dataset.edge = id;
    item.open = true;
    var summary = el("summary", (rel.subject.name || rel.subject.id) + " \u2014 " + (rel.label || rel.type) +
      " \u2014 " + (rel.object.name || rel.object.id) + " \u00b7 " + rel.status);
    item.appendChild(summary);
    (rel.citations || []).forEach(function (c) {
      item.appendChild(citation({ title: c.source_title || c.source_id, sourceId: c.source_id,
        publisher: c.publisher, published: c.published, claimant: c.claimant_name || c.claimant_id,
        stance: c.stance, hedge: c.hedge, voicedBy: c.voiced_by_name || c.voiced_by_id,
        via: c.via_name || c.via_id, quote: c.quote, stated_on: c.stated_on, valid_from: c.valid_from,
        valid_until: c.valid_until, claimId: c.claim_id, note: c.note }));
    });
    if (!e) item.appendChild(el("div", "not on this page", "ag-hint"));
    return item;
  }
  function askApi(path, params) {
    var url = meta.apiBase + path + "?" + params.toString();
    answerBox.textContent = "asking " + path + "\u2026";
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          var detail = body && body.detail;
          var message = Array.isArray(detail) ? detail.map(function (d) { return d.msg; }).join("; ") : (detail && detail.message) || response.statusText;
          throw new Error(message);
        }
        answerBox.textContent = "";
        return body;
      });
    }).catch(function (err) { answerBox.textContent = "The API answered: " + err.message; throw err; });
  }
  function timeParams(params) {
    if (validDate(state.trueAt)) params.set("true_at", state.trueAt);
    if (validDate(state.knownBy)) params.set("known_by", state.knownBy);
    return params;
  }
  var ask = document.getElementById("ag-ask");
  var canAsk = meta.served && location.protocol !== "file:";
  if (!canAsk) {
    ask.replaceChildren(el("p", "Paths and research questions need the API: open this view from actorgraph serve.", "ag-hint"));
  } else {
    document.getElementById("ag-path-go").addEventListener("click", function () {
      var from = resolve(document.getElementById("ag-path-from").value);
      var to = resolve(document.getElementById("ag-path-to").value);
      if (!from || !to) { answerBox.textContent = "Name both ends (a name, an alias or an id)."; return; }
      var params = new URLSearchParams({ from: from, to: to, all: "true",
        max_hops: document.getElementById("ag-path-hops").value || "4" });
      if (state.types.size !== allTypes.length) state.types.forEach(function (t) { params.append("types", t); });
      askApi("/paths", timeParams(params)).then(function (body) {
        var hops = [];
        var rows = [];
        body.paths.forEach(function (p, i) {
          rows.push(el("h4", "Path " + (i + 1) + ": " + p.nodes.map(function (n) { return n.name || n.id; }).join(" \u2192 ")));
          p.hops.forEach(function (rel) { hops.push(edgeIdOf(rel)); rows.push(hopRow(rel)); });
        });
        if (!body.paths.length) rows.push(el("p", "No path within " + body.max_hops + " hops with the relations shown."));
        highlight(hops);
        showAnswer("From " + body.from.name + " to " + body.to.name, rows);
      }).catch(function () {});
    });
    var researchSelect = document.getElementById("ag-research-name");
    askApi("/research", new URLSearchParams()).then(function (body) {
      body.queries.forEach(function (q) {
        var o = el("option", q.name.replace(/_/g, " "));
        o.value = q.name;
        o.dataset.actor = String(q.parameters.some(function (p) { return p.name === "actor_id"; }));
        researchSelect.appendChild(o);
      });
    }).catch(function () {});
    document.getElementById("ag-research-go").addEventListener("click", function () {
      var name = researchSelect.value;
      if (!name) return;
      var option = researchSelect.selectedOptions[0];
      var params = new URLSearchParams({ limit: "500" });
      if (option.dataset.actor === "true") {
        var actor = resolve(document.getElementById("ag-research-actor").value || state.focus);
        if (!actor) { answerBox.textContent = "This question needs an actor: name one."; return; }
        params.set("actor_id", actor);
      }
      askApi("/research/" + encodeURIComponent(name), timeParams(params)).then(function (body) {
        var rels = relationsIn(body.rows, []);
        highlight(rels.map(edgeIdOf));
        var rows = [el("div", body.total + " row" + (body.total === 1 ? "" : "s") + (body.truncated ? " (first " + body.rows.length + " listed)" : ""), "ag-sub")];
        var seen = new Set();
        rels.forEach(function (rel) {
          var id = edgeIdOf(rel);
          if (!seen.has(id)) { seen.add(id); rows.push(hopRow(rel)); }
        });
        if (!rels.length && body.rows.length) rows.push(el("pre", JSON.stringify(body.rows.slice(0, 20), null, 1)));
        showAnswer(name.replace(/_/g, " "), rows);
      }).catch(function () {});
    });
  }

  // ---- share: PNG of the canvas, the selection as JSON, the link --------------------------
  function download(name, href) {
    var a = el("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  view.selectionJson = function () {
    var shown = new Set(view.shownEdges);
    return {
      view: location.href, filter: stateParams().toString(),
      entities: data.nodes.filter(function (n) { return shownNodeIds.has(n.id); }).map(function (n) {
        return { id: n.id, name: n.names[0], class: n.classLabel, kind: n.kind };
      }),
      relations: data.edges.filter(function (e) { return shown.has(e.id); }).map(function (e) {
        return { id: e.id, subject: e.from, relation: e.relation, object: e.to, family: e.family,
          status: e.status, sources: e.sourceCount, citations: e.citations };
      })
    };
  };
  document.getElementById("ag-export-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    if (canvas) download("actorgraph-view.png", canvas.toDataURL("image/png"));
  });
  document.getElementById("ag-export-json").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify(view.selectionJson(), null, 1)], { type: "application/json" });
    download("actorgraph-selection.json", URL.createObjectURL(blob));
  });

  // ---- the other controls ----------------------------------------------------------------
  var depthInput = document.getElementById("ag-depth");
  var contestedBox = document.getElementById("ag-contested");
  var deniedBox = document.getElementById("ag-denied");
  var disputesBox = document.getElementById("ag-disputes");
  var eventsBox = document.getElementById("ag-events");
  var placesBox = document.getElementById("ag-places");
  var trueAtInput = document.getElementById("ag-true-at");
  var knownByInput = document.getElementById("ag-known-by");
  var undatedBox = document.getElementById("ag-undated");
  var focusName = document.getElementById("ag-focus-name");
  function syncControls() {
    if (!typeBoxes) return;
    var focused = byId.get(state.focus);
    focusName.textContent = focused ? focused.label : "(whole graph)";
    document.body.dataset.focus = state.focus;
    depthInput.value = String(state.depth);
    contestedBox.checked = state.contested;
    deniedBox.checked = state.denied;
    disputesBox.checked = state.disputes;
    eventsBox.checked = state.events;
    placesBox.checked = state.places;
    trueAtInput.value = state.trueAt;
    knownByInput.value = state.knownBy;
    undatedBox.checked = state.undated;
    [trueAtInput, knownByInput].forEach(function (input) {
      input.setAttribute("aria-invalid", String(!!input.value && !validDate(input.value)));
    });
    typeBoxes.forEach(function (box, key) { box.checked = state.types.has(key); });
    familyBoxes.forEach(function (box, key) {
      var members = data.legend.families.find(function (f) { return f.key === key; }).relations;
      var on = members.filter(function (k) { return state.types.has(k); }).length;
      box.checked = on === members.length;
      box.indeterminate = on > 0 && on < members.length;
    });
  }
  depthInput.addEventListener("change", function () { apply({ depth: Math.max(0, Number(depthInput.value) || 0) }); });
  contestedBox.addEventListener("change", function () { apply({ contested: contestedBox.checked }); });
  deniedBox.addEventListener("change", function () { apply({ denied: deniedBox.checked }); });
  disputesBox.addEventListener("change", function () { apply({ disputes: disputesBox.checked }); });
  eventsBox.addEventListener("change", function () { apply({ events: eventsBox.checked }); });
  placesBox.addEventListener("change", function () { apply({ places: placesBox.checked }); });
  trueAtInput.addEventListener("change", function () { apply({ trueAt: trueAtInput.value.trim() }); });
  knownByInput.addEventListener("change", function () { apply({ knownBy: knownByInput.value.trim() }); });
  undatedBox.addEventListener("change", function () { apply({ undated: undatedBox.checked }); });
  document.getElementById("ag-types-all").addEventListener("click", function () { apply({ types: new Set(allTypes) }); });
  document.getElementById("ag-types-none").addEventListener("click", function () { apply({ types: new Set() }); });
  document.getElementById("ag-reset").addEventListener("click", function () {
    searchInput.value = "";
    var reset = {};
    Object.keys(DEFAULTS).forEach(function (k) { reset[k] = DEFAULTS[k]; });
    reset.types = new Set(allTypes);
    apply(reset);
  });
  syncControls();
})();
