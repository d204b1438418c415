// Board: with many units the 单位 filter is a box to type in; as one types, the units whose name
// holds the text are offered (GET /dashboard/units?q=). Without this script the box still works:
// the board takes a unit's code, its name or a part of the name only one unit has.
(function () {
  'use strict';
  var box = document.getElementById('filter-unit');
  var list = document.getElementById('filter-unit-names');
  if (!box || !list) { return; }
  var timer = null;
  var asked = '';
  function suggest() {
    var q = box.value.trim();
    if (q === asked) { return; }
    asked = q;
    if (!q) { list.replaceChildren(); return; }
    fetch('/dashboard/units?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (units) {
        if (q !== asked) { return; }
        list.replaceChildren.apply(list, units.map(function (u) {
          var o = document.createElement('option');
          o.value = u.name;
          o.label = u.code;
          return o;
        }));
      })
      .catch(function () { /* suggestions are a help; the form works without them */ });
  }
  box.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 150);
  });
}());
