/* Year control: a slider over the atlas's years with a bar chart of events per year. */
(function (Atlas) {
  "use strict";
  var el = Atlas.dom.el, svg = Atlas.dom.svg;

  Atlas.control("year", function (atlas) {
    var cfg = atlas.cfg.map;
    var hist = atlas.cfg.histogram;
    var years = [];
    for (var y = cfg.years[0]; y <= cfg.years[1]; y++) years.push(y);
    var max = Math.max.apply(null, years.map(function (yy) { return hist[yy] || 0; }).concat([1]));
    var chart = svg("svg", { viewBox: "0 0 " + years.length * 10 + " 24", preserveAspectRatio: "none",
      "class": "atlas-hist", "aria-hidden": "true", focusable: "false" });
    var bars = {};
    years.forEach(function (yy, i) {
      var h = Math.round(22 * (hist[yy] || 0) / max);
      var bar = svg("rect", { x: i * 10 + 1, y: 24 - h, width: 8, height: Math.max(h, 0.5) });
      var title = svg("title", {});
      title.textContent = Atlas.t("{year}: {n} events", { year: yy, n: hist[yy] || 0 });
      bar.appendChild(title);
      chart.appendChild(bar);
      bars[yy] = bar;
    });
    var id = cfg.domId + "-year";
    var slider = el("input", { type: "range", id: id, min: cfg.years[0], max: cfg.years[1], step: 1,
      value: atlas.year, "aria-describedby": id + "-help" });
    var out = el("output", { "for": id, className: "atlas-year-value" });
    var box = el("div", { className: "atlas-year leaflet-bar" }, [
      el("label", { "for": id }, [Atlas.t("Year") + " ", out]),
      chart,
      slider,
      el("span", { id: id + "-help", className: "atlas-help", text: Atlas.t("Bars: events per year in the chronology") }),
    ]);
    slider.addEventListener("input", function () { atlas.setYear(parseInt(slider.value, 10)); });
    function render() {
      slider.value = String(atlas.year);
      slider.setAttribute("aria-valuetext", Atlas.t("{year}: {n} features shown", { year: atlas.year, n: atlas.shown().length }));
      out.textContent = String(atlas.year);
      Object.keys(bars).forEach(function (yy) {
        bars[yy].setAttribute("class", parseInt(yy, 10) === atlas.year ? "current" : "");
      });
    }
    atlas.on("update", render);
    render();
    atlas.yearSlider = slider;
    Atlas.dom.control(atlas.map, box, "bottomleft");
  });
})(window.MagnitogorskAtlas);
