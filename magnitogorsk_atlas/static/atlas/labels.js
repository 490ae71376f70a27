/* Labels control: place names written on the map as real text (selectable, read by assistive
 * technology; the feature list names the same places). labels.py lists them most important first;
 * each goes where it overlaps no name already placed and no control, or waits until the reader
 * zooms in. Only the features the year and the layer switches show are named. */
(function (Atlas) {
  "use strict";
  var GAP = 2;   // px kept clear around a name
  var DOT = 8;   // px from a point to its name

  function overlaps(a, b) {
    return a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;
  }

  Atlas.control("labels", function (atlas, options) {
    var map = atlas.map;
    var container = map.getContainer();
    var pane = map.createPane("atlas-labels");
    pane.classList.add("leaflet-zoom-hide");  // Leaflet hides it while the zoom animates
    pane.setAttribute("role", "group");
    pane.setAttribute("aria-label", Atlas.t("Place names"));
    var labels = (options.labels || []).map(function (e) {
      // another language names a place as the feature list does, where that name is short
      var p = atlas.byId[e[0]].feature.properties, own = Atlas.lang !== "en" && Atlas.placeName(p).length <= 24;
      return { id: e[0], rank: e[2], point: e[4], at: e[5],
        node: Atlas.dom.el("div", { className: "atlas-name atlas-r" + e[2] + (e[3] ? " atlas-" + e[3] : ""),
          "data-label": e[0], text: own ? Atlas.placeName(p) : e[1], lang: own ? Atlas.placeLang(p) : Atlas.placeLang({}),
          hidden: true }) };
    });
    labels.forEach(function (l) { pane.appendChild(l.node); });

    // Where a name may go, in order of preference: beside a point, on a line or an area.
    function spots(label, w, h) {
      var out = [];
      label.at.forEach(function (a) {
        var c = map.latLngToContainerPoint([a[0], a[1]]);
        if (!label.point) out.push({ x: c.x - w / 2, y: c.y - h / 2 });
        else out.push({ x: c.x + DOT, y: c.y - h / 2 }, { x: c.x - DOT - w, y: c.y - h / 2 },
          { x: c.x - w / 2, y: c.y - DOT - h }, { x: c.x - w / 2, y: c.y + DOT });
      });
      return out;
    }

    function place() {
      var size = map.getSize();
      var origin = container.getBoundingClientRect();
      var taken = [];
      container.querySelectorAll(".leaflet-control").forEach(function (c) {
        var r = c.getBoundingClientRect();
        if (r.width) taken.push({ x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height });
      });
      var shown = {}, dots = [];
      atlas.shown().forEach(function (r) {
        shown[r.feature.properties.id] = true;
        if (r.feature.geometry.type !== "Point") return;
        var xy = r.feature.geometry.coordinates, c = map.latLngToContainerPoint([xy[1], xy[0]]);
        dots.push({ x: c.x - DOT + 2, y: c.y - DOT + 2, w: 2 * DOT - 4, h: 2 * DOT - 4 });
      });
      // Measure every wanted name in one pass, then place: no layout between reads and writes.
      var wanted = labels.filter(function (l) { l.node.hidden = !shown[l.id]; return shown[l.id]; });
      wanted.forEach(function (l) { l.w = l.node.offsetWidth; l.h = l.node.offsetHeight; });
      var placed = 0;
      wanted.forEach(function (l) {
        var box = null;
        spots(l, l.w, l.h).some(function (s) {
          var b = { x: s.x, y: s.y, w: l.w, h: l.h };
          var inside = b.x >= 0 && b.y >= 0 && b.x + b.w <= size.x && b.y + b.h <= size.y;
          // a name hides no other name, no control and, below the first rank, no place's dot
          var clear = function (t) { return !overlaps(b, t); };
          if (inside && taken.every(clear) && (l.rank === 1 || dots.every(clear))) box = b;
          return box;
        });
        l.node.hidden = !box;
        if (!box) return;
        taken.push(box);
        placed++;
        L.DomUtil.setPosition(l.node, map.containerPointToLayerPoint([box.x, box.y]).round());
      });
      container.setAttribute("data-labels-shown", String(placed));
    }

    map.on("moveend resize", place);
    atlas.on("update", place);
    place();  // render.py adds this control last: the other controls' boxes are in place
  });
})(window.MagnitogorskAtlas);
