// Statistics upload (R18): shows the upload's progress in a <progress> bar. Without this script the form
// posts normally and the server-side step bar (<progress>) still shows where the user is.
(function () {
  'use strict';
  var form = document.getElementById('kf-upload');
  var group = document.getElementById('kf-upload-progress-group');
  var bar = document.getElementById('kf-upload-progress');
  if (!form || !group || !bar || !window.XMLHttpRequest || !window.FormData) return;
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    group.hidden = false;
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        var pct = Math.round((e.loaded / e.total) * 100);
        bar.value = pct;
        bar.textContent = pct + ' %';
      }
    });
    xhr.addEventListener('load', function () {
      bar.value = 100;
      if (xhr.responseURL && xhr.responseURL !== window.location.href && xhr.status < 400) {
        window.location.href = xhr.responseURL;
      } else {
        document.open();
        document.write(xhr.responseText);
        document.close();
      }
    });
    xhr.addEventListener('error', function () {
      form.submit();
    });
    xhr.open('POST', form.action);
    xhr.send(new FormData(form));
  });
})();
