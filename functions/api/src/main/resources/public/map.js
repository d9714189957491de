// The gapmap web map: neighborhoods coloured by gap score, a legend, the ranked list, a region,
// profile and run chooser, and an embeddable mode (?embed=1) for iframes. No build step.
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
  var LABELS = {
    households: 'Households',
    population: 'Population',
    home_broadband_adoption: 'Home broadband adoption',
    mobile_broadband_adoption: 'Mobile broadband adoption',
    mobile_dependent_share: 'Mobile-only households',
    no_home_broadband_households: 'Households without home broadband'
  };
  var SHARES = ['home_broadband_adoption', 'mobile_broadband_adoption', 'mobile_dependent_share'];
  var NOT_INDICATORS = [
    'id', 'name', 'borough', 'ranked', 'area_km2', 'gap_score', 'rank', 'profile',
    'contributions', 'missing_indicators', 'run_id', 'computed_at'
  ];

  var params = new URLSearchParams(location.search);
  var embedded = params.get('embed') === '1' || params.get('embed') === 'true';
  var map = L.map('map', { zoomSnap: 0.25 });
  var layer = null;
  var layersById = {};
  var regionSelect = document.getElementById('region');
  var profileSelect = document.getElementById('profile');
  var runSelect = document.getElementById('run');
  var runChooser = document.getElementById('run-chooser');
  var statusText = document.getElementById('status');
  var ranking = document.getElementById('ranking');
  var details = document.getElementById('details');
  var collectionsById = {};
  var runs = [];
  var currentRunId = null;

  function metaContent(name) {
    var meta = document.querySelector('meta[name="' + name + '"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function addBaseLayer() {
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

  function legendRow(color, label) {
    var row = element('div', null, 'legend-row');
    var swatch = element('span', null, 'swatch');
    swatch.style.background = color;
    row.appendChild(swatch);
    row.appendChild(element('span', label));
    return row;
  }

  function addLegend() {
    var legend = L.control({ position: 'bottomright' });
    legend.onAdd = function () {
      var box = element('div', null, 'legend');
      box.id = 'legend';
      box.setAttribute('aria-label', 'Legend');
      box.appendChild(element('h2', 'Gap score'));
      CLASSES.slice().reverse().forEach(function (c, i) {
        var max = i === CLASSES.length - 1 ? 100 : CLASSES[CLASSES.length - 2 - i].min;
        box.appendChild(legendRow(c.color, c.min + ' \u2013 ' + max));
      });
      box.appendChild(legendRow(NO_SCORE, 'not ranked or no score'));
      return box;
    };
    legend.addTo(map);
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

  function labelOf(name) {
    if (LABELS[name]) {
      return LABELS[name];
    }
    var text = name.replace(/_per_km2$/, ' per km\u00b2').replace(/_/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
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

  // A neighborhood's rank, score, every indicator it has and each indicator's contribution.
  function detailsOf(props) {
    var box = element('div', null, 'feature-details');
    box.appendChild(element('h3', props.name));
    var rows = [
      ['Rank', props.rank === null || props.rank === undefined ? 'not ranked' : String(props.rank)],
      ['Gap score', number(props.gap_score, 1)]
    ];
    Object.keys(props).forEach(function (name) {
      if (NOT_INDICATORS.indexOf(name) >= 0) {
        return;
      }
      var value = props[name];
      var text = SHARES.indexOf(name) >= 0 ? percent(value)
        : number(value, Number.isInteger(value) || value === null ? 0 : 2);
      rows.push([labelOf(name), text]);
    });
    box.appendChild(valuesTable(rows));
    var contributions = props.contributions || {};
    var names = Object.keys(contributions);
    if (names.length > 0) {
      box.appendChild(element('h2', 'Contributions to the gap score'));
      box.appendChild(
        valuesTable(
          names.map(function (name) {
            return [labelOf(name), number(contributions[name], 2)];
          })
        )
      );
    }
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
    target.bindPopup(detailsOf(props), { maxWidth: 340 }).openPopup();
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
          var error = new Error(url + ' answered ' + response.status);
          error.status = response.status;
          throw error;
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

  function collectionPath(id) {
    return '/collections/' + encodeURIComponent(id);
  }

  function chosenRun() {
    return runSelect.value && runSelect.value !== currentRunId ? runSelect.value : null;
  }

  // The page's own URL for what is shown: region, run (when not the current one), embedding.
  function pageUrl(embed) {
    var query = new URLSearchParams();
    var run = chosenRun();
    if (run) {
      query.set('run', run);
    }
    if (embed) {
      query.set('embed', '1');
    }
    var text = query.toString();
    return location.origin + collectionPath(regionSelect.value) + '/map' + (text ? '?' + text : '');
  }

  function updateLinks() {
    var run = chosenRun();
    document.getElementById('table-link').href =
      collectionPath(regionSelect.value) + '?f=html' + (run ? '&run=' + encodeURIComponent(run) : '');
    document.getElementById('embed-code').value =
      '<iframe src="' + pageUrl(true) + '" title="' + (collectionsById[regionSelect.value] || {}).title +
      ': gap scores by neighborhood" width="800" height="600" style="border:0" loading="lazy"></iframe>';
    if (!embedded && location.pathname.indexOf('/map') > 0) {
      history.replaceState(null, '', pageUrl(false).substring(location.origin.length) + location.hash);
    }
  }

  function showFeatures() {
    statusText.textContent = 'Loading\u2026';
    details.hidden = true;
    var run = chosenRun();
    var url = collectionPath(regionSelect.value) + '/items?limit=' + PAGE_LIMIT +
      (run ? '&run=' + encodeURIComponent(run) : '');
    updateLinks();
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
      map.attributionControl.setPrefix(false);
      var attribution = (collectionsById[regionSelect.value] || {}).attribution;
      if (attribution) {
        map.attributionControl.addAttribution(attribution);
      }
      if (features.length > 0) {
        map.fitBounds(layer.getBounds());
      }
      drawRanking(features);
      var first = features[0] ? features[0].properties : {};
      statusText.textContent = features.length + ' neighborhoods' +
        (first.profile ? ', profile ' + first.profile : '');
      var wanted = decodeURIComponent(location.hash.substring(1));
      if (wanted && layersById[wanted]) {
        select(wanted);
      }
    });
  }

  function fillRuns(profile, runId) {
    runSelect.replaceChildren();
    runs.filter(function (r) {
      return r.profile === profile;
    }).forEach(function (r) {
      var option = element('option', (r.created_at || r.run_id) + (r.current ? ' (current)' : ''));
      option.value = r.run_id;
      runSelect.appendChild(option);
    });
    runSelect.value = runId || runSelect.options[0].value;
  }

  // The region's published runs, from the history endpoint; the chooser stays hidden without it.
  function loadRuns(regionId, wantedRun) {
    runChooser.hidden = true;
    runs = [];
    currentRunId = null;
    runSelect.replaceChildren();
    return fetchJson('/regions/' + encodeURIComponent(regionId) + '/runs')
      .then(function (doc) {
        currentRunId = doc.current_run_id || null;
        runs = (doc.runs || []).filter(function (r) {
          return !r.status || String(r.status).toUpperCase() === 'PUBLISHED';
        });
        if (runs.length === 0) {
          return;
        }
        var profiles = [];
        runs.forEach(function (r) {
          if (profiles.indexOf(r.profile) < 0) {
            profiles.push(r.profile);
          }
        });
        profileSelect.replaceChildren();
        profiles.forEach(function (p) {
          var option = element('option', p);
          option.value = p;
          profileSelect.appendChild(option);
        });
        var start = runs.find(function (r) {
          return r.run_id === wantedRun;
        }) || runs.find(function (r) {
          return r.current;
        }) || runs[0];
        profileSelect.value = start.profile;
        fillRuns(start.profile, start.run_id);
        runChooser.hidden = false;
      })
      .catch(function () {
        // No run history here (not served, or not yet): the current run is shown.
        if (wantedRun) {
          var option = element('option', wantedRun);
          option.value = wantedRun;
          runSelect.appendChild(option);
          runSelect.value = wantedRun;
        }
      });
  }

  function showRegion(regionId, wantedRun) {
    return loadRuns(regionId, wantedRun).then(showFeatures);
  }

  function initialRegion(collections) {
    var fromPath = location.pathname.match(/\/collections\/([^/]+)\/map$/);
    var wanted = fromPath ? decodeURIComponent(fromPath[1]) : params.get('region');
    var ids = collections.map(function (c) {
      return c.id;
    });
    return ids.indexOf(wanted) >= 0 ? wanted : ids[0];
  }

  function fail(error) {
    statusText.textContent = 'Could not load the data: ' + error.message;
  }

  function setUpEmbedPanel() {
    var button = document.getElementById('embed-button');
    var panel = document.getElementById('embed-panel');
    var code = document.getElementById('embed-code');
    button.addEventListener('click', function () {
      panel.hidden = !panel.hidden;
      button.setAttribute('aria-expanded', String(!panel.hidden));
      map.invalidateSize();
    });
    document.getElementById('embed-copy').addEventListener('click', function () {
      var done = function () {
        document.getElementById('embed-copied').textContent = 'Copied.';
      };
      code.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(code.value).then(done, function () {
          document.execCommand('copy');
          done();
        });
      } else {
        document.execCommand('copy');
        done();
      }
    });
  }

  function addFullMapLink() {
    var control = L.control({ position: 'topright' });
    control.onAdd = function () {
      var link = element('a', 'Open the full map', 'legend');
      link.target = '_blank';
      link.rel = 'noopener';
      link.href = pageUrl(false);
      return link;
    };
    control.addTo(map);
  }

  function start() {
    if (embedded) {
      document.body.classList.add('embed');
    }
    addBaseLayer();
    addLegend();
    setUpEmbedPanel();
    map.setView([0, 0], 2);
    fetchJson('/collections')
      .then(function (doc) {
        var collections = doc.collections || [];
        if (collections.length === 0) {
          statusText.textContent = 'No region has been published yet.';
          return null;
        }
        collections.forEach(function (c) {
          collectionsById[c.id] = c;
          var option = element('option', c.title);
          option.value = c.id;
          regionSelect.appendChild(option);
        });
        regionSelect.value = initialRegion(collections);
        regionSelect.addEventListener('change', function () {
          showRegion(regionSelect.value, null).catch(fail);
        });
        profileSelect.addEventListener('change', function () {
          fillRuns(profileSelect.value, null);
          showFeatures().catch(fail);
        });
        runSelect.addEventListener('change', function () {
          showFeatures().catch(fail);
        });
        return showRegion(regionSelect.value, params.get('run')).then(function () {
          if (embedded) {
            addFullMapLink();
          }
        });
      })
      .catch(fail);
  }

  start();
})();
