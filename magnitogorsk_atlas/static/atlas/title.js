/* Title control: the map's name and the way out of the frame, top left. */
(function (Atlas) {
  "use strict";
  var el = Atlas.dom.el;

  Atlas.control("title", function (atlas) {
    var cfg = atlas.cfg.map;
    var title = cfg.sideTitle ? Atlas.t("side." + cfg.domId, null, cfg.sideTitle) : Atlas.t("map." + cfg.id, null, cfg.title);
    var box = el("div", { className: "atlas-title" }, [el("h1", { text: title })]);
    if (!atlas.cfg.follower) {
      // Inside the atlas's own pages the link opens the map full-window; elsewhere it leads to
      // the map's page in the atlas; alone, to the story around the map.
      var inAtlas = atlas.target === "_top";
      var link = box.appendChild(el("a", { className: "atlas-open", target: atlas.target,
        href: inAtlas ? window.location.pathname + window.location.search
          : Atlas.lang === "ru" && cfg.pageUrlRu ? cfg.pageUrlRu : cfg.pageUrl,
        text: Atlas.t(inAtlas ? "Full-window map ↗" : Atlas.dom.isFramed() ? "Open in the atlas ↗" : "About this map") }));
      if (inAtlas) atlas.on("urlchange", function (url) { link.href = url; });
    }
    Atlas.dom.control(atlas.map, box, "topleft");
  });
})(window.MagnitogorskAtlas);
