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
  var file = document.getElementById('sim-file');
  var error = document.getElementById('sim-error');
  var shown = '';

  // the contact's own unit's group on the contact's platform, else any chat on that platform
  function pickChatForContact() {
    var picked = contact.selectedOptions.length ? contact.selectedOptions[0].dataset : {};
    var fallback = -1;
    for (var i = 0; i < chat.options.length; i++) {
      var room = chat.options[i].dataset;
      var samePlatform = room.platform === picked.platform;
      chat.options[i].disabled = !samePlatform && chat.options[i].value !== 'single';
      if (samePlatform && room.unit === picked.unit) { chat.selectedIndex = i; fallback = -2; }
      if (samePlatform && fallback === -1) { fallback = i; }
    }
    if (fallback >= 0) { chat.selectedIndex = fallback; }
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
      if (l.format === 'IMAGE') {
        // a chart: the platform gets the picture, so the simulator shows the picture too
        var img = document.createElement('img');
        img.className = 'chart';
        img.alt = l.title || '图表';
        img.src = 'data:image/png;base64,' + l.text;
        bubble.classList.add('image');
        bubble.appendChild(img);
      } else {
        bubble.appendChild(document.createTextNode(l.text));
      }
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

  // a picture or file as the contact: stored as the platform's image or file message would be
  function sendFile() {
    if (!file.files.length) { return; }
    var data = new FormData();
    data.append('chatId', chat.value);
    data.append('contactId', contact.value);
    data.append('file', file.files[0]);
    var headers = { 'Accept': 'application/json' };
    headers[root.dataset.csrfHeader] = root.dataset.csrf;
    error.classList.add('hidden');
    fetch('/dashboard/simulator/files', {
      method: 'POST', credentials: 'same-origin', headers: headers, body: data
    }).then(function (r) {
      if (!r.ok) { return r.json().then(function (e) { throw new Error(e.message || r.status); }); }
      file.value = '';
      refresh();
    }).catch(function (e) {
      file.value = '';
      error.textContent = '发送失败：' + e.message;
      error.classList.remove('hidden');
    });
  }

  file.addEventListener('change', sendFile);
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
