// The ops page, /ops: the fleet on a canvas map, the geofences, the live alert feed, the shipments
// whose delivery promise is at risk or missed, and the playback of a vehicle's or shipment's trip
// from the archive (playback.js). The map
// asks only for the box it shows (GET /api/ops/map: the vehicles inside it one by one, or clusters
// when there are more than the server's marker limit) and then, every poll, only what changed there;
// a pan beyond the box asked for or a zoom asks anew. So a refresh costs what the view shows, not the
// fleet: 100,000 vehicles stay smooth. The page itself is public; every API call carries the admin
// key, asked once per browser tab and kept in sessionStorage (gone when the tab closes).
/* global L */
import { createMap, mapConfig } from './basemap.js';
import { eventWords, isProblem, formatTime, promiseWords } from './words.js';
import { openEventStream } from './sse-fetch.js';
import { createPlayback } from './playback.js';

const KEY_STORAGE = 'supplychain.opsKey';
const MAX_ALERTS = 200;
const MAX_LISTED = 100;
// The box asked for is the viewport grown by this much of its size on every side, so small pans need no new box.
const VIEW_PADDING = 0.5;
// Selecting a vehicle zooms in at least this far, where the map shows vehicles one by one.
const SELECT_ZOOM = 12;
const MOVING = { radius: 5, color: '#0b6e3c', weight: 1, fillColor: '#22a35a', fillOpacity: 0.95 };
const STOPPED = { radius: 5, color: '#c0392b', weight: 2.5, fillColor: '#ffffff', fillOpacity: 0.9 };
const GEOFENCE_STYLE = {
  Depot: { color: '#2e7d32', fillColor: '#66bb6a', fillOpacity: 0.15, weight: 2 },
  Restricted: { color: '#c62828', fillColor: '#ef5350', fillOpacity: 0.18, weight: 2 },
  Zone: { color: '#1565c0', fillColor: '#42a5f5', fillOpacity: 0.1, weight: 2, dashArray: '6 4' },
};

const $ = (id) => document.getElementById(id);
const config = mapConfig();
const markers = new Map(); // vehicleId -> { marker, data }: the vehicles the map shows one by one
let map;
let fleetLayer;
let clusterLayer;
let clusterCount = 0;
let asked = null; // { bbox, zoom, cursor }: the view the last answer was for
let refreshing = null; // the AbortController of the refresh under way
let listed = []; // the side list's rows when filtering by id
let listedMore = false;
let key = sessionStorage.getItem(KEY_STORAGE);
let selected = null;
let pollTimer = 0;
let searchTimer = 0;
let closeFeed = null;
let fitted = false;
let choosePlayback = null;
const seenAlerts = new Set();

$('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = $('key-input').value.trim();
  if (!value) return;
  key = value;
  sessionStorage.setItem(KEY_STORAGE, key);
  start();
});
$('forget-key').addEventListener('click', () => askForKey(''));
$('vehicle-filter').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(search, 200);
});

if (key) start(); else askForKey('');

function askForKey(reason) {
  stop();
  sessionStorage.removeItem(KEY_STORAGE);
  key = null;
  document.body.dataset.state = 'key';
  $('key-error').textContent = reason;
  $('key-error').hidden = !reason;
  $('key-dialog').hidden = false;
  $('key-input').focus();
}

function stop() {
  clearTimeout(pollTimer);
  clearTimeout(searchTimer);
  refreshing?.abort();
  refreshing = null;
  closeFeed?.();
  closeFeed = null;
}

async function start() {
  stop();
  $('key-dialog').hidden = true;
  document.body.dataset.state = 'ready';
  if (!map) {
    map = createMap($('map'), config, { preferCanvas: true, outlines: '50m' });
    map.setView([51, 8], 5);
    fleetLayer = L.layerGroup().addTo(map);
    clusterLayer = L.layerGroup().addTo(map);
    choosePlayback = createPlayback(map, (init) => authorized(init), (response) => accepted(response));
    map.on('moveend', () => {
      if (!key) return;
      if (!covers(asked)) refresh();
      else if (!filterText()) renderList();
    });
  }
  loadGeofences();
  closeFeed = openEventStream('/api/ops/live', {
    headers: { 'X-Api-Key': key },
    onEvent: onFeedMessage,
    onState: (state) => {
      if (state === 'unauthorized') askForKey('That key was refused: the ops page needs an admin key.');
      else setFeedState(state);
    },
  });
  if (!fitted) await fitFleet();
  if (key) refresh();
}

