/* Feature list: a keyboard- and screen-reader-usable list of what the map shows in the chosen year. */
(function (Atlas) {
  "use strict";
  var el = Atlas.dom.el;

  Atlas.control("features", function (atlas) {
    var summary = el("summary", {});
    var list = el("ul", { className: "atlas-list" });
    Atlas.panel(atlas).appendChild(el("details", { className: "atlas-features" }, [summary, list]));

    function render() {
      var shown = atlas.shown().filter(function (r) { return r.layer !== "context"; });
      shown.sort(function (a, b) { return Atlas.placeName(a.feature.properties).localeCompare(Atlas.placeName(b.feature.properties)); });
      summary.textContent = Atlas.t("Features in {year} ({n})", { year: atlas.year, n: shown.length });
      list.textContent = "";
      shown.forEach(function (r) {
        var p = r.feature.properties;
        var button = el("button", { type: "button", "data-feature": p.id }, [
          el("span", { className: "atlas-swatch", style: "background:" + r.style.color }),
          el("span", { text: Atlas.placeName(p), lang: Atlas.placeLang(p) }),
          // On a Russian page the Russian name comes with the English one the atlas's texts use.
          Atlas.placeLang(p) === "ru" ? el("span", { lang: "en", text: " (" + p.name + ")" }) : null,
          el("small", { text: " " + Atlas.format.spanLabel(p) + " · " + Atlas.t("certainty {grade}", { grade: p.certainty }) }),
        ]);
        button.addEventListener("click", function () {
          atlas.view = null;
          atlas.focusFeature(p.id, true);
        });
        list.appendChild(el("li", {}, [button]));
      });
    }
    atlas.on("update", render);
    render();
  });
})(window.MagnitogorskAtlas);
