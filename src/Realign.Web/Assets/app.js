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
})();
