/* lnob interactive evidence gap map. Self-contained: no network, no libraries.
   Text from data is only ever set with textContent, never parsed as HTML. */
function lnobGapMap(uid, title, headingLevel) {
  "use strict";
  var root = document.getElementById(uid);
  var data = JSON.parse(document.getElementById(uid + "-data").textContent);
  var FILTERS = [["org", "Organisation"], ["type", "Evidence type"], ["source", "Source type"],
                 ["quality", "Quality"], ["access", "Access"]];
  var state = {goal: null, chosen: {}, yearFrom: null, yearTo: null};
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function uniq(key) {
    var seen = {};
    data.items.forEach(function (it) { seen[it[key]] = true; });
    return Object.keys(seen).sort();
  }
  function keep(it) {
    for (var i = 0; i < FILTERS.length; i++) {
      var sel = state.chosen[FILTERS[i][0]];
      if (sel && sel.length && sel.indexOf(String(it[FILTERS[i][0]])) < 0) { return false; }
    }
    if (state.yearFrom !== null && (it.year === null || it.year < state.yearFrom)) { return false; }
    if (state.yearTo !== null && (it.year === null || it.year > state.yearTo)) { return false; }
    return true;
  }
  root.appendChild(el("p", {"class": "egm-title"}, title));
  var form = el("div", {"class": "egm-filters"});
  FILTERS.forEach(function (f) {
    var fs = el("fieldset", {"class": "egm-filter", "data-filter": f[0]});
    fs.appendChild(el("legend", {}, f[1]));
    uniq(f[0]).forEach(function (v, i) {
      var id = uid + "-" + f[0] + "-" + i;
      var box = el("input", {type: "checkbox", id: id, value: v, "data-filter": f[0]});
      box.addEventListener("change", function () {
        state.chosen[f[0]] = Array.prototype.slice.call(
          fs.querySelectorAll("input:checked")).map(function (b) { return b.value; });
        draw();
      });
      var lab = el("label", {"for": id});
      lab.appendChild(box);
      lab.appendChild(document.createTextNode(" " + (data.sources[v] || v)));
      fs.appendChild(lab);
    });
    form.appendChild(fs);
  });
  var years = el("fieldset", {"class": "egm-filter"});
  years.appendChild(el("legend", {}, "Latest year covered"));
  [["yearFrom", "from"], ["yearTo", "to"]].forEach(function (y) {
    var id = uid + "-" + y[0];
    var lab = el("label", {"for": id}, y[1] + " ");
    var inp = el("input", {type: "number", id: id, min: "1950", max: "2100", step: "1",
                           "data-filter": y[0]});
    inp.addEventListener("input", function () {
      state[y[0]] = inp.value === "" ? null : parseInt(inp.value, 10); draw();
    });
    lab.appendChild(inp);
    years.appendChild(lab);
  });
  form.appendChild(years);
  root.appendChild(form);
  var status = el("p", {"class": "egm-status", "aria-live": "polite"});
  root.appendChild(status);
  var wrap = el("div", {"class": "egm-wrap"});
  root.appendChild(wrap);
  var details = el("div", {"class": "egm-details", "aria-live": "polite"});
  root.appendChild(details);
  function columns() {
    if (state.goal === null) {
      return data.goals.map(function (g) {
        return {label: String(g.n), title: g.n + ". " + g.name, targets: g.targets, goal: g.n};
      });
    }
    var goal = data.goals.filter(function (g) { return g.n === state.goal; })[0];
    return goal.targets.map(function (t) {
      return {label: t, title: "Target " + t, targets: [t], goal: null};
    });
  }
  function show(group, col, items) {
    details.textContent = "";
    // One level below the heading the map sits under (3 by default): levels never skip one.
    details.appendChild(el("h" + (headingLevel || 3), {}, group.label + " × " + col.title + ": " +
                           items.length + (items.length === 1 ? " item" : " items")));
    var ul = el("ul", {"class": "egm-records"});
    items.forEach(function (it) {
      ul.appendChild(el("li", {}, it.title + " — " + it.org + (it.year ? ", " + it.year : "") +
        " (" + (data.sources[it.source] || it.source) + "; quality " + it.quality +
        "; access " + it.access + ")"));
    });
    if (!items.length) { ul.appendChild(el("li", {}, "No evidence: a gap.")); }
    details.appendChild(ul);
  }
  function draw() {
    var items = data.items.filter(keep);
    var cols = columns();
    status.textContent = items.length + " of " + data.items.length + " items match the filters." +
      (state.goal === null ? " Select a goal to see its targets." : "");
    wrap.textContent = "";
    var table = el("table", {"class": "egm-grid"});
    table.appendChild(el("caption", {}, title));
    var head = el("tr");
    var corner = el("th", {scope: "col"});
    if (state.goal !== null) {
      var back = el("button", {type: "button", "class": "egm-back"}, "All goals");
      back.addEventListener("click", function () { state.goal = null; draw(); });
      corner.appendChild(back);
    } else { corner.textContent = "Group"; }
    head.appendChild(corner);
    cols.forEach(function (c) {
      var th = el("th", {scope: "col", title: c.title});
      if (c.goal !== null) {
        var b = el("button", {type: "button", "class": "egm-goal", "aria-label": "Goal " + c.title +
                              ": show targets"}, c.label);
        b.addEventListener("click", function () { state.goal = c.goal; draw(); });
        th.appendChild(b);
      } else { th.textContent = c.label; }
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    var lastDim = null;
    data.groups.forEach(function (g) {
      if (g.dim !== lastDim) {
        var dr = el("tr", {"class": "egm-dim"});
        dr.appendChild(el("th", {scope: "rowgroup", colspan: String(cols.length + 1)}, g.dim));
        body.appendChild(dr);
        lastDim = g.dim;
      }
      var tr = el("tr");
      tr.appendChild(el("th", {scope: "row"}, g.label));
      cols.forEach(function (c) {
        var hits = items.filter(function (it) {
          return it.cells.some(function (cell) {
            return cell[0] === g.id && c.targets.indexOf(cell[1]) >= 0;
          });
        });
        var td = el("td", {"class": hits.length ? "egm-has" : "egm-gap"});
        var b = el("button", {type: "button", "data-group": g.id, "data-col": c.label,
          "aria-label": g.label + " × " + c.title + ": " + (hits.length || "no") + " items"},
          hits.length ? String(hits.length) : "·");
        b.addEventListener("click", function () { show(g, c, hits); });
        td.appendChild(b);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
  }
  draw();
}
