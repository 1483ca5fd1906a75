/* The outage map: draws /outages/map/data/ (GeoJSON, see powerdesk/outages/geo.py) with the
 * vendored Leaflet. Without a tile address it draws on a plain background, as most stations
 * have no tile server they can reach. It reloads the data every minute, keeping the view.
 *
 * It opens on the whole grid, or on the outage the address names (data-focus: an entry of the
 * list beside it; data-focus-bounds: one no longer on the board). In a storm everything off is
 * the whole station, so the list (outages/map_list.py, in the board's order) takes the
 * dispatcher to each outage's dark area and its callers, framed on the map. */
(function () {
  "use strict";

  var REFRESH_MS = 60000;
  var LINE = {
    live: { color: "#374151", weight: 2 },
    "dark-predicted": { color: "#d97706", weight: 4, dashArray: "6 3" },
    "dark-confirmed": { color: "#dc2626", weight: 4 },
    "dark-declared": { color: "#dc2626", weight: 4 },
  };
  var RADIUS = { source: 7, recloser: 6, sectionalizer: 5, fuse: 3.5, switch: 3.5, transformer: 3 };

  // Markers grow as one zooms in, so the whole station is not a heap of circles.
  function scale(zoom) {
    return Math.max(0.7, Math.min(2, (zoom - 11) / 4));
  }

  function radius(p, zoom) {
    var base = (RADIUS[p.kind] || 3) + (p.state.indexOf("open-") === 0 ? 3 : 0);
    return base * scale(zoom);
  }

  function deviceStyle(p, zoom) {
    var style = { radius: radius(p, zoom), weight: 1.5, color: "#111827", fillColor: "#ffffff", fillOpacity: 1 };
    if (p.state.indexOf("open-") === 0) {
      style.color = "#7f1d1d";
      style.weight = 3;
      style.fillColor = p.state === "open-predicted" ? "#fbbf24" : "#dc2626";
    } else if (p.state.indexOf("dark-") === 0) {
      style.color = p.state === "dark-predicted" ? "#d97706" : "#dc2626";
      style.weight = 2;
      style.fillColor = p.state === "dark-predicted" ? "#fef3c7" : "#fee2e2";
    }
    style.className = "map-device kind-" + p.kind + " state-" + p.state;
    return style;
  }

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) node.className = className;
    return node;
  }

  function devicePopup(p, labels) {
    var box = document.createElement("div");
    box.appendChild(text("strong", p.name));
    box.appendChild(text("div", p.kind_label + " · " + p.code, "muted"));
    box.appendChild(text("div", p.feeder));
    box.appendChild(text("div", p.state_label));
    box.appendChild(text("div", p.customers + " " + labels.customers));
    var link = text("a", labels.open);
    link.href = p.url;
    box.appendChild(link);
    return box;
  }

  function start() {
    var element = document.getElementById("outage-map");
    if (!element || !window.L) return;
    var labels = JSON.parse(document.getElementById("map-labels").textContent);
    var summary = document.getElementById("map-summary");
    // Leaflet's own words (the zoom buttons' and the layers button's tooltips, its credit's)
    // in the page's language, not its English defaults.
    var map = L.map(element, { zoomControl: false });
    L.control.zoom({ zoomInTitle: labels.zoom_in, zoomOutTitle: labels.zoom_out }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, {
        maxZoom: 19,
        attribution: element.dataset.attribution || "",
      }).addTo(map);
      var credit = document.createElement("a");
      credit.href = "https://leafletjs.com";
      credit.title = labels.leaflet;
      credit.textContent = "Leaflet";
      map.attributionControl.setPrefix(credit.outerHTML);
    } else {
      element.classList.add("no-tiles");
      map.attributionControl.setPrefix("");
    }
    var layers = { line: L.layerGroup(), device: L.layerGroup(), calls: L.layerGroup(), crew: L.layerGroup() };
    layers.line.addTo(map);
    layers.device.addTo(map);
    layers.calls.addTo(map);
    layers.crew.addTo(map);
    var overlays = {};
    overlays[labels.lines] = layers.line;
    overlays[labels.devices] = layers.device;
    overlays[labels.calls] = layers.calls;
    overlays[labels.crews] = layers.crew;
    var layersControl = L.control.layers(null, overlays, { collapsed: true }).addTo(map);
    var toggle = layersControl.getContainer().querySelector(".leaflet-control-layers-toggle");
    if (toggle) { toggle.title = labels.layers; toggle.setAttribute("aria-label", labels.layers); }
    var fitted = false;
    var station = null; // the bounds of the whole grid, once drawn
    var frame = L.layerGroup().addTo(map); // the box around the outage chosen in the list
    var list = document.getElementById("map-list");
    var chosen = element.dataset.focus || "";

    function boundsOf(text) {
      if (!text) return null;
      try {
        var box = JSON.parse(text);
        return L.latLngBounds(box[0], box[1]);
      } catch (e) {
        return null;
      }
    }

    // An outage's box: framed and fitted with room around it (a lone transformer area is a
    // point: shown close up).
    // Leaflet drops a new view asked for while it is still zooming to the last one (a click
    // on "whole station" then at once on an outage): ask again when it has got there.
    var zooming = false;
    map.on("zoomstart", function () { zooming = true; });
    map.on("zoomend", function () { zooming = false; });

    function show(box) {
      if (zooming) {
        map.once("zoomend", function () { show(box); });
        return;
      }
      frame.clearLayers();
      if (box.getNorthEast().equals(box.getSouthWest())) {
        map.setView(box.getCenter(), 16);
      } else {
        map.fitBounds(box.pad(0.3), { maxZoom: 17 });
      }
      L.rectangle(box.pad(0.08), { className: "map-frame", color: "#1d4ed8", weight: 2, dashArray: "4 4", fill: false, interactive: false }).addTo(frame);
      fitted = true;
    }

    function mark() {
      if (!list) return;
      list.querySelectorAll(".map-outage").forEach(function (item) {
        var on = item.dataset.key === chosen;
        item.classList.toggle("chosen", on);
        if (on) item.setAttribute("aria-current", "true");
        else item.removeAttribute("aria-current");
      });
    }

    function choose(item) {
      var box = boundsOf(item.dataset.bounds);
      if (!box) return;
      chosen = item.dataset.key;
      mark();
      show(box);
      // The address opens the map on it again (to send to a colleague, or after a reload).
      if (history.replaceState) {
        history.replaceState(null, "", location.pathname + (item.dataset.link ? "?" + item.dataset.link : ""));
      }
      // On a phone the list is under the map: bring the map back into view.
      var top = element.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight / 2) element.scrollIntoView({ behavior: "smooth", block: "start" });
    }

    if (list) {
      list.addEventListener("click", function (event) {
        var button = event.target.closest(".map-outage-go");
        if (button) choose(button.closest(".map-outage"));
      });
      // The list is polled (htmx): the chosen outage stays marked.
      document.body.addEventListener("htmx:afterSwap", function (event) {
        if (event.detail.target === list) mark();
      });
    }
    var whole = document.getElementById("map-whole");
    if (whole) {
      var showWhole = function () {
        if (zooming) {
          map.once("zoomend", showWhole);
          return;
        }
        if (station) map.fitBounds(station, { padding: [20, 20] });
      };
      whole.addEventListener("click", function () {
        chosen = "";
        mark();
        frame.clearLayers();
        showWhole();
        if (history.replaceState) history.replaceState(null, "", location.pathname);
      });
    }

    // Opened on one outage: framed at once, before the grid's data comes.
    var focused = chosen && list ? list.querySelector('.map-outage[data-key="' + chosen + '"]') : null;
    var focusBox = boundsOf(focused ? focused.dataset.bounds : element.dataset.focusBounds);
    if (focusBox) {
      show(focusBox);
      mark();
      if (focused && focused.scrollIntoView) focused.scrollIntoView({ block: "nearest" });
    }
    map.on("zoomend", function () {
      var zoom = map.getZoom();
      layers.device.eachLayer(function (marker) { marker.setRadius(radius(marker.device, zoom)); });
    });

    function draw(data) {
      Object.keys(layers).forEach(function (name) { layers[name].clearLayers(); });
      var bounds = L.latLngBounds([]);
      var zoom = fitted ? map.getZoom() : 13;
      // Live lines first, dark ones over them, then devices, then the callers on top.
      var features = data.features.slice().sort(function (a, b) {
        var order = { line: 0, device: 2, calls: 3, crew: 4 };
        var ra = order[a.properties.layer] + (a.properties.state && a.properties.state !== "live" ? 1 : 0);
        var rb = order[b.properties.layer] + (b.properties.state && b.properties.state !== "live" ? 1 : 0);
        return ra - rb;
      });
      features.forEach(function (feature) {
        var p = feature.properties;
        var c = feature.geometry.coordinates;
        if (p.layer === "line") {
          var points = c.map(function (xy) { return [xy[1], xy[0]]; });
          var style = LINE[p.state] || LINE.live;
          L.polyline(points, Object.assign({ interactive: false, className: "map-line state-" + p.state }, style)).addTo(layers.line);
          points.forEach(function (point) { bounds.extend(point); });
        } else if (p.layer === "device") {
          var marker = L.circleMarker([c[1], c[0]], deviceStyle(p, zoom));
          marker.device = p;
          marker.bindTooltip(p.name);
          marker.bindPopup(function () { return devicePopup(p, labels); });
          marker.addTo(layers.device);
          bounds.extend([c[1], c[0]]);
        } else if (p.layer === "calls") {
          // Up and to the right of the transformer area, which stays visible under it.
          var icon = L.divIcon({ className: "map-calls", html: String(p.count), iconSize: [22, 22], iconAnchor: [-3, 25] });
          L.marker([c[1], c[0]], { icon: icon, title: p.name + labels.separator + p.label, riseOnHover: true })
            .bindPopup(function () {
              var box = document.createElement("div");
              box.appendChild(text("strong", p.name));
              box.appendChild(text("div", p.label));
              var link = text("a", labels.open);
              link.href = p.url;
              box.appendChild(link);
              return box;
            })
            .addTo(layers.calls);
        } else if (p.layer === "crew") {
          bounds.extend([c[1], c[0]]);
          var crewIcon = L.divIcon({ className: "map-crew where-" + p.where, html: "", iconSize: [18, 18] });
          L.marker([c[1], c[0]], { icon: crewIcon, title: p.name + " · " + p.label, riseOnHover: true })
            .bindTooltip(p.name, { permanent: true, direction: "right", className: "map-crew-name" })
            .bindPopup(function () {
              var box = document.createElement("div");
              box.appendChild(text("strong", p.name));
              box.appendChild(text("div", p.label, "muted"));
              if (p.outages.length) box.appendChild(text("div", labels.crew_outages + " " + p.outages.join(labels.list_separator)));
              box.appendChild(text("div", labels.crew_orders + " " + p.open_orders));
              var link = text("a", labels.crew_open);
              link.href = p.url;
              box.appendChild(link);
              return box;
            })
            .addTo(layers.crew);
        }
      });
      var s = data.summary;
      // Devices open by how sure the station is, never added together (outages/geo.py).
      summary.textContent = labels.summary
        .replace("%(recorded)s", s.open_recorded)
        .replace("%(predicted)s", s.open_predicted)
        .replace("%(dark)s", s.dark_transformer_areas);
      if (bounds.isValid()) station = bounds;
      if (!fitted) {
        // Not on everything that is off: in a storm that is the whole station anyway, and
        // the list beside the map goes to each outage.
        if (bounds.isValid()) {
          map.fitBounds(bounds, { padding: [20, 20] });
        } else {
          map.setView([25.5, 101.2], 11);
          summary.textContent = labels.empty;
        }
        fitted = true;
      }
      element.dataset.loaded = "1";
    }

    function load() {
      fetch(element.dataset.url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(draw)
        .catch(function () { summary.textContent = labels.failed; });
    }

    load();
    window.setInterval(load, REFRESH_MS);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
