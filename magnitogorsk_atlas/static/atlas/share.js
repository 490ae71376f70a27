/* Share box: the link to the view the reader is looking at, and the embed code for it. */
(function (Atlas) {
  "use strict";
  var el = Atlas.dom.el;

  function quote(text) { return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); }

  // The same snippet as outputs.embed_snippet in Python, for the current view.
  function snippet(url, title) {
    return '<iframe src="' + quote(url) + '" title="' + quote(title) + '" width="100%" height="480" ' +
      'loading="lazy" style="border:0" allow="fullscreen; clipboard-write"><a href="' + quote(url) + '">' +
      quote(title) + "</a></iframe>";
  }

  // A frame whose host did not allow clipboard-write may not use the asynchronous clipboard at all.
  function asyncClipboard() {
    if (!navigator.clipboard || !window.isSecureContext) return false;
    var policy = document.permissionsPolicy || document.featurePolicy;
    return !policy || policy.allowsFeature("clipboard-write");
  }

  /* Copy with the asynchronous clipboard where the page may, else with the selection (a frame
   * without clipboard-write, an insecure context); when both fail, the text stays selected and
   * the button says how to copy by hand. */
  function copier(field, button) {
    return function () {
      field.focus();
      field.select();
      var say = function (key) { button.textContent = Atlas.t(key); };
      var bySelection = function () {
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        say(ok ? "Copied" : "Press Ctrl+C to copy");
      };
      if (asyncClipboard()) {
        navigator.clipboard.writeText(field.value).then(function () { say("Copied"); }, bySelection);
      } else {
        bySelection();
      }
    };
  }

  Atlas.control("share", function (atlas) {
    var cfg = atlas.cfg.map;
    var url = el("input", { type: "text", readonly: true, "aria-label": Atlas.t("Link to this view") });
    var code = el("textarea", { readonly: true, rows: 4, "aria-label": Atlas.t("Embed code for this view") });
    var copyUrl = el("button", { type: "button", text: Atlas.t("Copy link") });
    var copyCode = el("button", { type: "button", text: Atlas.t("Copy embed code") });
    copyUrl.addEventListener("click", copier(url, copyUrl));
    copyCode.addEventListener("click", copier(code, copyCode));
    Atlas.panel(atlas).appendChild(el("details", { className: "atlas-share" }, [
      el("summary", { text: Atlas.t("Link and embed this view") }),
      el("p", { text: Atlas.t("The link keeps the year, the layers, the view and the chosen feature.") }),
      url, copyUrl, code, copyCode,
      el("p", { className: "atlas-cite", lang: Atlas.lang === "en" ? null : "en", text: cfg.citation }),
    ]));
    atlas.on("urlchange", function () {
      // The hash is WordPress's embed secret, not part of the view.
      var here = window.location.href.split("#")[0];
      url.value = here;
      code.value = snippet(here, Atlas.t("map." + cfg.id, null, cfg.title));
    });
  });
})(window.MagnitogorskAtlas);
