/* The map pages' UI strings. The English text is the key: Atlas.t(key) falls back to it, so the
 * English table only lists what differs. Every other language is a file of its own,
 * strings.<lang>.js, mapping every key the controls use (tests/test_russian.py finds them by reading
 * the Atlas.t("...") calls); it is loaded only on a page asked for in that language (?lang=ru), so an
 * English page carries none of it. Loaded before the core.
 * Optional keys: "layer.<id>", "grade.<A-D>", "map.<id>", "side.<dom id>" (their English text comes
 * from the page's config). */
(function (Atlas) {
  "use strict";
  var LANGUAGES = ["ru"];
  Atlas.strings = { en: {} };
  var lang = new URLSearchParams(window.location.search).get("lang");
  var me = document.currentScript;
  // document.write keeps the order: the table runs before the core reads Atlas.strings.
  if (LANGUAGES.indexOf(lang) !== -1 && me && me.src) {
    document.write('<script src="' + me.src.replace(/strings\.js([?#].*)?$/, "strings." + lang + ".js") + '"><\/script>');
  }
})(window.MagnitogorskAtlas = window.MagnitogorskAtlas || {});