const authorized = (init = {}) => ({ ...init, headers: { ...(init.headers ?? {}), 'X-Api-Key': key, Accept: 'application/json' } });

/** Stops on a refused key; true when the response may be read. */
function accepted(response) {
  if (response.status === 401 || response.status === 403) {
    askForKey('That key was refused: the ops page needs an admin key.');
    return false;
  }
  return response.ok;
}

// ---- the fleet map -----------------------------------------------------------------------

const floor5 = (v) => Math.floor(v * 1e5) / 1e5;
const ceil5 = (v) => Math.ceil(v * 1e5) / 1e5;

/**
 * The box to ask for around `bounds`, in the API's terms: longitudes within [-180, 180], west before
 * east. A view across the antimeridian (the map wraps) asks for every longitude.
 */
function boxOf(bounds) {
  const south = Math.max(-90, floor5(bounds.getSouth()));
  const north = Math.min(90, ceil5(bounds.getNorth()));
  const across = bounds.getWest() < -180 || bounds.getEast() > 180;
  return across ? [-180, south, 180, north] : [floor5(bounds.getWest()), south, ceil5(bounds.getEast()), north];
}

/** Whether the last view asked for still holds what the map shows: same zoom, the viewport inside its box. */
function covers(view) {
  if (!view || view.zoom !== map.getZoom()) return false;
  const [west, south, east, north] = boxOf(map.getBounds());
  return west >= view.bbox[0] && south >= view.bbox[1] && east <= view.bbox[2] && north <= view.bbox[3];
}

/** Fits the map to the fleet once, from the clusters of the whole world (a few dozen cells, not the fleet). */
async function fitFleet() {
  try {
    const response = await fetch('/api/ops/map?bbox=-180,-90,180,90&zoom=2', authorized());
    if (!accepted(response)) return;
    const answer = await response.json();
    fitted = true;
    const points = answer.mode === 'clusters'
      ? answer.clusters.map((c) => [c.lat, c.lon])
      : answer.vehicles.map((v) => [v.location.lat, v.location.lon]);
    if (points.length > 0) map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 10 });
  } catch {
    // The regular refresh shows the error.
  }
}

/**
 * Asks for the view: what changed since the last answer when the map still shows that view, else the
 * whole view. A refresh started while one is under way (a pan) cancels it.
 */
async function refresh() {
  clearTimeout(pollTimer);
  refreshing?.abort();
  const controller = new AbortController();
  refreshing = controller;
  const follow = covers(asked) ? asked : null;
  const view = follow ?? { bbox: boxOf(map.getBounds().pad(VIEW_PADDING)), zoom: map.getZoom() };
  const since = follow?.cursor ? `&since=${encodeURIComponent(follow.cursor)}` : '';
  try {
    const response = await fetch(`/api/ops/map?bbox=${view.bbox.join(',')}&zoom=${view.zoom}${since}`, authorized({ signal: controller.signal }));
    if (!accepted(response)) {
      if (!key) return;
      $('fleet-error').hidden = false;
    } else {
      const t0 = performance.now();
      const answer = await response.json();
      if (controller.signal.aborted) return;
      const t1 = performance.now();
      asked = { ...view, cursor: answer.cursor };
      showMap(answer);
      // Visible in the browser's performance tools: what one refresh costs.
      performance.measure('ops:fleet-parse', { start: t0, end: t1 });
      performance.measure('ops:fleet-update', { start: t1, end: performance.now() });
      $('fleet-error').hidden = true;
    }
  } catch {
    if (controller.signal.aborted) return;
    $('fleet-error').hidden = false;
  }
  if (refreshing !== controller || !key) return;
  refreshing = null;
  if (filterText()) search();
  pollTimer = setTimeout(refresh, Math.max(1, config.vehiclePollSeconds ?? 3) * 1000);
}

