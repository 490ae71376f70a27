/* Site pages (not the maps): copy buttons, absolute embed URLs, the chronology filter. */
(function () {
  "use strict";

  // Embed codes are written with relative URLs (the site may live under any path);
  // a teacher needs the absolute one, which only the browser knows.
  document.querySelectorAll("textarea.atlas-code[data-map-url]").forEach(function (box) {
    var relative = box.getAttribute("data-map-url");
    var absolute = new URL(relative, window.location.href).href;
    box.value = box.value.split('"' + relative + '"').join('"' + absolute + '"');
  });
  document.querySelectorAll("[data-citation]").forEach(function (span) {
    var relative = span.getAttribute("data-citation");
    span.textContent = span.textContent.replace(relative, new URL(relative, window.location.href).href);
  });

  document.querySelectorAll("button.atlas-copy[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var box = document.getElementById(button.getAttribute("data-copy"));
      var done = function () { button.textContent = "Copied"; };
      box.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(box.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });

  // Chronology: without JavaScript every entry shows; with it, a layer filter appears.
  var form = document.querySelector("form.atlas-filter");
  if (form) {
    var entries = document.querySelectorAll("article.atlas-entry[data-layers]");
    var count = form.querySelector(".atlas-filter-count");
    var apply = function () {
      var on = {};
      form.querySelectorAll("input[name=layer]").forEach(function (box) { on[box.value] = box.checked; });
      var shown = 0;
      entries.forEach(function (entry) {
        var visible = entry.getAttribute("data-layers").split(" ").some(function (l) { return on[l]; });
        entry.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown + " of " + entries.length + " entries shown";
    };
    form.hidden = false;
    form.addEventListener("change", apply);
    apply();
  }

  // Material 9.8's search dialog has no accessible name (an axe "serious" finding).
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search the atlas");
})();
