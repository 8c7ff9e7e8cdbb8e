// Progressive enhancement of the accounts import (the pages work without it):
// 1. the upload form shows how much of the file has been sent;
// 2. a running import's <progress> follows the booked rows, then shows the result.
(function () {
  'use strict';
  var form = document.getElementById('money-upload');
  if (form && window.XMLHttpRequest && window.FormData) {
    form.addEventListener('submit', function (ev) {
      var input = form.querySelector('input[type=file]');
      if (!input || !input.files || !input.files.length) return;
      ev.preventDefault();
      var box = form.querySelector('[data-upload-progress]');
      var bar = document.getElementById('upload-progress');
      if (box) box.hidden = false;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.addEventListener('progress', function (e) {
        if (bar && e.lengthComputable) {
          bar.max = e.total;
          bar.value = e.loaded;
        }
      });
      xhr.addEventListener('load', function () {
        if (xhr.status < 300 && xhr.responseURL && xhr.responseURL !== form.action) {
          window.location.assign(xhr.responseURL);
          return;
        }
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener('error', function () {
        form.submit();
      });
      xhr.send(new FormData(form));
    });
  }

  var status = document.querySelector('[data-import-status]');
  if (status) {
    var progress = document.getElementById('import-progress');
    var label = status.querySelector('label');
    var poll = function () {
      fetch(status.getAttribute('data-import-status'), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) {
          return r.json();
        })
        .then(function (s) {
          if (progress) {
            progress.max = s.total;
            progress.value = s.done;
          }
          if (label)
            label.textContent = 'Indlæser ' + s.done.toLocaleString('da-DK') + ' af ' + s.total.toLocaleString('da-DK') + ' poster …';
          if (s.status === 'running') setTimeout(poll, 700);
          else window.location.assign(status.getAttribute('data-done-href'));
        })
        .catch(function () {
          setTimeout(poll, 2000);
        });
    };
    setTimeout(poll, 300);
  }
})();
