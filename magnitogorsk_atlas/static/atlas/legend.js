/* Legend control: the layer switches and the key to the symbols, generated from the style config. */
(function (Atlas) {
  "use strict";
  var el = Atlas.dom.el, svg = Atlas.dom.svg;

  function swatch(color, dash, point) {
    var s = svg("svg", { width: 22, height: 14, viewBox: "0 0 22 14", "aria-hidden": "true", focusable: "false" });
    if (point) {  // the ring as it rests: a hairline without fill (styles.RING)
      s.appendChild(svg("circle", { cx: 11, cy: 7, r: 6, fill: "none", stroke: color, "stroke-width": 0.75, "stroke-dasharray": "2 2" }));
      s.appendChild(svg("circle", { cx: 11, cy: 7, r: 3, fill: color, stroke: "#fff" }));
    } else {
      s.appendChild(svg("rect", { x: 2, y: 2, width: 18, height: 10, fill: color, "fill-opacity": 0.25,
        stroke: color, "stroke-width": 2, "stroke-dasharray": dash || null }));
    }
    return s;
  }

  // The optional modern street map: the only thing on the page that needs the internet.
  function streetsToggle(atlas) {
    var box = el("input", { type: "checkbox", id: atlas.cfg.map.domId + "-osm" });
    var tiles = null;
    box.addEventListener("change", function () {
      if (box.checked) {
        tiles = tiles || L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", { maxZoom: 18,
          attribution: Atlas.t("Modern streets © OpenStreetMap contributors (ODbL)"), opacity: 0.55 });
        tiles.addTo(atlas.map);
        tiles.bringToBack();
      } else if (tiles) {
        atlas.map.removeLayer(tiles);
      }
    });
    return el("div", { className: "atlas-toggle atlas-optional" }, [
      box, el("label", { "for": box.id, text: " " + Atlas.t("Today's streets (OpenStreetMap; needs the internet)") }),
    ]);
  }

  Atlas.control("legend", function (atlas) {
    var cfg = atlas.cfg;
    var size = atlas.map.getSize();
    var small = size.x < 640 || size.y < 420;
    // On all but wide maps an open legend would hide the popup of the chosen feature.
    var open = !small && !cfg.follower && !(atlas.feature && size.x < 1000);
    var details = el("details", { className: "atlas-layers", open: open }, [el("summary", { text: Atlas.t("Layers and legend") })]);
    var fieldset = el("fieldset", {}, [el("legend", { text: Atlas.t("Layers") })]);
    var toggles = {};
    cfg.layers.forEach(function (layer) {
      var box = el("input", { type: "checkbox", id: cfg.map.domId + "-layer-" + layer.id });
      box.checked = !!atlas.layerOn[layer.id];
      box.addEventListener("change", function () { atlas.setLayer(layer.id, box.checked); });
      toggles[layer.id] = box;
      fieldset.appendChild(el("div", { className: "atlas-toggle" }, [
        box, el("label", { "for": box.id }, [swatch(cfg.styles.layers[layer.id].color),
          " " + Atlas.layerTitle(cfg, layer.id) + " (" + layer.count + ")"]),
      ]));
    });
    if (!cfg.follower) fieldset.appendChild(streetsToggle(atlas));
    details.appendChild(fieldset);
    var legend = el("dl", { className: "atlas-legend" }, [el("dt", { text: Atlas.t("How sure is the position?") })]);
    ["A", "B", "C", "D"].forEach(function (grade) {
      var g = cfg.styles.certainty[grade];
      legend.appendChild(el("dd", {}, [swatch("#444", g.dashArray), " " + Atlas.t("grade." + grade, null, g.label)]));
    });
    legend.appendChild(el("dd", {}, [swatch("#444", null, true), " " + Atlas.t("a point; its thin ring shows how far off it may be, in full when you point at, focus or select it")]));
    details.appendChild(legend);
    Atlas.panel(atlas).appendChild(details);

    atlas.on("update", function () {
      Object.keys(toggles).forEach(function (id) { toggles[id].checked = !!atlas.layerOn[id]; });
    });
    atlas.on("select", function (id) {
      if (id && atlas.map.getSize().x < 1000) details.open = false;
    });
    atlas.legendBox = details;
  });
})(window.MagnitogorskAtlas);
