/* Guided tours: every map page carries only this stub. The player (tour-player.js) is loaded when
 * the URL asks for a tour (?tour=) or the reader opens "Make a tour", so a page without a tour
 * stays light. */
(function (Atlas) {
  "use strict";
  var script = document.currentScript;
  var player = script ? script.src.replace(/tour\.js([?#].*)?$/, "tour-player.js") : "../assets/atlas/tour-player.js";

  Atlas.control("tour", function (atlas) {
    var make = Atlas.dom.el("details", { className: "atlas-tour-make" }, [Atlas.dom.el("summary", { text: Atlas.t("Make a tour") })]);
    var loading = false;
    Atlas.panel(atlas).appendChild(make);
    function load() {
      if (loading) return;
      loading = true;
      var s = Atlas.dom.el("script", { src: player });
      s.onload = function () { Atlas.tourPlayer(atlas, make); };
      document.head.appendChild(s);
    }
    if (atlas.params.get("tour") !== null) load();
    make.addEventListener("toggle", function () { if (make.open) load(); });
  });
})(window.MagnitogorskAtlas);
