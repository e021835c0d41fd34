/* scopesite serve: reload the page when the site has been rebuilt.

   MkDocs' own live reload is an inline script, which the page's
   Content-Security-Policy rightly blocks. This file does the same long poll from
   the site itself; only `scopesite serve` (or `mkdocs serve` with the scopesite
   plugin) writes it and puts it on its pages, with the build the page came from
   (data-epoch) and an id for this page load (data-request-id) on its tag. */
(function () {
  "use strict";

  var tag = document.currentScript;
  var epoch = Number(tag.dataset.epoch);
  var url = "/livereload/" + tag.dataset.epoch + "/" + tag.dataset.requestId;
  var request;
  var timer;

  function stop() {
    var pending = request;
    request = undefined;
    clearTimeout(timer);
    timer = undefined;
    if (pending) pending.abort();
  }

  /* The server answers as soon as a newer build is visible, or after a minute
     with the same one; no answer at all means it is restarting: ask again later. */
  function poll() {
    stop();
    var current = new XMLHttpRequest();
    current.onloadend = function () {
      if (current !== request) return; // stopped: a hidden tab does not poll
      if (parseFloat(current.responseText) > epoch) {
        location.reload();
        return;
      }
      timer = setTimeout(poll, current.status === 200 ? 0 : 3000);
    };
    request = current;
    current.open("GET", url);
    current.send();
  }

  function pollWhileVisible() {
    if (document.visibilityState === "visible") poll();
    else stop();
  }

  window.addEventListener("load", pollWhileVisible);
  document.addEventListener("visibilitychange", pollWhileVisible);
  window.addEventListener("pagehide", stop);
})();
