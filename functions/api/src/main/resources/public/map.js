// The gapmap web map: neighborhoods coloured by gap score, a region selector and the ranked list.
(function () {
  'use strict';

  // Five equal classes of the 0-100 gap score, light to dark (higher = bigger gap).
  var CLASSES = [
    { min: 80, color: '#bd0026' },
    { min: 60, color: '#f03b20' },
    { min: 40, color: '#fd8d3c' },
    { min: 20, color: '#fecc5c' },
    { min: 0, color: '#ffffb2' }
  ];
  var NO_SCORE = '#c8c8c8';
  var PAGE_LIMIT = 10000;

  var map = L.map('map', { zoomSnap: 0.25 });
  var layer = null;
  var layersById = {};
  var regionSelect = document.getElementById('region');
  var statusText = document.getElementById('status');
  var ranking = document.getElementById('ranking');
  var details = document.getElementById('details');

  function metaContent(name) {
    var meta = document.querySelector('meta[name="' + name + '"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function addBaseLayer() {
    var params = new URLSearchParams(location.search);
    var url = params.get('tiles') || metaContent('gapmap-tiles');
    if (url) {
      L.tileLayer(url, {
        maxZoom: 19,
        attribution: params.get('tilesAttribution') || metaContent('gapmap-tiles-attribution')
      }).addTo(map);
    }
  }

  function colorOf(props) {
    if (!props.ranked || props.gap_score === null || props.gap_score === undefined) {
      return NO_SCORE;
    }
    for (var i = 0; i < CLASSES.length; i++) {
      if (props.gap_score >= CLASSES[i].min) {
        return CLASSES[i].color;
      }
    }
    return CLASSES[CLASSES.length - 1].color;
  }

  function styleOf(feature) {
    return { color: '#555', weight: 0.7, fillColor: colorOf(feature.properties), fillOpacity: 0.85 };
  }

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) {
      el.textContent = text;
    }
    if (className) {
      el.className = className;
    }
    return el;
  }

  function drawLegend() {
    var legend = document.getElementById('legend');
    legend.replaceChildren(element('h2', 'Gap score'));
    CLASSES.slice().reverse().forEach(function (c, i) {
      var max = i === CLASSES.length - 1 ? 100 : CLASSES[CLASSES.length - 2 - i].min;
      legend.appendChild(legendRow(c.color, c.min + ' \u2013 ' + max));
    });
    legend.appendChild(legendRow(NO_SCORE, 'not ranked or no score'));
  }

  function legendRow(color, label) {
    var row = element('div', null, 'legend-row');
    var swatch = element('span', null, 'swatch');
    swatch.style.background = color;
    row.appendChild(swatch);
    row.appendChild(element('span', label));
    return row;
  }

  function number(value, decimals) {
    if (value === null || value === undefined) {
      return 'no data';
    }
    return Number(value).toLocaleString(undefined, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals
    });
  }

  function percent(value) {
    return value === null || value === undefined ? 'no data' : number(value * 100, 1) + ' %';
  }

  function valuesTable(rows) {
    var table = element('table', null, 'values');
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.appendChild(element('td', r[0]));
      tr.appendChild(element('td', r[1], 'number'));
      table.appendChild(tr);
    });
    return table;
  }

  function detailsOf(props) {
    var box = document.createElement('div');
    box.appendChild(element('h3', props.name));
    box.appendChild(
      valuesTable([
        ['Rank', props.rank === null || props.rank === undefined ? 'not ranked' : String(props.rank)],
        ['Gap score', number(props.gap_score, 1)],
        ['Households', number(props.households, 0)],
        ['Home broadband adoption', percent(props.home_broadband_adoption)],
        ['Mobile broadband adoption', percent(props.mobile_broadband_adoption)],
        ['Small cells', number(props.small_cells_count, 0)],
        ['Small cells per km\u00b2', number(props.small_cells_per_km2, 2)]
      ])
    );
    var contributions = props.contributions || {};
    var names = Object.keys(contributions);
    if (names.length > 0) {
      box.appendChild(element('h2', 'Contributions to the gap score'));
      box.appendChild(
        valuesTable(
          names.map(function (name) {
            return [name, number(contributions[name], 2)];
          })
        )
      );
    }
    return box;
  }

  function summaryOf(props) {
    var box = document.createElement('div');
    box.appendChild(element('strong', props.name));
    var rank = props.rank === null || props.rank === undefined ? 'not ranked' : 'rank ' + props.rank;
    box.appendChild(element('div', rank + ', gap score ' + number(props.gap_score, 1)));
    return box;
  }

  function select(id) {
    var target = layersById[id];
    if (!target) {
      return;
    }
    var props = target.feature.properties;
    details.replaceChildren(detailsOf(props));
    details.hidden = false;
    Array.prototype.forEach.call(ranking.rows, function (row) {
      row.classList.toggle('selected', row.dataset.id === id);
    });
    target.bindPopup(summaryOf(props)).openPopup();
  }

  function drawRanking(features) {
    var ranked = features
      .filter(function (f) {
        return f.properties.rank !== null && f.properties.rank !== undefined;
      })
      .sort(function (a, b) {
        return a.properties.rank - b.properties.rank;
      });
    ranking.replaceChildren();
    ranked.forEach(function (f) {
      var row = document.createElement('tr');
      row.dataset.id = f.id;
      row.tabIndex = 0;
      row.appendChild(element('td', String(f.properties.rank), 'number'));
      row.appendChild(element('td', f.properties.name));
      row.appendChild(element('td', number(f.properties.gap_score, 1), 'number'));
      row.addEventListener('click', function () {
        map.fitBounds(layersById[f.id].getBounds(), { maxZoom: map.getZoom() });
        select(f.id);
      });
      row.addEventListener('keydown', function (event) {
        if (event.key === 'Enter') {
          row.click();
        }
      });
      ranking.appendChild(row);
    });
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: 'application/geo+json, application/json' } }).then(
      function (response) {
        if (!response.ok) {
          throw new Error(url + ' answered ' + response.status);
        }
        return response.json();
      }
    );
  }

  // Every feature of the collection, following "next" links should it exceed one page.
  function fetchFeatures(url, collected) {
    return fetchJson(url).then(function (page) {
      var all = collected.concat(page.features);
      var next = (page.links || []).find(function (l) {
        return l.rel === 'next';
      });
      return next ? fetchFeatures(next.href, all) : all;
    });
  }

  function showRegion(id) {
    statusText.textContent = 'Loading\u2026';
    details.hidden = true;
    var url = '/collections/' + encodeURIComponent(id) + '/items?limit=' + PAGE_LIMIT;
    return fetchFeatures(url, []).then(function (features) {
      if (layer) {
        map.removeLayer(layer);
      }
      layersById = {};
      layer = L.geoJSON({ type: 'FeatureCollection', features: features }, {
        style: styleOf,
        onEachFeature: function (feature, featureLayer) {
          layersById[feature.id] = featureLayer;
          featureLayer.on('click', function () {
            select(feature.id);
          });
        }
      }).addTo(map);
      if (features.length > 0) {
        map.fitBounds(layer.getBounds());
      }
      drawRanking(features);
      statusText.textContent = features.length + ' neighborhoods';
    });
  }

  function initialRegion(collections) {
    var fromPath = location.pathname.match(/\/collections\/([^/]+)\/map$/);
    var wanted = fromPath ? decodeURIComponent(fromPath[1]) : new URLSearchParams(location.search).get('region');
    var ids = collections.map(function (c) {
      return c.id;
    });
    return ids.indexOf(wanted) >= 0 ? wanted : ids[0];
  }

  function fail(error) {
    statusText.textContent = 'Could not load the data: ' + error.message;
  }

  function start() {
    addBaseLayer();
    drawLegend();
    map.setView([0, 0], 2);
    fetchJson('/collections')
      .then(function (doc) {
        var collections = doc.collections || [];
        if (collections.length === 0) {
          statusText.textContent = 'No region has been published yet.';
          return null;
        }
        collections.forEach(function (c) {
          var option = element('option', c.title);
          option.value = c.id;
          regionSelect.appendChild(option);
        });
        regionSelect.value = initialRegion(collections);
        regionSelect.addEventListener('change', function () {
          showRegion(regionSelect.value).catch(fail);
        });
        return showRegion(regionSelect.value);
      })
      .catch(fail);
  }

  start();
})();
