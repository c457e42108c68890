// Registers the service worker (/sw.js) that keeps public pages for reading offline.
//
// The worker's address names the build: a short hash of the page's own /pkg/ files, whose
// names cargo-leptos derives from their contents. A release changes them, so the browser
// installs a new worker, which drops the caches of the one before. Nothing needs bumping
// by hand. Loaded with `defer`, so the document's links are all there when this runs.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) {
    return;
  }
  var names = [];
  var links = document.querySelectorAll('link[href^="/pkg/"], script[src^="/pkg/"]');
  for (var i = 0; i < links.length; i++) {
    var url = links[i].getAttribute("href") || links[i].getAttribute("src");
    if (names.indexOf(url) < 0) {
      names.push(url);
    }
  }
  names.sort();
  // FNV-1a, 32 bits: short and stable; it only has to change when the names do.
  var hash = 0x811c9dc5;
  var text = names.join("\n");
  for (var j = 0; j < text.length; j++) {
    hash ^= text.charCodeAt(j);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  var script = names.length ? "/sw.js?v=" + hash.toString(36) : "/sw.js";
  navigator.serviceWorker
    .register(script, { scope: "/", updateViaCache: "none" })
    .catch(function (error) {
      // Offline, or a browser that refuses (private windows): the site works without it.
      console.info("Service worker not registered:", error && error.message);
    });
})();
