// Progressive enhancement only: every page works without this file.
(function () {
  if (window.DKFDS && typeof window.DKFDS.init === 'function') window.DKFDS.init();
})();
