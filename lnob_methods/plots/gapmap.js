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
  var skip = el("a", {"class": "egm-skip", href: "#" + uid + "-end"}, "Skip past the gap map");
  skip.addEventListener("click", function (ev) {
    ev.preventDefault();
    var end = document.getElementById(uid + "-end");
    if (end) { end.focus(); }
  });
  root.appendChild(skip);
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
      lab.appendChild(document.createTextNode(" " + words(v)));
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
  var body = el("div", {"class": "egm-body"});
  root.appendChild(body);
  // The grid is wider than a phone and than the text column: it scrolls sideways inside a
  // labelled region that the keyboard can reach, with the group names held at the left.
  var wrap = el("div", {"class": "egm-wrap", role: "region", tabindex: "0",
                        "aria-label": "Gap map grid (scrolls sideways)"});
  body.appendChild(wrap);
  var side = el("div", {"class": "egm-side"});
  body.appendChild(side);
  var details = el("div", {"class": "egm-details", id: uid + "-details", tabindex: "-1",
                           role: "region", "aria-label": "Evidence in the selected cell"});
  side.appendChild(details);
  var end = el("p", {"class": "egm-end", id: uid + "-end", tabindex: "-1"},
               "End of the gap map.");
  root.appendChild(end);
  var WIDE = "(min-width: 1200px)";
  var selected = null;
  function columns() {
    if (state.goal === null) {
      return data.goals.map(function (g) {
        return {label: String(g.n), title: g.n + ". " + g.name, targets: g.targets, goal: g.n};
      });
    }
    var goal = data.goals.filter(function (g) { return g.n === state.goal; })[0];
    return goal.targets.map(function (t) {
      return {label: t, title: "Target " + t + " (goal " + goal.n + ". " + goal.name + ")",
              targets: [t], goal: null};
    });
  }
  function words(code) {
    return data.sources[code] || String(code).replace(/_/g, " ");
  }
  function hint() {
    details.textContent = "";
    details.appendChild(el("p", {"class": "egm-hint"},
      "Select a cell to list its evidence here."));
    side.appendChild(details);
    if (selected && selected.row && selected.row.parentNode) {
      selected.row.parentNode.removeChild(selected.row);
    }
    selected = null;
  }
  // Every item says what its provenance declaration says: "synthetic demonstration data".
  function provenanceWords(p) {
    if (p === "synthetic") { return "synthetic demonstration data"; }
    if (p === "undeclared") { return "provenance not declared"; }
    return "declared real";
  }
  function line(it) {
    var li = el("li", {});
    li.appendChild(el("span", {"class": "egm-item-title"}, it.title));
    var bits = [it.org, it.year ? String(it.year) : "year not given", words(it.type),
                provenanceWords(it.provenance),
                words(it.source), "quality " + it.quality, "access " + words(it.access)];
    li.appendChild(document.createTextNode(" — " + bits.join("; ")));
    if (it.link && /^https?:\/\//.test(it.link)) {
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("a", {href: it.link}, "link"));
    }
    return li;
  }
  function show(group, col, items, cellButton, row) {
    details.textContent = "";
    if (selected && selected.row && selected.row.parentNode) {
      selected.row.parentNode.removeChild(selected.row);
    }
    selected = {group: group.id, col: col.label, button: cellButton, row: null};
    // One level below the heading the map sits under (3 by default): levels never skip one.
    details.appendChild(el("h" + (headingLevel || 3), {}, group.label + " × " + col.title + ": " +
                           items.length + (items.length === 1 ? " item" : " items")));
    var ul = el("ul", {"class": "egm-records"});
    // Testimonies are one evidence row per group and target: a goal's cell would repeat the same
    // line once per target. They are listed once, with how many targets they cover.
    var voices = items.filter(function (it) { return it.type === "testimonies"; });
    items.forEach(function (it) { if (it.type !== "testimonies") { ul.appendChild(line(it)); } });
    if (voices.length) {
      var targets = [];
      voices.forEach(function (it) {
        it.cells.forEach(function (c) {
          if (c[0] === group.id && col.targets.indexOf(c[1]) >= 0 &&
              targets.indexOf(c[1]) < 0) { targets.push(c[1]); }
        });
      });
      var years = voices.map(function (it) { return it.year; }).filter(Boolean);
      var li = el("li", {"class": "egm-voices"});
      li.appendChild(el("span", {"class": "egm-item-title"}, voices[0].title));
      li.appendChild(document.createTextNode(" — " + voices[0].org + "; " +
        provenanceWords(voices[0].provenance) + "; " +
        (years.length ? String(Math.max.apply(null, years)) : "year not given") + "; " +
        words(voices[0].source) + "; access " + words(voices[0].access) + "; " +
        (targets.length === 1 ? "on target " + targets[0]
                              : "on " + targets.length + " targets: " + targets.join(", "))));
      ul.appendChild(li);
    }
    if (!items.length) { ul.appendChild(el("li", {}, "No evidence: a gap.")); }
    details.appendChild(ul);
    var close = el("button", {type: "button", "class": "egm-close"}, "Back to the cell");
    close.addEventListener("click", function () {
      var b = selected && selected.button;
      hint();
      if (b) { b.focus(); }
    });
    details.appendChild(close);
    if (window.matchMedia(WIDE).matches) {
      side.appendChild(details);
    } else {
      // On a phone the records open directly under the tapped cell's row.
      var tr = el("tr", {"class": "egm-detail-row"});
      var td = el("td", {colspan: String(row.children.length)});
      td.appendChild(details);
      tr.appendChild(td);
      row.parentNode.insertBefore(tr, row.nextSibling);
      selected.row = tr;
      details.style.width = Math.max(wrap.clientWidth - 8, 200) + "px";
    }
    details.focus({preventScroll: true});
    details.scrollIntoView({block: "nearest"});
  }
  function draw() {
    hint();
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
        // The name read aloud is the text on screen (number, then goal name) and what a press
        // does; the number is drawn under the upright name (column-reverse).
        var b = el("button", {type: "button", "class": "egm-goal"});
        b.appendChild(el("span", {"class": "egm-goal-n"}, c.label));
        b.appendChild(el("span", {"class": "egm-goal-name"}, " " + c.title.replace(/^\d+\. /, "")));
        b.appendChild(el("span", {"class": "egm-sr"}, ": show its targets"));
        b.addEventListener("click", function () { state.goal = c.goal; draw(); });
        th.appendChild(b);
      } else { th.textContent = c.label; }
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el("tbody");
    var lastDim = null;
    data.groups.forEach(function (g) {
      if (g.dim !== lastDim) {
        var dr = el("tr", {"class": "egm-dim"});
        var dth = el("th", {scope: "rowgroup", colspan: String(cols.length + 1)});
        dth.appendChild(el("span", {}, g.dim));
        dr.appendChild(dth);
        tbody.appendChild(dr);
        lastDim = g.dim;
      }
      var tr = el("tr", {"data-group": g.id});
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
        b.addEventListener("click", function () { show(g, c, hits, b, tr); });
        td.appendChild(b);
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    wrap.appendChild(table);
  }
  draw();
}
