// Draws the areas of a page on a Leaflet map. Without a tile server the shapes lie on a
// plain background; a deployment can set MAP_TILE_URL for a base map.
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // Names come from users (offers, places, organisations): a tooltip holds them as text,
  // never as HTML, since Leaflet puts a string tooltip in with innerHTML.
  function tooltipText(properties) {
    var text = [properties.code, properties.name]
      .filter(function (part) { return part !== undefined && part !== null && part !== ""; })
      .join(" ");
    if (properties.label) {
      text += ": " + properties.label;
    }
    var node = document.createElement("span");
    node.textContent = text;
    return node;
  }

  // Only links within the platform: a feature's url is a path such as /gebiete/12/.
  function isLocalPath(url) {
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/";
  }

  function draw(container) {
    var data = readJson(container.dataset.source || "map-data");
    var outline = readJson(container.dataset.outline || "map-outline");
    var map = L.map(container, {
      zoomSnap: 0.25,
      attributionControl: Boolean(container.dataset.tileUrl),
      keyboard: true,
    });
    if (container.dataset.tileUrl) {
      L.tileLayer(container.dataset.tileUrl, {
        attribution: container.dataset.tileAttribution || "",
      }).addTo(map);
    }
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 7 });
      },
      style: function (feature) {
        // Places are solid dots with a white ring, visible on the plain background too.
        if (feature.geometry && feature.geometry.type === "Point") {
          return { color: "#ffffff", weight: 2, fillColor: "#0b4f6c", fillOpacity: 1 };
        }
        var fill = feature.properties.fill;
        return fill
          ? { color: "#33414a", weight: 0.8, fillColor: fill, fillOpacity: 0.85 }
          : { color: "#0b4f6c", weight: 1.2, fillColor: "#7fb8c9", fillOpacity: 0.45 };
      },
      onEachFeature: function (feature, shape) {
        shape.bindTooltip(tooltipText(feature.properties), { sticky: true });
        shape.on("mouseover", function () { shape.setStyle({ weight: 3 }); });
        shape.on("mouseout", function () { layer.resetStyle(shape); });
        if (isLocalPath(feature.properties.url)) {
          shape.on("click", function () { window.location.href = feature.properties.url; });
        }
      },
    }).addTo(map);
    var bounds = layer.getBounds();
    if (outline && outline.features.length) {
      var frame = L.geoJSON(outline, {
        interactive: false,
        style: { color: "#1d1d1b", weight: 2.5, fill: false },
      }).addTo(map);
      bounds = frame.getBounds();
    }
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [8, 8] });
    } else {
      map.setView([51.05, 13.74], 11);
    }
    container.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".map").forEach(draw);
  });
})();
