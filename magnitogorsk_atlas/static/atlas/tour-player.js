/* Guided tours, loaded by tour.js only when a tour is asked for: the step panel
 * (?tour=<id>&step=<n>) and "Add this view to a tour". Built-in tours come from data/tours.js,
 * loaded with it. A teacher's tour
 * lives in its link: "u1." + base64url(UTF-8 JSON [title, [[map, year, lat, lon, zoom, feature,
 * note], ...]]). Anything read from a link is checked and only ever shown through textContent. */
(function (Atlas) {
  "use strict";
  var el = Atlas.dom.el, t = Atlas.t;
  var MAX = 6000, MAX_STEPS = 20, data = null, waiting = [];

  Atlas.tours = function (d) { data = d; waiting.splice(0).forEach(function (fn) { fn(); }); };
  function withData(fn) {
    if (data) return fn();
    if (waiting.push(fn) > 1) return;
    var s = el("script", { src: "data/tours.js" });
    s.onerror = function () { Atlas.tours({ failed: true, tours: {}, maps: {} }); };
    document.head.appendChild(s);
  }

  function encode(tour) {
    var json = JSON.stringify([tour.title, tour.steps.map(function (s) {
      return [s.map, s.year, s.view[0], s.view[1], s.view[2], s.feature || "", s.text]; })]);
    var bin = "";
    new TextEncoder().encode(json).forEach(function (b) { bin += String.fromCharCode(b); });
    return "u1." + btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function bad() { return t("This tour link is damaged, incomplete or names a map or place the atlas does not have."); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function num(v, lo, hi, whole) { return typeof v === "number" && v >= lo && v <= hi && (!whole || v % 1 === 0); }

  // A tour from the ?tour= value, or a thrown message for the reader.
  function decode(param, atlas) {
    if (data.failed) throw t("The tours could not be loaded.");
    if (param.length > MAX) throw t("This tour link is too long (over {n} characters).", { n: Atlas.format.number(MAX) });
    var m = /^u(\d+)\.(.*)$/.exec(param), raw;
    if (!m) {
      var own = has(data.tours, param) && data.tours[param];
      if (!own) throw t("There is no tour called “{id}”.", { id: param.slice(0, 40) });
      return { param: param, title: own.title, steps: own.steps };
    }
    if (m[1] !== "1") throw t("This tour link was made by another version of the atlas.");
    try {
      var bin = atob(m[2].replace(/-/g, "+").replace(/_/g, "/"));
      raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, function (c) { return c.charCodeAt(0); })));
    } catch (e) { throw bad(); }
    var ok = Array.isArray(raw) && raw.length === 2 && typeof raw[0] === "string" && raw[0].length <= 120 &&
      Array.isArray(raw[1]) && raw[1].length >= 1 && raw[1].length <= MAX_STEPS;
    var steps = ok ? raw[1].map(function (s) {
      ok = ok && Array.isArray(s) && s.length === 7 && has(data.maps, s[0]) &&
        num(s[1], 1700, 2000, true) && num(s[2], -90, 90) && num(s[3], -180, 180) && num(s[4], 9, 18, true) &&
        typeof s[5] === "string" && (!s[5] || (s[0] === atlas.cfg.map.id ? atlas.byId[s[5]] : /^[a-z][a-z0-9_]*$/.test(s[5]))) &&
        typeof s[6] === "string" && s[6].length <= 500;
      return ok && { map: s[0], year: s[1], view: [s[2], s[3], s[4]], feature: s[5], text: s[6] };
    }) : [];
    if (!ok) throw bad();
    return { param: param, mine: true, title: raw[0], steps: steps };
  }

  // `make` is the "Make a tour" box tour.js put in the map's panel.
  Atlas.tourPlayer = function (atlas, make) {
    var map = atlas.map, cfg = atlas.cfg.map, box = map.getContainer();
    var tour = null, index = 0, hit = null;
    var name = el("p", { className: "atlas-tour-name" }), count = el("p", { className: "atlas-tour-top" }), close = el("button", { type: "button", className: "atlas-tour-x", text: "×", "aria-label": t("End the tour") });
    var heading = el("h2", { tabindex: "-1" }), text = el("p"), meta = el("p", { className: "atlas-meta" });
    var prev = el("button", { type: "button", text: "← " + t("Previous") });
    var next = el("button", { type: "button", text: t("Next") + " →" });
    var msg = el("p", { role: "status", className: "atlas-tour-msg" });
    var body = el("div", { hidden: true }, [
      name, count, heading,
      el("div", { className: "atlas-tour-text", tabindex: "0", role: "region", "aria-label": t("Step text") }, [text, meta]),
      el("p", { className: "atlas-tour-nav" }, [prev, next])]);
    var panel = el("section", { className: "atlas-tour leaflet-bar", "aria-label": t("Guided tour"), hidden: true }, [close, msg, body]);
    Atlas.dom.control(map, panel, "bottomleft");

    function say(text) { msg.textContent = text || ""; panel.hidden = !tour && !text; }
    function mark(on) {
      if (hit) hit.leaf.eachLayer(function (l) {
        var e = l.getElement && l.getElement();
        if (e && l.options.interactive !== false) e.classList.toggle("atlas-tour-hit", on);
      });
    }
    function go(i) {
      var q = new URLSearchParams();
      if (Atlas.lang !== "en") q.set("lang", Atlas.lang);
      q.set("tour", tour.param); q.set("step", i + 1); q.set("tf", "1");
      window.location.href = tour.steps[i].map + ".html?" + q + window.location.hash;
    }
    function show(i) {
      var s = tour.steps[i];
      if (s.map !== cfg.id) return go(i);
      index = i;
      mark(false);
      hit = (s.feature && atlas.byId[s.feature]) || null;
      if (hit && !atlas.layerOn[hit.layer]) atlas.layerOn[hit.layer] = true;
      atlas.setYear(Math.min(cfg.years[1], Math.max(cfg.years[0], s.year)));
      panel.hidden = body.hidden = false;
      box.classList.add("atlas-touring");
      // The atlas's own tours are written in English; a teacher's tour is in whatever language it was typed.
      var textLang = !tour.mine && Atlas.lang !== "en" ? "en" : null;
      [name, heading, text].forEach(function (node) {
        if (textLang) node.setAttribute("lang", textLang); else node.removeAttribute("lang");
      });
      name.textContent = tour.title;
      count.textContent = t("Step {n} of {m} · {year}", { n: i + 1, m: tour.steps.length, year: s.year });
      heading.textContent = s.title || (hit ? Atlas.placeName(hit.feature.properties) : t("map." + cfg.id, null, cfg.title));
      text.textContent = s.text;
      meta.textContent = s.pages ? "Kotkin 1995, " + s.pages.map(Atlas.format.pagesLabel).join("; ") : "";
      prev.disabled = i === 0;
      next.disabled = i === tour.steps.length - 1;
      // Keep the attribution readable where the panel spans the frame.
      var a = map.attributionControl.getContainer();
      panel.style.marginBottom = panel.getBoundingClientRect().right > a.getBoundingClientRect().left ? a.offsetHeight + 4 + "px" : "";
      box.setAttribute("data-tour-feature", hit ? s.feature : "");
      if (s.view) map.setView([s.view[0], s.view[1]], s.view[2], { animate: false });
      else if (hit) map.fitBounds(hit.leaf.getBounds(), { maxZoom: 15, animate: false,
        paddingTopLeft: [10, 40], paddingBottomRight: [10, panel.offsetHeight + 10] });
      mark(true);
    }
    function move(d) { if (tour && tour.steps[index + d]) show(index + d); }
    function end() {
      mark(false); tour = hit = null;
      body.hidden = panel.hidden = true;
      box.classList.remove("atlas-touring");
      box.removeAttribute("data-tour-feature");
      atlas.writeUrl();
      box.focus();
    }
    prev.addEventListener("click", function () { move(-1); if (prev.disabled) next.focus(); });
    next.addEventListener("click", function () { move(1); if (next.disabled) prev.focus(); });
    close.addEventListener("click", function () { say(); if (tour) end(); else panel.hidden = true; });
    // Arrow keys step through the tour, except where they already mean something (fields, the map).
    document.addEventListener("keydown", function (e) {
      var d = { ArrowLeft: -1, ArrowRight: 1 }[e.key];
      if (!tour || !d || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.target === box ||
          /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
      e.preventDefault();
      move(d);
    });
    atlas.on("update", function () { mark(true); });
    atlas.on("url", function (q) { if (tour) { q.set("tour", tour.param); q.set("step", String(index + 1)); } });

    // ---- a teacher's tour ----------------------------------------------------------------------
    var title = el("input", { type: "text", maxlength: "120" });
    var note = el("textarea", { rows: "2", maxlength: "500" });
    var add = el("button", { type: "button", text: t("Add this view to a tour") });
    var link = el("input", { type: "text", readonly: true });
    var others = el("ul");
    var made = el("div", { hidden: true }, [el("label", {}, [t("Link to your tour"), link]),
      el("p", { text: t("Continue on another map:") }), others]);
    [el("label", {}, [t("Tour title"), title]), el("label", {}, [t("Your note for this step (plain text)"), note]), add, made]
      .forEach(function (n) { make.appendChild(n); });
    add.addEventListener("click", function () {
      withData(function () {
        var mine = tour && tour.mine ? tour : { mine: true, steps: [] };
        var c = map.getCenter();
        var steps = mine.steps.concat([{ map: cfg.id, year: atlas.year, feature: atlas.feature || "", text: note.value.trim(),
          view: [+c.lat.toFixed(4), +c.lng.toFixed(4), map.getZoom()] }]);
        var draft = { mine: true, title: title.value.trim(), steps: steps };
        draft.param = encode(draft);
        if (steps.length > MAX_STEPS) return say(t("A tour holds at most {n} steps.", { n: MAX_STEPS }));
        if (draft.param.length > MAX) return say(t("This tour is full: a tour link holds at most {n} characters. Shorten the notes.", { n: Atlas.format.number(MAX) }));
        say();
        tour = draft;
        note.value = "";
        show(steps.length - 1);
      });
    });
    atlas.on("urlchange", function () {
      made.hidden = !(tour && tour.mine);
      if (made.hidden) return;
      link.value = window.location.href.split("#")[0];
      others.textContent = "";
      Object.keys(data.maps).forEach(function (id) {
        if (id === cfg.id) return;
        var q = new URLSearchParams({ tour: tour.param, step: String(tour.steps.length), edit: "1" });
        others.appendChild(el("li", {}, [el("a", { href: id + ".html?" + q, text: t("map." + id, null, data.maps[id]) })]));
      });
    });

    var param = atlas.params.get("tour");
    if (param !== null) withData(function () {
      try { tour = decode(param, atlas); } catch (e) { return say(String(e)); }
      var n = Math.min(tour.steps.length, Math.max(1, parseInt(atlas.params.get("step"), 10) || 1));
      if (tour.mine) title.value = tour.title;
      // "Continue on another map" opens the tour here to add to it, without going back to its last step.
      if (tour.mine && atlas.params.get("edit")) {
        index = tour.steps.length - 1;
        say(t("Steps in your tour so far: {n}. Choose a view on this map and add it.", { n: tour.steps.length }));
        return atlas.writeUrl();
      }
      show(n - 1);
      if (atlas.params.get("tf")) heading.focus();
    });
  };
})(window.MagnitogorskAtlas);
