// Key-figure map (R18): progressive enhancement of the server-drawn SVG map. With Leaflet loaded, the
// same GeoJSON is drawn as an interactive map (no tile server needed; an optional tile URL from the
// configuration), and changing the indicator, year or level in the form reloads the coloured map.
(function () {
  'use strict';
  var box = document.getElementById('kf-map');
  if (!box) return;
  var form = box.closest('main') && box.closest('main').querySelector('form.filter-bar');

  // Without Leaflet the form still works: submit on change.
  if (form) {
    form.querySelectorAll('select').forEach(function (s) {
      s.addEventListener('change', function () {
        if (window.L && s.name !== 'aar') {
          redraw(s);
        } else {
          form.submit();
        }
      });
    });
  }
  if (!window.L) return;

  var L = window.L;
  var map = null;
  var layer = null;

  function draw(data) {
    if (!map) {
      box.innerHTML = '';
      map = L.map(box, { zoomSnap: 0.25, attributionControl: true });
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution('Københavns Kommune, Open Data KBH');
      var tiles = box.getAttribute('data-tiles');
      if (tiles) L.tileLayer(tiles, { maxZoom: 18 }).addTo(map);
    }
    if (layer) layer.remove();
    layer = L.geoJSON(data, {
      style: function (f) {
        return { color: '#1a1a1a', weight: 1, fillColor: f.properties.colour, fillOpacity: 0.85 };
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        l.bindTooltip(p.name + ': ' + p.valueText);
        if (p.href)
          l.on('click', function () {
            window.location.href = p.href;
          });
        l.on('add', function () {
          var el = l.getElement && l.getElement();
          if (el) {
            el.setAttribute('data-name', p.name);
            el.setAttribute('data-colour', p.colour);
          }
        });
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    box.setAttribute('data-indicator', data.indicator.id);
    box.setAttribute('data-ready', 'true');
  }

  function load(url) {
    box.removeAttribute('data-ready');
    return fetch(url, { headers: { accept: 'application/geo+json, application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      })
      .then(draw);
  }

  // Changing the indicator or level: recolour in place, then refresh legend and table from the page.
  function redraw() {
    var params = new URLSearchParams(new FormData(form));
    var pageUrl = form.getAttribute('action') + '?' + params.toString();
    load('/noegletal/kort.geojson?' + params.toString())
      .then(function () {
        return fetch(pageUrl, { credentials: 'same-origin' });
      })
      .then(function (r) {
        return r.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        ['.kf-legend-box', '#kf-map-table'].forEach(function (sel) {
          var fresh = doc.querySelector(sel);
          var old = document.querySelector(sel);
          if (fresh && old) old.replaceWith(fresh);
        });
        var freshBox = doc.getElementById('kf-map');
        if (freshBox) box.setAttribute('aria-label', freshBox.getAttribute('aria-label'));
        history.replaceState(null, '', pageUrl);
      })
      .catch(function () {
        form.submit();
      });
  }

  load(box.getAttribute('data-geojson')).catch(function () {
    /* the SVG map stays */
  });
})();
