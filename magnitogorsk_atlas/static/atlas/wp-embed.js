/* WordPress embed control: the map inside the frame WordPress makes from a pasted map URL.
 *
 * WordPress puts an oEmbed iframe in sandbox="allow-scripts" (no popups, no top navigation) and
 * adds "#?secret=XXXX" to its src. Its wp-embed.js shows the frame once the page posts its height,
 * and follows a link the page posts if the link stays on the frame's host and the frame has focus.
 * This file speaks that protocol: the height at start, on resize and when WordPress asks
 * ("ready"); and a click on a link that leaves the map becomes a "link" message, since the sandbox
 * can open neither a new tab nor the top window. Without a secret (not in WordPress) it does nothing.
 */
(function (Atlas) {
  "use strict";
  // Read as the page loads: the hash is WordPress's, the query is the map's state.
  var match = /[#?&]secret=([A-Za-z0-9]+)/.exec(window.location.hash);
  var secret = match && window.parent !== window ? match[1] : null;

  function post(message, value) {
    window.parent.postMessage({ message: message, value: value, secret: secret }, "*");
  }

  // Three quarters of the width, within 320-640 px (WordPress clamps to 200-1000).
  var sentWidth = -1;
  function sendHeight(force) {
    var width = window.innerWidth;
    // A scrollbar's worth of width is ignored, or a height that makes the host page scroll could
    // flip its scrollbar, and with it the width and the height, back and forth.
    if (!force && Math.abs(width - sentWidth) < 24) return;
    sentWidth = width;
    post("height", Math.round(Math.min(Math.max(width * 0.75, 320), 640)));
  }

  if (secret) {
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.source === window.parent && data && data.message === "ready" && data.secret === secret) {
        sendHeight(true);
      }
    });
    window.addEventListener("resize", function () { sendHeight(false); });
    // Capture phase: before Leaflet's controls stop the click, and before the browser tries a
    // target the sandbox forbids (which would only log an error).
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link) return;
      var to = new URL(link.href, window.location.href);
      var here = window.location;
      if (!/^https?:$/.test(to.protocol) || to.host !== here.host) return;  // WordPress would not follow it
      if (to.pathname === here.pathname && to.search === here.search) return;  // within the map: zoom, close
      event.preventDefault();
      post("link", to.href);
    }, true);
  }

  Atlas.control("wp-embed", function () {
    if (secret) sendHeight(true);
  });
})(window.MagnitogorskAtlas);
