// Upload forms (multipart): the CSRF token goes in a request header, never in the body, so the
// server decides who may upload before it reads a byte of the file. The answer page replaces this
// one, as a plain form post would.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form[data-upload]');
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var headers = { 'Accept': 'text/html' };
      headers[form.dataset.csrfHeader] = form.dataset.csrf;
      var buttons = form.querySelectorAll('button');
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
      fetch(form.action, {
        method: 'POST', credentials: 'same-origin', headers: headers, body: new FormData(form)
      }).then(function (r) {
        if (r.redirected) { window.location.href = r.url; return null; }
        return r.text().then(function (html) {
          if (r.status === 413 || !/^\s*<!DOCTYPE/i.test(html)) {
            var message = '上传失败（' + r.status + '）';
            try { message = JSON.parse(html).message || message; } catch (e) { /* not JSON */ }
            throw new Error(message);
          }
          document.open();
          document.write(html);
          document.close();
        });
      }).catch(function (e) {
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
        var box = document.getElementById('upload-error');
        if (!box) {
          box = document.createElement('div');
          box.className = 'alert';
          box.id = 'upload-error';
          form.parentNode.insertBefore(box, form);
        }
        box.textContent = e.message;
      });
    });
  });
}());
