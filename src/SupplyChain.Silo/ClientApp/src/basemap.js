// The map's background: the configured tile layer, or, when there is none or its tiles cannot
// load (offline, firewalled), country outlines from world-atlas drawn from our own files.
/* global L, topojson */

const OUTLINES_ATTRIBUTION = 'Country outlines: <a href="https://www.naturalearthdata.com/">Natural Earth</a> via world-atlas';

/** The map configuration the server put in the page (tile URL, attribution, max zoom). */
export function mapConfig() {
  const element = document.getElementById('map-config');
  try {
    return { tileUrl: '', attribution: '', maxZoom: 18, ...JSON.parse(element?.textContent || '{}') };
  } catch {
    return { tileUrl: '', attribution: '', maxZoom: 18 };
  }
}

/**
 * Creates a Leaflet map in `element` with its background. `options.outlines` picks the
 * world-atlas resolution ('110m' for a world view, '50m' to zoom into a region).
 * The state is written to `document.body.dataset.basemap` ('tiles' or 'outlines') for tests and support.
 */
export function createMap(element, config, options = {}) {
  const map = L.map(element, {
    preferCanvas: !!options.preferCanvas,
    worldCopyJump: true,
    maxZoom: config.maxZoom,
    zoomControl: true,
  });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  // Below every overlay, and deaf to the mouse: it is scenery.
  const pane = map.createPane('basemap');
  pane.style.zIndex = '150';
  pane.style.pointerEvents = 'none';

  let outlinesShown = false;
  const showOutlines = () => {
    if (outlinesShown) return;
    outlinesShown = true;
    document.body.dataset.basemap = 'outlines';
    element.classList.add('outlines');
    drawOutlines(map, options.outlines ?? '50m');
  };

  if (!config.tileUrl || navigator.onLine === false) {
    showOutlines();
    return map;
  }

  const tiles = L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: config.maxZoom, crossOrigin: false });
  let loaded = 0;
  tiles.on('tileload', () => {
    loaded += 1;
    document.body.dataset.basemap = 'tiles';
  });
  // The first failure before any tile has loaded means the tile server is out of reach:
  // drop the layer (so it stops asking) and draw the outlines instead.
  tiles.on('tileerror', () => {
    if (loaded === 0) {
      map.removeLayer(tiles);
      showOutlines();
    }
  });
  tiles.addTo(map);
  return map;
}

async function drawOutlines(map, resolution) {
  try {
    const response = await fetch(`/assets/lib/worldatlas/countries-${resolution}.json`);
    if (!response.ok) return;
    const world = await response.json();
    const countries = topojson.feature(world, world.objects.countries);
    L.geoJSON(countries, {
      pane: 'basemap',
      renderer: L.canvas({ pane: 'basemap', padding: 0.5 }),
      interactive: false,
      style: { color: '#9aa6b2', weight: 0.8, fillColor: '#f6f4ef', fillOpacity: 1 },
      attribution: OUTLINES_ATTRIBUTION,
    }).addTo(map);
  } catch {
    // Without outlines the map still shows its overlays on the plain sea colour.
  }
}
