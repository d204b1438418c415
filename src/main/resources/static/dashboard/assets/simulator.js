// Chat simulator: posts typed lines and polls the conversation (typed lines and the bot's outbox).
(function () {
  'use strict';
  var root = document.getElementById('sim');
  if (!root) { return; }
  var contact = document.getElementById('sim-contact');
  var chat = document.getElementById('sim-chat');
  var log = document.getElementById('sim-log');
  var form = document.getElementById('sim-form');
  var text = document.getElementById('sim-text');
  var error = document.getElementById('sim-error');
  var shown = '';

  function pickChatForContact() {
    var unit = contact.selectedOptions.length ? contact.selectedOptions[0].dataset.unit : '';
    for (var i = 0; i < chat.options.length; i++) {
      if (chat.options[i].dataset.unit === unit) { chat.selectedIndex = i; return; }
    }
  }

  function time(iso) {
    var d = new Date(iso);
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  function render(lines) {
    var key = lines.map(function (l) { return l.key + l.status; }).join(',');
    if (key === shown) { return; }
    shown = key;
    log.textContent = '';
    lines.forEach(function (l) {
      var row = document.createElement('div');
      row.className = 'msg ' + l.from;
      var who = document.createElement('div');
      who.className = 'who';
      who.textContent = l.sender + ' ' + time(l.at);
      var bubble = document.createElement('div');
      bubble.className = 'bubble' + (l.format === 'MARKDOWN' ? ' markdown' : '');
      if (l.title && l.format === 'MARKDOWN') {
        var title = document.createElement('b');
        title.textContent = l.title;
        bubble.appendChild(title);
        bubble.appendChild(document.createElement('br'));
      }
      bubble.appendChild(document.createTextNode(l.text));
      row.appendChild(who);
      row.appendChild(bubble);
      log.appendChild(row);
    });
    log.scrollTop = log.scrollHeight;
  }

  function refresh() {
    if (!contact.value || !chat.value) { return; }
    var url = '/dashboard/simulator/messages?chatId=' + encodeURIComponent(chat.value) +
      '&contactId=' + encodeURIComponent(contact.value);
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(render)
      .catch(function () { /* next poll retries */ });
  }

  function send(event) {
    event.preventDefault();
    var body = text.value.trim();
    if (!body) { return; }
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    headers[root.dataset.csrfHeader] = root.dataset.csrf;
    error.classList.add('hidden');
    fetch('/dashboard/simulator/messages', {
      method: 'POST', credentials: 'same-origin', headers: headers,
      body: JSON.stringify({ chatId: chat.value, contactId: Number(contact.value), text: body })
    }).then(function (r) {
      if (!r.ok) { return r.json().then(function (e) { throw new Error(e.message || r.status); }); }
      text.value = '';
      refresh();
    }).catch(function (e) {
      error.textContent = '发送失败：' + e.message;
      error.classList.remove('hidden');
    });
  }

  contact.addEventListener('change', function () { pickChatForContact(); shown = ''; refresh(); });
  chat.addEventListener('change', function () { shown = ''; refresh(); });
  form.addEventListener('submit', send);
  text.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { send(e); }
  });
  pickChatForContact();
  refresh();
  setInterval(refresh, 1500);
}());
