/* A stand-in for Web Workers on pages opened from disk (file://).
 *
 * Chromium refuses `new Worker(...)` for scripts on file://, and Material runs its search in a
 * worker, so the search box would stay dead offline. This file runs the worker script in a
 * hidden iframe of the same page instead and relays messages both ways. It is listed under a
 * path containing "iframe-worker", which stops Material's offline plugin from adding its own
 * shim from a CDN. Served over http(s), it does nothing and the browser's Worker is used.
 *
 * What a worker script may use here: addEventListener("message"), postMessage(data) and
 * importScripts(...urls), which returns a Promise (Material's worker awaits it).
 */
(function () {
  "use strict";
  if (window.location.protocol !== "file:") return;

  // From disk, Material loads the search index (search/search_index.js, 3.5 MB) with a <script>
  // it adds once its components are mounted, near DOMContentLoaded, and the search waits for it.
  // Asked for here, at the top of <head>, the file is read and compiled while the page is still
  // being laid out, and Material's <script> finds it ready (bench_search_ready.py: the first
  // result 50-200 ms sooner). Over http Material reads search_index.json instead: nothing to do.
  var thisScript = document.currentScript; // assets/javascripts/iframe-worker.js
  if (thisScript && thisScript.src) {
    var preload = document.createElement("link");
    preload.rel = "preload";
    preload.as = "script";
    preload.href = new URL("../../search/search_index.js", thisScript.src).href;
    document.head.appendChild(preload);
  }

  function loadScript(frameDocument, src) {
    return new Promise(function (resolve, reject) {
      var script = frameDocument.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("iframe-worker: cannot load " + src)); };
      (frameDocument.head || frameDocument.documentElement).appendChild(script);
    });
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this._pending = [];
      this._started = false;

      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.title = "worker";
      frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(frame);
      this._frame = frame;

      var self = this;
      var scope = frame.contentWindow;
      var scriptUrl = new URL(url, window.location.href).href;

      // Worker -> page. structuredClone copies the data into this window, as a real worker would.
      scope.postMessage = function (data) {
        var copy = window.structuredClone(data);
        window.setTimeout(function () { self._emit(new MessageEvent("message", { data: copy })); }, 0);
      };
      // Loads scripts in order; the worker awaits the returned Promise.
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, src) {
          return done.then(function () {
            return loadScript(scope.document, new URL(src, scriptUrl).href);
          });
        }, Promise.resolve());
      };

      loadScript(scope.document, scriptUrl).then(
        function () {
          self._started = true;
          self._pending.splice(0).forEach(function (data) { self.postMessage(data); });
        },
        function (error) {
          self._emit(new ErrorEvent("error", { message: error.message }));
        }
      );
    }

    // Page -> worker: a message event on the iframe's window, where the worker listens.
    postMessage(data) {
      if (!this._started) {
        this._pending.push(data);
        return;
      }
      var scope = this._frame.contentWindow;
      performance.mark("hb:copy to worker");
      var event = new scope.MessageEvent("message", { data: scope.structuredClone(data) });
      performance.mark("hb:copied");
      window.setTimeout(function () { scope.dispatchEvent(event); }, 0);
    }

    terminate() {
      this._frame.remove();
    }

    _emit(event) {
      this.dispatchEvent(event);
      var handler = this["on" + event.type];
      if (typeof handler === "function") handler.call(this, event);
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
