/* Magnitogorsk atlas: the browser side of a map page.
 *
 * folium writes the Leaflet map; the AtlasLayers plugin (magnitogorsk_atlas/plugins) then calls
 * MagnitogorskAtlas.mount(map, config) with the validated layers, the styles and the events.
 * This file draws them and adds the year control, the legend, the feature list, the link/embed
 * box and the URL state. Text from the data only ever reaches the page through textContent, so
 * markup in the data is shown as text, never run.
 */
(function () {
  "use strict";

  var Atlas = (window.MagnitogorskAtlas = window.MagnitogorskAtlas || {});
  var instances = [];
  var store = {};

  // maps/data/<layer>.js files register their layer here before the map is mounted.
  Atlas.data = function (layerId, data) { store[layerId] = data; };

  // ---- small DOM helpers -------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] !== null && attrs[key] !== undefined) node.setAttribute(key, attrs[key]);
    });
    return node;
  }

  function stopMapEvents(node) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
    return node;
  }

  function isFramed() {
    try { return window.self !== window.top; } catch (e) { return true; }
  }

  // Links leaving the map: replace the whole tab inside our own site, open a new tab elsewhere.
  function outsideTarget() {
    if (!isFramed()) return null;
    try { return window.top.location.host === window.location.host ? "_top" : "_blank"; }
    catch (e) { return "_blank"; }
  }

  // ---- dates -------------------------------------------------------------------------------
  function yearOf(iso) { return iso ? parseInt(iso.slice(0, 4), 10) : null; }

  function spanLabel(p) {
    var start = p.start ? (p.start_approx ? "c. " : "") + p.start : "before 1929";
    var end = p.end ? (p.end_approx ? "c. " : "") + p.end : "";
    if (p.status === "natural") return "natural feature";
    return end ? start + " – " + end : "from " + start;
  }

  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  function pagesLabel(pages) {
    if (!pages) return "";
    return (/[-–]/.test(pages) ? "pp. " : "p. ") + pages;
  }

  function sourceLabel(source, works) {
    var parts = [works[source.work] || source.work];
    if (source.pages) parts.push(pagesLabel(source.pages));
    var text = parts.join(", ");
    return source.note ? text + " (" + source.note + ")" : text;
  }

  // ---- one map -----------------------------------------------------------------------------
  function AtlasMap(map, cfg) {
    this.map = map;
    this.cfg = cfg;
    this.records = [];
    this.byId = {};
    this.groups = {};
    this.layerOn = {};
    this.timeless = {};
    this.target = outsideTarget();
    (cfg.map.timeless || []).forEach(function (id) { this.timeless[id] = true; }, this);
  }

  AtlasMap.prototype.readUrl = function () {
    var q = new URLSearchParams(window.location.search);
    var cfg = this.cfg.map;
    var year = parseInt(q.get("year"), 10);
    this.year = isNaN(year) ? cfg.year : Math.min(cfg.years[1], Math.max(cfg.years[0], year));
    var wanted = q.get("layers");
    var known = this.cfg.layers.map(function (l) { return l.id; });
    this.cfg.layers.forEach(function (layer) {
      this.layerOn[layer.id] = wanted === null ? layer.visible
        : wanted.split(",").indexOf(layer.id) !== -1;
    }, this);
    if (wanted !== null && !known.some(function (id) { return this.layerOn[id]; }, this)) {
      this.cfg.layers.forEach(function (layer) { this.layerOn[layer.id] = layer.visible; }, this);
    }
    this.feature = q.get("feature");
    var view = (q.get("view") || "").split(",").map(parseFloat);
    this.view = view.length === 3 && view.every(function (v) { return !isNaN(v); }) ? view : null;
  };

  AtlasMap.prototype.writeUrl = function () {
    if (this.cfg.follower) return;
    var q = new URLSearchParams();
    q.set("year", String(this.year));
    var on = this.cfg.layers.filter(function (l) { return this.layerOn[l.id]; }, this)
      .map(function (l) { return l.id; });
    var defaults = this.cfg.layers.filter(function (l) { return l.visible; }).map(function (l) { return l.id; });
    if (on.join(",") !== defaults.join(",")) q.set("layers", on.join(","));
    if (this.feature) q.set("feature", this.feature);
    if (this.moved) {
      var c = this.map.getCenter();
      q.set("view", [c.lat.toFixed(4), c.lng.toFixed(4), this.map.getZoom()].join(","));
    }
    var url = window.location.pathname + "?" + q.toString();
    try { window.history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
    if (this.fullWindow && this.openLink) this.openLink.href = url;
    this.refreshShare();
  };

  AtlasMap.prototype.styleFor = function (p, layerId) {
    var s = this.cfg.styles;
    var grade = s.certainty[p.certainty];
    var color = (layerId === "context" && s.contextKinds[p.kind]) || s.layers[layerId].color;
    var water = p.kind === "lake";
    // Plans are schematic zones whatever their grade: the dash tells the certainty, the fill
    // must stay strong enough to read the plan under the settlements drawn above it.
    var plan = p.kind === "plan_zone" || p.kind === "plan_variant";
    return {
      color: color, weight: p.kind === "river" ? 3 : plan ? 2.5 : grade.weight,
      opacity: plan ? 0.95 : grade.opacity, dashArray: grade.dashArray, fillColor: color,
      fillOpacity: water ? 0.35 : plan ? Math.max(grade.fillOpacity, 0.22) : grade.fillOpacity,
    };
  };

  AtlasMap.prototype.popupFor = function (rec) {
    var p = rec.feature.properties;
    var cfg = this.cfg;
    var body = el("div", { className: "atlas-popup" });
    var heading = el("h2", { text: p.name });
    if (p.name_ru) heading.appendChild(el("span", { className: "atlas-ru", lang: "ru-Latn", text: " (" + p.name_ru + ")" }));
    body.appendChild(heading);
    body.appendChild(el("p", { className: "atlas-meta",
      text: cfg.styles.layers[rec.layer].title + " · " + spanLabel(p) +
        (p.status === "planned" ? " · planned, never built" : p.status === "partly_built" ? " · partly built" : "") }));
    if (p.population && p.population.length) {
      var pop = el("ul", { className: "atlas-pop" });
      p.population.forEach(function (r) {
        pop.appendChild(el("li", { text: (r.approx ? "about " : "") + number(r.value) + " people, " + r.year +
          (r.what ? " (" + r.what + ")" : "") + " — " + sourceLabel(r.source, cfg.works) }));
      });
      body.appendChild(el("p", { className: "atlas-label", text: "Population" }));
      body.appendChild(pop);
    }
    body.appendChild(el("p", { text: p.description }));
    body.appendChild(el("p", { className: "atlas-certainty" }, [
      el("strong", { text: "Position: " }),
      cfg.styles.certainty[p.certainty].label + (p.uncertainty_m ? ", ±" + number(p.uncertainty_m) + " m" : "") +
        ". " + p.location_basis,
    ]));
    if (p.conflicts) {
      body.appendChild(el("p", { className: "atlas-conflict" }, [el("strong", { text: "Sources disagree: " }), p.conflicts]));
    }
    body.appendChild(el("p", { className: "atlas-sources" }, [
      el("strong", { text: "Sources: " }),
      p.sources.map(function (s) { return sourceLabel(s, cfg.works); }).join("; "),
    ]));
    var events = store[rec.layer].events[p.id] || [];
    if (events.length) {
      body.appendChild(el("p", { className: "atlas-label", text: "Chronology" }));
      var list = el("ul", { className: "atlas-events" });
      events.forEach(function (e) {
        list.appendChild(el("li", {}, [
          el("a", { href: cfg.map.chronologyUrl + "#e-" + e.id, target: this.target, text: e.date + " — " + e.title }),
          " (" + e.pages.map(pagesLabel).join("; ") + ")",
        ]));
      }, this);
      body.appendChild(list);
    }
    return body;
  };

  AtlasMap.prototype.drawFeature = function (feature, layerId) {
    var self = this;
    var p = feature.properties;
    var style = this.styleFor(p, layerId);
    var leaf;
    if (feature.geometry.type === "Point") {
      var ll = L.latLng(feature.geometry.coordinates[1], feature.geometry.coordinates[0]);
      var parts = [];
      if (p.uncertainty_m > 0) {
        // Wide rings (a colony "spread over 30 km") stay outlines, or they would veil the map.
        var wide = p.uncertainty_m > 3000;
        parts.push(L.circle(ll, { radius: p.uncertainty_m, color: style.color, weight: 1,
          dashArray: style.dashArray || "4 4", opacity: wide ? 0.3 : 0.45, fill: !wide, fillOpacity: 0.03,
          interactive: false }));
      }
      parts.push(L.circleMarker(ll, { radius: 6, color: "#fff", weight: 1.5, fillColor: style.color,
        fillOpacity: 0.95, opacity: 1 }));
      leaf = L.featureGroup(parts);
    } else {
      leaf = L.geoJSON(feature, { style: function () { return style; } });
    }
    var rec = { feature: feature, layer: layerId, leaf: leaf, style: style,
      start: yearOf(p.start), end: yearOf(p.end) };
    leaf.bindTooltip(el("span", { text: p.name }), { sticky: feature.geometry.type !== "Point" });
    leaf.bindPopup(function () { return self.popupFor(rec); }, { maxWidth: 320, autoPanPadding: [20, 20] });
    leaf.on("popupopen", function () {
      // On all but wide maps the open legend would hide the popup.
      if (self.layersBox && self.map.getSize().x < 1000) self.layersBox.open = false;
      self.feature = p.id;
      self.writeUrl();
    });
    leaf.on("popupclose", function () { if (self.feature === p.id) { self.feature = null; self.writeUrl(); } });
    this.records.push(rec);
    this.byId[p.id] = rec;
  };

  // The same rule draws the static posters: posters.shown_at in Python.
  AtlasMap.prototype.inTime = function (rec) {
    if (this.timeless[rec.layer]) return true;
    if (rec.start !== null && rec.start > this.year) return false;
    if (rec.end !== null && rec.end < this.year) return false;
    return true;
  };

  AtlasMap.prototype.shown = function () {
    return this.records.filter(function (r) { return this.layerOn[r.layer] && this.inTime(r); }, this);
  };

  AtlasMap.prototype.update = function () {
    var visible = {};
    this.shown().forEach(function (r) { visible[r.feature.properties.id] = true; });
    this.records.forEach(function (r) {
      var group = this.groups[r.layer];
      var on = visible[r.feature.properties.id];
      if (on && !group.hasLayer(r.leaf)) group.addLayer(r.leaf);
      if (!on && group.hasLayer(r.leaf)) group.removeLayer(r.leaf);
    }, this);
    this.map.getContainer().setAttribute("data-year", String(this.year));
    this.map.getContainer().setAttribute("data-features-shown", String(Object.keys(visible).length));
    this.renderList();
    this.renderYear();
  };

  AtlasMap.prototype.setYear = function (year, fromPeer) {
    this.year = year;
    this.update();
    this.writeUrl();
    if (!fromPeer) {
      instances.forEach(function (other) { if (other !== this) other.setYear(year, true); }, this);
    }
  };

  AtlasMap.prototype.focusFeature = function (id, openPopup) {
    var rec = this.byId[id];
    if (!rec) return;
    if (!this.layerOn[rec.layer]) { this.layerOn[rec.layer] = true; this.update(); this.renderLayerToggles(); }
    var bounds = rec.leaf.getBounds();
    if (!this.view) this.map.fitBounds(bounds, { maxZoom: Math.max(this.map.getZoom(), 14), padding: [30, 30], animate: false });
    rec.leaf.eachLayer(function (l) { if (l.setStyle && l.options.interactive !== false) l.setStyle({ weight: 5 }); });
    if (openPopup && this.groups[rec.layer].hasLayer(rec.leaf)) rec.leaf.openPopup(bounds.getCenter());
  };

  // ---- controls ----------------------------------------------------------------------------
  AtlasMap.prototype.addTitle = function () {
    var cfg = this.cfg.map;
    var box = el("div", { className: "atlas-title" }, [
      el("h1", { text: cfg.sideTitle || cfg.title }),
    ]);
    if (!this.cfg.follower) {
      // Inside the atlas's own pages the link opens the map full-window; elsewhere it leads
      // to the map's page in the atlas; alone, to the story around the map.
      var inAtlas = this.target === "_top";
      this.fullWindow = inAtlas;
      this.openLink = box.appendChild(el("a", { className: "atlas-open", target: this.target || null,
        href: inAtlas ? window.location.pathname + window.location.search : cfg.pageUrl,
        text: inAtlas ? "Full-window map ↗" : isFramed() ? "Open in the atlas ↗" : "About this map" }));
    }
    var Title = L.Control.extend({ onAdd: function () { return stopMapEvents(box); } });
    new Title({ position: "topleft" }).addTo(this.map);
  };

  AtlasMap.prototype.addYearControl = function () {
    var self = this;
    var cfg = this.cfg.map;
    var years = [];
    for (var y = cfg.years[0]; y <= cfg.years[1]; y++) years.push(y);
    var hist = this.cfg.histogram;
    var max = Math.max.apply(null, years.map(function (yy) { return hist[yy] || 0; }).concat([1]));
    var chart = svg("svg", { viewBox: "0 0 " + years.length * 10 + " 24", preserveAspectRatio: "none",
      className: "atlas-hist", "aria-hidden": "true", focusable: "false" });
    chart.setAttribute("class", "atlas-hist");
    this.bars = {};
    years.forEach(function (yy, i) {
      var h = Math.round(22 * (hist[yy] || 0) / max);
      var bar = svg("rect", { x: i * 10 + 1, y: 24 - h, width: 8, height: Math.max(h, 0.5) });
      var title = svg("title", {});
      title.textContent = yy + ": " + (hist[yy] || 0) + " events";
      bar.appendChild(title);
      chart.appendChild(bar);
      self.bars[yy] = bar;
    });
    var id = this.cfg.map.domId + "-year";
    this.slider = el("input", { type: "range", id: id, min: cfg.years[0], max: cfg.years[1], step: 1,
      value: this.year, "aria-describedby": id + "-help" });
    this.yearOut = el("output", { "for": id, className: "atlas-year-value" });
    var box = el("div", { className: "atlas-year leaflet-bar" }, [
      el("label", { "for": id }, ["Year ", this.yearOut]),
      chart,
      this.slider,
      el("span", { id: id + "-help", className: "atlas-help", text: "Bars: events per year in the chronology" }),
    ]);
    this.slider.addEventListener("input", function () { self.setYear(parseInt(self.slider.value, 10)); });
    var Year = L.Control.extend({ onAdd: function () { return stopMapEvents(box); } });
    new Year({ position: "bottomleft" }).addTo(this.map);
  };

  AtlasMap.prototype.renderYear = function () {
    if (!this.slider) return;
    var n = this.shown().length;
    this.slider.value = String(this.year);
    this.slider.setAttribute("aria-valuetext", this.year + ": " + n + " features shown");
    this.yearOut.textContent = String(this.year);
    Object.keys(this.bars).forEach(function (y) {
      this.bars[y].setAttribute("class", parseInt(y, 10) === this.year ? "current" : "");
    }, this);
  };

  AtlasMap.prototype.swatch = function (color, dash, point) {
    var s = svg("svg", { width: 22, height: 14, viewBox: "0 0 22 14", "aria-hidden": "true", focusable: "false" });
    if (point) {
      s.appendChild(svg("circle", { cx: 11, cy: 7, r: 6, fill: color, "fill-opacity": 0.08, stroke: color, "stroke-dasharray": "2 2" }));
      s.appendChild(svg("circle", { cx: 11, cy: 7, r: 3, fill: color, stroke: "#fff" }));
    } else {
      s.appendChild(svg("rect", { x: 2, y: 2, width: 18, height: 10, fill: color, "fill-opacity": 0.25,
        stroke: color, "stroke-width": 2, "stroke-dasharray": dash || null }));
    }
    return s;
  };

  AtlasMap.prototype.renderLayerToggles = function () {
    if (!this.toggles) return;
    Object.keys(this.toggles).forEach(function (id) { this.toggles[id].checked = !!this.layerOn[id]; }, this);
  };

  AtlasMap.prototype.addPanel = function () {
    var self = this;
    var cfg = this.cfg;
    var size = this.map.getSize();
    var small = size.x < 640 || size.y < 420;
    var panel = el("div", { className: "atlas-panel leaflet-bar" });

    // Layers and legend, both generated from the style config.
    var layersBox = this.layersBox = el("details", { open: !small && !cfg.follower }, [el("summary", { text: "Layers and legend" })]);
    var fieldset = el("fieldset", {}, [el("legend", { text: "Layers" })]);
    this.toggles = {};
    cfg.layers.forEach(function (layer) {
      var box = el("input", { type: "checkbox", id: cfg.map.domId + "-layer-" + layer.id });
      box.checked = !!this.layerOn[layer.id];
      box.addEventListener("change", function () {
        self.layerOn[layer.id] = box.checked;
        self.update();
        self.writeUrl();
      });
      this.toggles[layer.id] = box;
      fieldset.appendChild(el("div", { className: "atlas-toggle" }, [
        box, el("label", { "for": box.id }, [this.swatch(cfg.styles.layers[layer.id].color), " " + layer.title + " (" + layer.count + ")"]),
      ]));
    }, this);
    if (!cfg.follower) {
      var osm = el("input", { type: "checkbox", id: cfg.map.domId + "-osm" });
      var tiles = null;
      osm.addEventListener("change", function () {
        if (osm.checked) {
          tiles = tiles || L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", { maxZoom: 18,
            attribution: "Modern streets © OpenStreetMap contributors (ODbL)", opacity: 0.55 });
          tiles.addTo(self.map);
          tiles.bringToBack();
        } else if (tiles) {
          self.map.removeLayer(tiles);
        }
      });
      fieldset.appendChild(el("div", { className: "atlas-toggle atlas-optional" }, [
        osm, el("label", { "for": osm.id, text: " Today's streets (OpenStreetMap; needs the internet)" }),
      ]));
    }
    layersBox.appendChild(fieldset);
    var legend = el("dl", { className: "atlas-legend" }, [el("dt", { text: "How sure is the position?" })]);
    ["A", "B", "C", "D"].forEach(function (grade) {
      var g = cfg.styles.certainty[grade];
      legend.appendChild(el("dd", {}, [this.swatch("#444", g.dashArray), " " + g.label]));
    }, this);
    legend.appendChild(el("dd", {}, [this.swatch("#444", null, true), " a point, with a ring as wide as its uncertainty"]));
    layersBox.appendChild(legend);
    panel.appendChild(layersBox);

    // A keyboard- and screen-reader-usable list of what the map shows in the chosen year.
    this.listSummary = el("summary", {});
    this.list = el("ul", { className: "atlas-list" });
    panel.appendChild(el("details", { className: "atlas-features" }, [this.listSummary, this.list]));

    if (!cfg.follower) {
      this.shareUrl = el("input", { type: "text", readonly: true, "aria-label": "Link to this view" });
      this.shareCode = el("textarea", { readonly: true, rows: 4, "aria-label": "Embed code for this view" });
      var copy = function (field, button) {
        return function () {
          field.select();
          var done = function () { button.textContent = "Copied"; };
          if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
          else { document.execCommand("copy"); done(); }
        };
      };
      var copyUrl = el("button", { type: "button", text: "Copy link" });
      var copyCode = el("button", { type: "button", text: "Copy embed code" });
      copyUrl.addEventListener("click", copy(this.shareUrl, copyUrl));
      copyCode.addEventListener("click", copy(this.shareCode, copyCode));
      panel.appendChild(el("details", { className: "atlas-share" }, [
        el("summary", { text: "Link and embed this view" }),
        el("p", { text: "The link keeps the year, the layers, the view and the chosen feature." }),
        this.shareUrl, copyUrl, this.shareCode, copyCode,
        el("p", { className: "atlas-cite", text: cfg.map.citation }),
      ]));
    }
    var Panel = L.Control.extend({ onAdd: function () { return stopMapEvents(panel); } });
    new Panel({ position: "topright" }).addTo(this.map);
  };

  // The same snippet as outputs.embed_snippet, for the view the reader is looking at.
  AtlasMap.prototype.refreshShare = function () {
    if (!this.shareUrl) return;
    var url = window.location.href;
    this.shareUrl.value = url;
    this.shareCode.value = '<iframe src="' + url.replace(/"/g, "&quot;") + '" title="' +
      this.cfg.map.title.replace(/"/g, "&quot;") + '" width="100%" height="480" loading="lazy" ' +
      'style="border:0" allow="fullscreen"><a href="' + url.replace(/"/g, "&quot;") + '">' +
      this.cfg.map.title.replace(/</g, "&lt;") + "</a></iframe>";
  };

  AtlasMap.prototype.renderList = function () {
    if (!this.list) return;
    var self = this;
    var shown = this.shown().filter(function (r) { return r.layer !== "context"; });
    shown.sort(function (a, b) { return a.feature.properties.name.localeCompare(b.feature.properties.name); });
    this.listSummary.textContent = "Features in " + this.year + " (" + shown.length + ")";
    this.list.textContent = "";
    shown.forEach(function (r) {
      var p = r.feature.properties;
      var button = el("button", { type: "button", "data-feature": p.id }, [
        el("span", { className: "atlas-swatch", style: "background:" + r.style.color }),
        el("span", { text: p.name }),
        el("small", { text: " " + spanLabel(p) + " · certainty " + p.certainty }),
      ]);
      button.addEventListener("click", function () {
        self.view = null;
        self.focusFeature(p.id, true);
      });
      this.list.appendChild(el("li", {}, [button]));
    }, this);
  };

  // Inside a frame the wheel scrolls the host page until the reader clicks into the map.
  AtlasMap.prototype.avoidScrollTrap = function () {
    if (!isFramed()) return;
    var map = this.map;
    map.scrollWheelZoom.disable();
    map.on("click focus", function () { map.scrollWheelZoom.enable(); });
    map.on("mouseout blur", function () { map.scrollWheelZoom.disable(); });
  };

  AtlasMap.prototype.start = function () {
    var self = this;
    this.readUrl();
    this.cfg.layers.forEach(function (layer) {
      this.groups[layer.id] = L.featureGroup().addTo(this.map);
      store[layer.id].features.forEach(function (f) { this.drawFeature(f, layer.id); }, this);
    }, this);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution(this.cfg.attribution);
    this.addTitle();
    if (!this.cfg.follower) this.addYearControl();
    this.addPanel();
    this.update();
    if (this.view) this.map.setView([this.view[0], this.view[1]], this.view[2], { animate: false });
    if (this.feature) this.focusFeature(this.feature, true);
    this.map.on("moveend", function () { if (self.ready) { self.moved = true; self.writeUrl(); } });
    this.avoidScrollTrap();
    this.writeUrl();
    this.ready = true;
    this.map.getContainer().setAttribute("data-atlas-ready", "true");
  };

  Atlas.mount = function (map, cfg) {
    var atlas = new AtlasMap(map, cfg);
    instances.push(atlas);
    atlas.start();
    return atlas;
  };
  Atlas.instances = instances;
})();
