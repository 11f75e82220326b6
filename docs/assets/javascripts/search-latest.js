/* Search shows the answer to the latest query only.
 *
 * Material's page posts each query to the search worker and shows each answer it gets back with
 * whatever is in the search box at that moment; answers carry no query. When the worker becomes
 * ready, the page posts the box's value, often still empty. If the answer to that empty query
 * (no results) arrives after the user has typed, the page shows "没有找到符合条件的结果" for the
 * typed query until the real answer comes. A test that waits for results or that message then
 * read an empty list (tests/site/test_search_latest.py reproduces it).
 *
 * The patched worker names the query in each answer (search-prebuilt.js, answer(): hbQuery).
 * This file wraps the Worker class (the file:// stand-in of iframe-worker.js too, which is
 * loaded first) and drops an answer that names another query than the one posted last, before
 * Material's listener sees it. Answers without a name (a worker not patched) pass as before.
 */
(function () {
  "use strict";
  var Base = window.Worker;
  if (typeof Base !== "function") return;
  var SEARCH_QUERY = 2, SEARCH_RESULT = 3; // Material's message types

  class LatestAnswerWorker extends Base {
    constructor(url, options) {
      super(url, options);
      var worker = this;
      this._hbLatest = undefined;
      this.addEventListener("message", function (event) {
        var message = event.data, data = message && message.data;
        if (message && message.type === SEARCH_RESULT && data && "hbQuery" in data && data.hbQuery !== worker._hbLatest) {
          event.stopImmediatePropagation();
        }
      });
    }

    postMessage(message) {
      if (message && message.type === SEARCH_QUERY) this._hbLatest = message.data;
      return super.postMessage.apply(this, arguments);
    }
  }

  window.Worker = LatestAnswerWorker;
})();
