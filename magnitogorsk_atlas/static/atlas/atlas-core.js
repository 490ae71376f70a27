/* Magnitogorsk atlas: the core of a map page.
 *
 * folium writes the Leaflet map; the AtlasLayers element (magnitogorsk_atlas/plugins) calls
 * MagnitogorskAtlas.mount(map, config), which draws the validated layers and keeps the year, the
 * layers and the chosen feature in the URL. Every control (title, year, legend, feature list, share
 * box, ...) is a file of its own that registers with Atlas.control(name, fn); its Python element
 * (plugins/controls.py) loads the file and calls MagnitogorskAtlas.use(name, atlasMap, options).
 * Controls talk to the core through its methods and events ("update", "select", "url", "urlchange").
 * Text from the data only ever reaches the page through textContent: markup in the data is shown
 * as text, never run.
 */
(function () {
  "use strict";

  var Atlas = (window.MagnitogorskAtlas = window.MagnitogorskAtlas || {});
  var instances = (Atlas.instances = []);
  var store = (Atlas.store = {});
  var controls = {};

  // maps/data/<layer>.js files register their layer here before the map is mounted.
  Atlas.data = function (layerId, data) { store[layerId] = data; };

  // ---- language: ?lang=ru, else English. The strings live in strings.js. --------------------
  Atlas.strings = Atlas.strings || { en: {} };
  Atlas.lang = (function () {
    var wanted = new URLSearchParams(window.location.search).get("lang");
    return wanted && Atlas.strings[wanted] ? wanted : "en";
  })();
  document.documentElement.lang = Atlas.lang;

  /* The UI string `key` in the page language, with {name} replaced from `vars`; `fallback` (or
   * the English string) when the language has none. */
  Atlas.t = function (key, vars, fallback) {
    var table = Atlas.strings[Atlas.lang] || {};
    var text = key in table ? table[key] : key in Atlas.strings.en ? Atlas.strings.en[key] : fallback;
    if (text === undefined || text === null) text = key;
    return String(text).replace(/\{(\w+)\}/g, function (m, name) {
      return vars && vars[name] !== undefined ? String(vars[name]) : m;
    });
  };

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

  // A Leaflet control around `node`; clicks and wheel turns on it stay off the map.
  function control(map, node, position) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
    var Control = L.Control.extend({ onAdd: function () { return node; } });
    return new Control({ position: position }).addTo(map);
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

  Atlas.dom = { el: el, svg: svg, control: control, isFramed: isFramed };

  // ---- labels for dates, numbers and sources -------------------------------------------------
  function yearOf(iso) { return iso ? parseInt(iso.slice(0, 4), 10) : null; }

  function spanLabel(p) {
    if (p.status === "natural") return Atlas.t("natural feature");
    var start = p.start ? (p.start_approx ? Atlas.t("c. ") : "") + p.start : Atlas.t("before 1929");
    var end = p.end ? (p.end_approx ? Atlas.t("c. ") : "") + p.end : "";
    return end ? start + " – " + end : Atlas.t("from {start}", { start: start });
  }

  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, Atlas.t(",")); }

  function pagesLabel(pages) {
    if (!pages) return "";
    return Atlas.t(/[-–]/.test(pages) ? "pp. " : "p. ") + pages;
  }

  function sourceLabel(source, works) {
    var parts = [works[source.work] || source.work];
    if (source.pages) parts.push(pagesLabel(source.pages));
    var text = parts.join(", ");
    return source.note ? text + " (" + source.note + ")" : text;
  }

  Atlas.format = { spanLabel: spanLabel, number: number, pagesLabel: pagesLabel };

  // The layer's title in the page language (styles.py gives the English one).
  Atlas.layerTitle = function (cfg, layerId) {
    return Atlas.t("layer." + layerId, null, cfg.styles.layers[layerId].title);
  };

  // The place's name as the reader's language has it: the Russian name first on a Russian page.
  Atlas.placeName = function (p) {
    return Atlas.lang === "ru" && p.name_ru ? p.name_ru : p.name;
  };
  // The language of that name, for its lang attribute (null on English pages).
  Atlas.placeLang = function (p) {
    return Atlas.lang === "en" ? null : Atlas.lang === "ru" && p.name_ru ? "ru" : "en";
  };

  // ---- one map -----------------------------------------------------------------------------
  function AtlasMap(map, cfg) {
    this.map = map;
    this.cfg = cfg;
    this.records = [];
    this.byId = {};
    this.groups = {};
    this.layerOn = {};
    this.timeless = {};
    this.handlers = {};
    this.target = outsideTarget();
    (cfg.map.timeless || []).forEach(function (id) { this.timeless[id] = true; }, this);
  }

  AtlasMap.prototype.on = function (name, fn) {
    (this.handlers[name] = this.handlers[name] || []).push(fn);
    return this;
  };

  AtlasMap.prototype.emit = function (name, arg) {
    (this.handlers[name] || []).forEach(function (fn) { fn.call(this, arg); }, this);
  };

  AtlasMap.prototype.readUrl = function () {
    var q = (this.params = new URLSearchParams(window.location.search));
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

  /* The URL keeps the view; the hash is kept as it is (WordPress passes its embed secret there).
   * Controls add their own parameters through the "url" event. */
  AtlasMap.prototype.writeUrl = function () {
    if (this.cfg.follower) return;
    var q = new URLSearchParams();
    if (Atlas.lang !== "en") q.set("lang", Atlas.lang);
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
    this.emit("url", q);
    var url = window.location.pathname + "?" + q.toString() + window.location.hash;
    // Sandboxed frames (an opaque origin) and some file:// browsers refuse: the map works on.
    try { window.history.replaceState(null, "", url); } catch (e) { /* keep the old URL */ }
    this.emit("urlchange", url);
  };

  AtlasMap.prototype.styleFor = function (p, layerId) {
    var s = this.cfg.styles;
    var grade = s.certainty[p.certainty];
    var color = (layerId === "context" && s.contextKinds[p.kind]) || s.layers[layerId].color;
    var water = p.kind === "lake";
    // Plans are schematic zones whatever their grade: the dash tells the certainty, the fill
    // must stay strong enough to read the plan under the settlements drawn above it.
    var plan = p.kind === "plan_zone" || p.kind === "plan_variant";
    // The context is the base map: thinner and lighter; its lines and areas lie in a pane below
    // the thematic layers (its points stay above them, to be clicked).
    var base = layerId === "context" ? s.base : { weight: 1, opacity: 1 };
    return {
      color: color, weight: (p.kind === "river" ? 3 : plan ? 2.5 : grade.weight) * base.weight,
      opacity: (plan ? 0.95 : grade.opacity) * base.opacity, dashArray: grade.dashArray, fillColor: color,
      fillOpacity: water ? 0.3 : plan ? Math.max(grade.fillOpacity, 0.22) : grade.fillOpacity,
    };
  };

  /* A point's uncertainty ring recedes to a hairline without fill, so that sixty rings do not veil
   * the map; it shows at full strength while the feature is hovered, keyboard-focused (in the
   * feature list or anywhere a [data-feature] element takes focus) or selected. */
  AtlasMap.prototype.ring = function (rec, why, on) {
    if (!rec || !rec.ring) return;
    rec.hot[why] = on;
    var hot = rec.hot.hover || rec.hot.focus || rec.hot.select;
    rec.ring.setStyle(this.cfg.styles.ring[hot ? "active" : "rest"]);
    if (hot) rec.ring.bringToFront();
  };

  AtlasMap.prototype.popupFor = function (rec) {
    var p = rec.feature.properties;
    var cfg = this.cfg;
    var t = Atlas.t;
    // Descriptions, notes and sources are English whatever the page language.
    var en = Atlas.lang === "en" ? null : "en";
    var body = el("div", { className: "atlas-popup" });
    var heading = el("h2", { text: p.name, lang: en });
    if (p.name_ru) heading.appendChild(el("span", { className: "atlas-ru", lang: "ru", text: " (" + p.name_ru + ")" }));
    body.appendChild(heading);
    var status = p.status === "planned" ? t(" · planned, never built") : p.status === "partly_built" ? t(" · partly built") : "";
    body.appendChild(el("p", { className: "atlas-meta", text: Atlas.layerTitle(cfg, rec.layer) + " · " + spanLabel(p) + status }));
    if (p.population && p.population.length) {
      var pop = el("ul", { className: "atlas-pop" });
      p.population.forEach(function (r) {
        pop.appendChild(el("li", {}, [(r.approx ? t("about ") : "") + t("{n} people, {year}", { n: number(r.value), year: r.year }),
          r.what ? el("span", { lang: en, text: " (" + r.what + ")" }) : null, " — " + sourceLabel(r.source, cfg.works)]));
      });
      body.appendChild(el("p", { className: "atlas-label", text: t("Population") }));
      body.appendChild(pop);
    }
    body.appendChild(el("p", { text: p.description, lang: en }));
    body.appendChild(el("p", { className: "atlas-certainty" }, [
      el("strong", { text: t("Position: ") }),
      t("grade." + p.certainty, null, cfg.styles.certainty[p.certainty].label) +
        (p.uncertainty_m ? t(", ±{m} m", { m: number(p.uncertainty_m) }) : "") + ". ",
      el("span", { text: p.location_basis, lang: en }),
    ]));
    if (p.conflicts) {
      body.appendChild(el("p", { className: "atlas-conflict" }, [
        el("strong", { text: t("Sources disagree: ") }), el("span", { text: p.conflicts, lang: en })]));
    }
    // A web page cited as a source is linked, so the reader can check it.
    var sources = el("span", { lang: en });
    p.sources.forEach(function (s, i) {
      if (i) sources.appendChild(document.createTextNode("; "));
      sources.appendChild(document.createTextNode(sourceLabel(s, cfg.works)));
      if (s.url && /^https?:\/\//.test(s.url)) {
        sources.appendChild(document.createTextNode(" "));
        sources.appendChild(el("a", { href: s.url, target: this.target, rel: "noopener", text: s.url.replace(/^https?:\/\/(www\.)?/, "").split("/")[0] }));
      }
    }, this);
    body.appendChild(el("p", { className: "atlas-sources" }, [el("strong", { text: t("Sources: ") }), sources]));
    var events = store[rec.layer].events[p.id] || [];
    if (events.length) {
      body.appendChild(el("p", { className: "atlas-label", text: t("Chronology") }));
      var list = el("ul", { className: "atlas-events" });
      events.forEach(function (e) {
        list.appendChild(el("li", {}, [
          el("a", { href: cfg.map.chronologyUrl + "#e-" + e.id, target: this.target, lang: en, text: e.date + " — " + e.title }),
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
    style.pane = layerId === "context" && feature.geometry.type !== "Point" ? "atlas-base" : "overlayPane";
    var leaf;
    if (feature.geometry.type === "Point") {
      var ll = L.latLng(feature.geometry.coordinates[1], feature.geometry.coordinates[0]);
      var parts = [];
      if (p.uncertainty_m > 0) {
        var ring = L.circle(ll, L.extend({ radius: p.uncertainty_m, color: style.color, fillColor: style.color,
          dashArray: style.dashArray || "4 4", interactive: false, pane: style.pane, className: "atlas-ring" },
          this.cfg.styles.ring.rest));
        parts.push(ring);
      }
      // A hill is a summit, drawn as a peak (atlas-map.css): the book gives no outline to draw.
      parts.push(p.kind === "hill"
        ? L.marker(ll, { keyboard: false, icon: L.divIcon({ className: "atlas-peak", iconSize: [14, 12] }) })
          .on("add", function () { this.getElement().style.borderBottomColor = style.color; })
        : L.circleMarker(ll, { radius: layerId === "context" ? 5 : 6, color: "#fff", weight: 1.5,
          fillColor: style.color, fillOpacity: 0.95, opacity: 1, pane: style.pane }));
      leaf = L.featureGroup(parts);
    } else {
      leaf = L.geoJSON(feature, { style: function () { return style; }, pane: style.pane });
    }
    var rec = { feature: feature, layer: layerId, leaf: leaf, style: style, ring: ring, hot: {},
      start: yearOf(p.start), end: yearOf(p.end) };
    leaf.on("mouseover", function () { self.ring(rec, "hover", true); });
    leaf.on("mouseout", function () { self.ring(rec, "hover", false); });
    leaf.bindTooltip(el("span", { text: Atlas.placeName(p), lang: Atlas.placeLang(p) }), { sticky: feature.geometry.type !== "Point" });
    leaf.bindPopup(function () { return self.popupFor(rec); }, { maxWidth: 320, autoPanPadding: [20, 20] });
    leaf.on("popupopen", function () {
      self.ring(rec, "select", true);
      self.feature = p.id;
      self.writeUrl();
      self.emit("select", p.id);
    });
    leaf.on("popupclose", function () {
      self.ring(rec, "select", false);
      if (self.feature === p.id) { self.feature = null; self.writeUrl(); self.emit("select", null); }
    });
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
    this.emit("update");
  };

  AtlasMap.prototype.setYear = function (year, fromPeer) {
    this.year = year;
    this.update();
    this.writeUrl();
    if (!fromPeer) {
      instances.forEach(function (other) { if (other !== this) other.setYear(year, true); }, this);
    }
  };

  AtlasMap.prototype.setLayer = function (layerId, on) {
    this.layerOn[layerId] = on;
    this.update();
    this.writeUrl();
  };

  AtlasMap.prototype.focusFeature = function (id, openPopup) {
    var rec = this.byId[id];
    if (!rec) return;
    if (!this.layerOn[rec.layer]) this.setLayer(rec.layer, true);
    var bounds = rec.leaf.getBounds();
    if (!this.view) this.map.fitBounds(bounds, { maxZoom: Math.max(this.map.getZoom(), 14), padding: [30, 30], animate: false });
    rec.leaf.eachLayer(function (l) { if (l.setStyle && l.options.interactive !== false) l.setStyle({ weight: 5 }); });
    if (openPopup && this.groups[rec.layer].hasLayer(rec.leaf)) rec.leaf.openPopup(bounds.getCenter());
  };

  // Inside a frame the wheel scrolls the host page until the reader clicks into the map.
  AtlasMap.prototype.avoidScrollTrap = function () {
    if (!isFramed()) return;
    var map = this.map;
    map.scrollWheelZoom.disable();
    map.on("click focus", function () { map.scrollWheelZoom.enable(); });
    map.on("mouseout blur", function () { map.scrollWheelZoom.disable(); });
  };

  // Leaflet's scale bar: on a page in another language, metric only and in its words.
  if (Atlas.lang !== "en" && window.L && L.Control.Scale) {
    var updateScale = L.Control.Scale.prototype._updateScale;
    L.Control.Scale.prototype._updateScale = function (scale, text, ratio) {
      if (scale === this._iScale) { scale.style.display = "none"; return; }
      updateScale.call(this, scale, text.replace(/ (k?m)$/, function (all, unit) { return " " + Atlas.t(unit); }), ratio);
    };
  }

  // Leaflet's own words (zoom buttons, the popup's close button) in the page language.
  AtlasMap.prototype.translateLeaflet = function () {
    var container = this.map.getContainer();
    [["in", "Zoom in"], ["out", "Zoom out"]].forEach(function (b) {
      var button = container.querySelector(".leaflet-control-zoom-" + b[0]);
      if (button) { button.title = Atlas.t(b[1]); button.setAttribute("aria-label", Atlas.t(b[1])); }
    });
    this.map.on("popupopen", function (e) {
      var close = e.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) close.setAttribute("aria-label", Atlas.t("Close popup"));
    });
  };

  AtlasMap.prototype.start = function () {
    var self = this;
    this.readUrl();
    this.map.createPane("atlas-base");  // the context, below the thematic layers (z-index in the CSS)
    var container = this.map.getContainer();
    ["focusin", "focusout"].forEach(function (type) {
      container.addEventListener(type, function (e) {
        var id = e.target.getAttribute && e.target.getAttribute("data-feature");
        if (id) self.ring(self.byId[id], "focus", type === "focusin");
      });
    });
    this.cfg.layers.forEach(function (layer) {
      this.groups[layer.id] = L.featureGroup().addTo(this.map);
      store[layer.id].features.forEach(function (f) { this.drawFeature(f, layer.id); }, this);
    }, this);
    this.map.attributionControl.setPrefix(false);
    // Our own markup (render.ATTRIBUTION, or its translation in strings.js), never text from the data.
    this.map.attributionControl.addAttribution(Atlas.t("attribution", null, this.cfg.attribution));
    this.translateLeaflet();
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

  // ---- controls ----------------------------------------------------------------------------
  Atlas.control = function (name, setUp) { controls[name] = setUp; };

  /* Called by each control's Python element after the map is mounted. A control renders the
   * current state at once, then follows the map's events. */
  Atlas.use = function (name, atlas, options) {
    if (!controls[name]) throw new Error("atlas: no control '" + name + "' (is atlas/" + name + ".js loaded?)");
    controls[name](atlas, options || {});
    atlas.writeUrl();
  };

  /* The panel at the top right that the legend, the feature list and the share box share:
   * one box, each control a <details> of its own. */
  Atlas.panel = function (atlas) {
    if (!atlas.panelBox) {
      atlas.panelBox = el("div", { className: "atlas-panel leaflet-bar" });
      control(atlas.map, atlas.panelBox, "topright");
    }
    return atlas.panelBox;
  };
})();