function showMap(answer) {
  if (answer.mode === 'clusters') {
    fleetLayer.clearLayers();
    markers.clear();
    if (answer.full) drawClusters(answer.clusters);
  } else {
    clusterLayer.clearLayers();
    clusterCount = 0;
    if (answer.full) {
      const present = new Set(answer.vehicles.map((v) => v.vehicleId));
      for (const id of [...markers.keys()]) if (!present.has(id)) removeMarker(id);
    }
    for (const v of answer.vehicles) placeVehicle(v);
    for (const id of answer.left) removeMarker(id);
  }
  const count = $('vehicle-count');
  count.dataset.count = String(answer.fleet.vehicles);
  count.textContent = `${answer.fleet.vehicles.toLocaleString()} vehicles`;
  $('moving-count').textContent = `${answer.fleet.moving.toLocaleString()} moving`;
  $('stopped-count').textContent = `${(answer.fleet.vehicles - answer.fleet.moving).toLocaleString()} stopped`;
  const element = $('map');
  element.dataset.mode = answer.mode;
  element.dataset.markers = String(markers.size);
  element.dataset.clusters = String(clusterCount);
  element.dataset.within = String(answer.within);
  showSelected();
  if (!filterText()) renderList();
}

/** Clusters as numbered discs (DOM elements: a few hundred at most); a click zooms in on one. */
function drawClusters(clusters) {
  clusterLayer.clearLayers();
  clusterCount = clusters.length;
  for (const c of clusters) {
    const size = c.count < 100 ? 30 : c.count < 1000 ? 38 : 46;
    const icon = L.divIcon({
      className: 'cluster',
      html: `<span data-count="${c.count}" data-moving="${c.moving}">${compact(c.count)}</span>`,
      iconSize: [size, size],
    });
    const marker = L.marker([c.lat, c.lon], { icon, title: `${c.count.toLocaleString()} vehicles, ${c.moving.toLocaleString()} moving`, keyboard: false });
    marker.on('click', () => map.setView([c.lat, c.lon], Math.min(map.getZoom() + 2, map.getMaxZoom())));
    clusterLayer.addLayer(marker);
  }
}

const compact = (n) => (n < 1000 ? String(n) : n < 10000 ? `${(n / 1000).toFixed(1)}k` : `${Math.round(n / 1000)}k`);

/** Creates or moves one vehicle's marker, touching the canvas only when something changed. */
function placeVehicle(v) {
  const { lat, lon } = v.location;
  const entry = markers.get(v.vehicleId);
  if (!entry) {
    const marker = L.circleMarker([lat, lon], styleOf(v.vehicleId, v.moving));
    marker.on('click', () => select(v.vehicleId));
    fleetLayer.addLayer(marker);
    markers.set(v.vehicleId, { marker, data: v });
    return;
  }
  const before = entry.data;
  entry.data = v;
  if (before.location.lat !== lat || before.location.lon !== lon) entry.marker.setLatLng([lat, lon]);
  if (before.moving !== v.moving) entry.marker.setStyle(styleOf(v.vehicleId, v.moving));
}

function removeMarker(id) {
  const entry = markers.get(id);
  if (!entry) return;
  fleetLayer.removeLayer(entry.marker);
  markers.delete(id);
}

const styleOf = (id, moving) => ({ ...(moving ? MOVING : STOPPED), ...(id === selected ? { radius: 9, weight: 3 } : {}) });

/** The selected vehicle's marker, on the map element for tests and support: where the map draws it. */
function showSelected() {
  const element = $('map');
  const entry = selected && markers.get(selected);
  if (entry) {
    const at = entry.marker.getLatLng();
    element.dataset.selected = selected;
    element.dataset.selectedLat = String(at.lat);
    element.dataset.selectedLon = String(at.lng);
  } else {
    delete element.dataset.selected;
    delete element.dataset.selectedLat;
    delete element.dataset.selectedLon;
  }
}

// ---- the side list -----------------------------------------------------------------------

const filterText = () => $('vehicle-filter').value.trim();

