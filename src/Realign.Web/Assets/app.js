// Keyboard for the inbox: j / k move between suggestions, a accepts, r rejects, e opens "edit and accept".
// Everything works without this script; it only adds shortcuts.
(function () {
  function items() { return Array.prototype.slice.call(document.querySelectorAll('li.suggestion')); }
  var current = -1;
  function select(i) {
    var list = items();
    if (list.length === 0) return;
    current = Math.max(0, Math.min(list.length - 1, i));
    list.forEach(function (el, n) { el.classList.toggle('current', n === current); });
    list[current].focus();
  }
  function click(key) {
    var list = items();
    if (current < 0 || current >= list.length) return;
    var target = list[current].querySelector('[data-key="' + key + '"]');
    if (target) { target.click(); }
  }
  document.addEventListener('keydown', function (e) {
    var tag = (e.target && e.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j') { select(current + 1); e.preventDefault(); }
    else if (e.key === 'k') { select(current - 1); e.preventDefault(); }
    else if (e.key === 'a' || e.key === 'r' || e.key === 'e') { click(e.key); e.preventDefault(); }
  });

  // New suggestions appear without a reload: the inbox asks every few seconds whether anything changed, and when it has
  // (and nobody is typing), puts in the new inbox. Bounded: it stops after an hour on one page. With enhanced navigation
  // (blazor.web.js) the page changes without a load, so the poll starts again on each enhanced load.
  var timer = null;
  function startPoll() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    current = -1;
    var marker = document.querySelector('main[data-inbox-version]');
    if (!marker) return;
    var version = marker.getAttribute('data-inbox-version');
    var rounds = 0;
    timer = setInterval(function () {
      if (++rounds > 1200) { clearInterval(timer); timer = null; return; }
      var active = document.activeElement && document.activeElement.tagName;
      if (active === 'TEXTAREA' || active === 'INPUT' || document.querySelector('details.edit[open]')) return;
      fetch('ui/inbox-version', { credentials: 'same-origin', cache: 'no-store' })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (v) {
          if (v === null || v === version) return null;
          version = v;
          return fetch(location.pathname + location.search, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) { return r.text(); });
        })
        .then(function (html) {
          if (!html) return;
          var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
          var main = document.querySelector('main');
          if (fresh && main) { main.replaceWith(fresh); current = -1; }
        })
        .catch(function () { });
    }, 3000);
  }
  startPoll();
  if (window.Blazor && typeof window.Blazor.addEventListener === 'function') {
    window.Blazor.addEventListener('enhancedload', startPoll);
  }
})();
