// Item page: a tap (or Enter) on a week of the timeline shows that week's reason below it, so
// nothing is only in a hover title that a phone never shows.
(function () {
  'use strict';
  var timeline = document.getElementById('timeline');
  var reason = document.getElementById('week-reason');
  if (!timeline || !reason) { return; }
  function show(li) {
    if (!li || !li.dataset.reason) { return; }
    var on = timeline.querySelector('li.on');
    if (on) { on.classList.remove('on'); }
    li.classList.add('on');
    reason.textContent = li.dataset.reason;
  }
  timeline.addEventListener('click', function (e) { show(e.target.closest('li')); });
  timeline.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(e.target.closest('li')); }
  });
}());