/** Vehicles whose id holds the filter, from the whole fleet (GET /api/vehicles?search=), re-read with every refresh. */
async function search() {
  clearTimeout(searchTimer);
  const text = filterText();
  if (!text) {
    renderList();
    return;
  }
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(text)) {
    listed = [];
    listedMore = false;
    renderList();
    return;
  }
  try {
    const response = await fetch(`/api/vehicles?search=${encodeURIComponent(text)}&limit=${MAX_LISTED + 1}`, authorized());
    if (!accepted(response) || filterText() !== text) return;
    const rows = await response.json();
    listed = rows.slice(0, MAX_LISTED);
    listedMore = rows.length > MAX_LISTED;
    renderList();
  } catch {
    $('fleet-error').hidden = false;
  }
}

/** The side list: the search's matches while filtering, else the vehicles the map shows in the viewport. */
function renderList() {
  let rows;
  let more = '';
  if (filterText()) {
    rows = listed;
    if (listedMore) more = 'More match: narrow the filter';
  } else if ($('map').dataset.mode === 'clusters') {
    rows = [];
    more = 'Zoom in to list the vehicles here, or filter by id';
  } else {
    const bounds = map.getBounds();
    const inView = [...markers.values()].map((e) => e.data).filter((v) => bounds.contains([v.location.lat, v.location.lon]));
    inView.sort((a, b) => (a.vehicleId < b.vehicleId ? -1 : a.vehicleId > b.vehicleId ? 1 : 0));
    rows = inView.slice(0, MAX_LISTED);
    if (inView.length > MAX_LISTED) more = `${(inView.length - MAX_LISTED).toLocaleString()} more here: zoom in or filter`;
  }
  const list = $('vehicle-list');
  list.replaceChildren(...rows.map((v) => {
    const item = document.createElement('li');
    item.dataset.vehicleId = v.vehicleId;
    item.dataset.lat = String(v.location.lat);
    item.dataset.lon = String(v.location.lon);
    item.dataset.moving = String(!!v.moving);
    item.classList.toggle('selected', v.vehicleId === selected);
    const button = document.createElement('button');
    button.type = 'button';
    button.innerHTML = `<span class="dot ${v.moving ? 'moving' : 'stopped'}"></span>`;
    button.append(document.createTextNode(v.vehicleId));
    const speed = document.createElement('span');
    speed.className = 'speed';
    speed.textContent = v.moving && v.speedKmh != null ? `${Math.round(v.speedKmh)} km/h` : 'stopped';
    button.append(speed);
    button.addEventListener('click', () => select(v.vehicleId, true, [v.location.lat, v.location.lon]));
    item.append(button);
    return item;
  }));
  $('vehicle-more').hidden = !more;
  $('vehicle-more').textContent = more;
}

// ---- one vehicle -------------------------------------------------------------------------

/** Shows a vehicle's details; with `pan`, zooms in on it (at `at`, or where its details say it is). */
async function select(id, pan = false, at = null) {
  const previous = selected;
  selected = id;
  for (const v of [previous, id]) {
    const entry = v && markers.get(v);
    if (entry) entry.marker.setStyle(styleOf(v, entry.data.moving));
  }
  const entry = markers.get(id);
  entry?.marker.bringToFront();
  const goTo = (latLng) => map.setView(latLng, Math.max(map.getZoom(), SELECT_ZOOM));
  if (pan && (entry || at)) goTo(entry ? entry.marker.getLatLng() : at);
  showSelected();
  renderList();
  choosePlayback?.('vehicle', id);
  const panel = $('vehicle-details');
  panel.hidden = false;
  panel.dataset.vehicleId = id;
  panel.replaceChildren(heading(id));
  try {
    const response = await fetch(`/api/vehicles/${encodeURIComponent(id)}`, authorized());
    if (!accepted(response) || selected !== id) return;
    const vehicle = await response.json();
    showDetails(panel, vehicle);
    if (pan && !entry && !at && vehicle.location) goTo([vehicle.location.lat, vehicle.location.lon]);
  } catch {
    panel.append(paragraph('Could not load this vehicle.'));
  }
}

function showDetails(panel, v) {
  panel.replaceChildren(heading(v.vehicleId));
  const facts = document.createElement('dl');
  const fact = (term, value) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    if (value instanceof Node) dd.append(value); else dd.textContent = value;
    facts.append(dt, dd);
  };
  fact('State', v.moving ? 'Moving' : v.stoppedSince ? `Stopped since ${formatTime(v.stoppedSince)}` : 'Stopped');
  if (v.location) fact('Position', `${v.location.lat.toFixed(5)}, ${v.location.lon.toFixed(5)} (${formatTime(v.location.at)})`);
  if (v.speedKmh != null) fact('Speed', `${Math.round(v.speedKmh)} km/h`);
  if (v.headingDeg != null) fact('Heading', `${Math.round(v.headingDeg)}°`);
  fact('Geofences', v.insideGeofences?.length ? v.insideGeofences.join(', ') : 'none');
  const shipments = document.createElement('ul');
  shipments.id = 'vehicle-shipments';
  for (const tn of v.shipments ?? []) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/track/${encodeURIComponent(tn)}`;
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = tn;
    item.append(link);
    shipments.append(item);
  }
  fact('Shipments', v.shipments?.length ? shipments : 'none');
  const ignored = Object.entries(v.ignoredPings ?? {}).filter(([, n]) => n > 0);
  if (ignored.length) fact('Ignored pings', ignored.map(([reason, n]) => `${reason} ${n}`).join(', '));
  panel.append(facts);
}

function heading(text) {
  const h = document.createElement('h2');
  h.textContent = text;
  return h;
}

function paragraph(text) {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

// ---- geofences ----------------------------------------------------------------------------

let geofenceLayer = null;

/** Draws the geofences when the API has them; a 404 (not deployed yet) or any failure leaves the map without. */
async function loadGeofences() {
  try {
    const response = await fetch('/api/geofences', authorized());
    if (!response.ok) return;
    const collection = await response.json();
    geofenceLayer?.remove();
    geofenceLayer = L.geoJSON(collection, {
      interactive: false,
      style: (feature) => GEOFENCE_STYLE[feature.properties?.kind] ?? GEOFENCE_STYLE.Zone,
      // A Point fence is a circle of properties.radiusM.
      pointToLayer: (feature, latLng) => L.circle(latLng, { radius: feature.properties?.radiusM ?? 100 }),
    }).addTo(map);
    geofenceLayer.eachLayer((layer) => {
      // A LineString fence is a corridor of properties.widthM: at least visible, however zoomed.
      if (layer instanceof L.Polyline && !(layer instanceof L.Polygon)) layer.setStyle({ weight: 6, opacity: 0.5 });
    });
    $('geofence-count').textContent = `${collection.features?.length ?? 0} geofences`;
    $('geofence-count').hidden = false;
  } catch {
    // Quietly without geofences.
  }
}

// ---- the alert feed -----------------------------------------------------------------------

function setFeedState(state) {
  const element = $('feed-state');
  element.dataset.state = state;
  element.textContent = state === 'open' ? 'Live' : state === 'retrying' ? 'Reconnecting…' : 'Connecting…';
}

function onFeedMessage(message) {
  if (message.type === 'heartbeat') return;
  let event;
  try {
    event = JSON.parse(message.data);
  } catch {
    return;
  }
  if (event.type === 'SupplyChain.LocationUpdated') return;
  if (!event.id || seenAlerts.has(event.id)) return;
  seenAlerts.add(event.id);
  trackPromise(event);
  // Only recent copies matter for deduplication: forget the oldest ids (a Set iterates in insertion order).
  if (seenAlerts.size > 10 * MAX_ALERTS) seenAlerts.delete(seenAlerts.values().next().value);
  const list = $('alert-feed');
  const item = document.createElement('li');
  item.dataset.type = event.type;
  item.dataset.id = event.id;
  item.classList.toggle('problem', isProblem(event));
  const what = document.createElement('span');
  what.textContent = eventWords(event);
  const when = document.createElement('time');
  when.dateTime = event.time;
  when.textContent = formatTime(event.time);
  item.append(what, when);
  const vehicleId = event.data?.vehicleId;
  if (vehicleId) item.addEventListener('click', () => select(vehicleId, true));
  list.prepend(item);
  while (list.children.length > MAX_ALERTS) list.lastElementChild.remove();
  $('alerts-empty').hidden = true;
}

// ---- promises -----------------------------------------------------------------------------

// trackingNumber -> { state: 'AtRisk' | 'Late', promisedBy, eta, lateByMinutes }: what the feed said last.
const promises = new Map();
const LATE_FIRST = { Late: 0, AtRisk: 1 };

/**
 * Keeps the promise list in step with the feed: a shipment comes in at risk or late, leaves when back
 * on track (a late one stays: the promise is missed whatever the estimate says now) or delivered
 * (nothing left to act on), and follows its estimate meanwhile. A new promise date replaces a missed one.
 */
function trackPromise(event) {
  const d = event.data ?? {};
  const tn = d.trackingNumber ?? event.subject;
  const entry = tn && promises.get(tn);
  switch (event.type) {
    case 'SupplyChain.DeliveryAtRisk':
      if (entry?.state === 'Late' && entry.promisedBy === d.promisedBy) return;
      promises.set(tn, { state: 'AtRisk', promisedBy: d.promisedBy, eta: d.eta, lateByMinutes: d.lateByMinutes });
      break;
    case 'SupplyChain.DeliveryBackOnTrack':
      if (entry?.state !== 'AtRisk') return;
      promises.delete(tn);
      break;
    case 'SupplyChain.DeliveryLate':
      promises.set(tn, { ...(entry ?? {}), state: 'Late', promisedBy: d.promisedBy });
      break;
    case 'SupplyChain.ETARecalculated':
      // A listed shipment's estimate moved: show the new one, not the one that put it on the list.
      if (!entry || !d.eta) return;
      entry.eta = d.eta;
      entry.lateByMinutes = Math.max(0, Math.ceil((new Date(d.eta) - new Date(entry.promisedBy)) / 60_000));
      break;
    case 'SupplyChain.Delivered':
      if (!entry) return;
      promises.delete(tn);
      break;
    default:
      return;
  }
  renderPromises();
}

/** Late ones first, the longest overdue on top; then those at risk, the furthest behind on top. */
function byUrgency([, a], [, b]) {
  if (a.state !== b.state) return LATE_FIRST[a.state] - LATE_FIRST[b.state];
  return a.state === 'Late' ? new Date(a.promisedBy) - new Date(b.promisedBy) : (b.lateByMinutes ?? 0) - (a.lateByMinutes ?? 0);
}

function renderPromises() {
  const rows = [...promises.entries()].sort(byUrgency);
  $('promise-list').replaceChildren(...rows.map(([tn, p]) => {
    const item = document.createElement('li');
    item.dataset.trackingNumber = tn;
    item.dataset.state = p.state;
    item.className = 'problem';
    const what = document.createElement('div');
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'link-button';
    open.title = 'Show its vehicle on the map';
    open.textContent = tn;
    open.addEventListener('click', () => showShipment(tn));
    const words = document.createElement('span');
    words.textContent = promiseWords(p);
    what.append(open, words);
    const track = document.createElement('a');
    track.href = `/track/${encodeURIComponent(tn)}`;
    track.target = '_blank';
    track.rel = 'noopener';
    track.textContent = 'Track';
    item.append(what, track);
    return item;
  }));
  $('promises-empty').hidden = rows.length > 0;
  const count = $('promise-count');
  count.dataset.count = String(rows.length);
  count.textContent = String(rows.length);
  count.hidden = rows.length === 0;
}

/** Selects the shipment's vehicle on the map; without one (not on board), opens its tracking page. */
async function showShipment(tn) {
  try {
    const response = await fetch(`/api/shipments/${encodeURIComponent(tn)}`, authorized());
    if (!accepted(response)) return;
    const shipment = await response.json();
    if (shipment.vehicleId) select(shipment.vehicleId, true);
    else window.open(`/track/${encodeURIComponent(tn)}`, '_blank', 'noopener');
  } catch {
    // The list stays; a second click asks again.
  }
}
