// The ops page, /ops: every vehicle on a canvas map (10,000 stay smooth: no DOM per vehicle),
// the geofences, and the live alert feed. The page itself is public; every API call carries the
// admin key, asked once per browser tab and kept in sessionStorage (gone when the tab closes).
/* global L */
import { createMap, mapConfig } from './basemap.js';
import { eventWords, isProblem, formatTime } from './words.js';
import { openEventStream } from './sse-fetch.js';

const KEY_STORAGE = 'supplychain.opsKey';
const MAX_ALERTS = 200;
const MAX_LISTED = 100;
const MOVING = { radius: 5, color: '#0b6e3c', weight: 1, fillColor: '#22a35a', fillOpacity: 0.95 };
const STOPPED = { radius: 5, color: '#c0392b', weight: 2.5, fillColor: '#ffffff', fillOpacity: 0.9 };
const GEOFENCE_STYLE = {
  Depot: { color: '#2e7d32', fillColor: '#66bb6a', fillOpacity: 0.15, weight: 2 },
  Restricted: { color: '#c62828', fillColor: '#ef5350', fillOpacity: 0.18, weight: 2 },
  Zone: { color: '#1565c0', fillColor: '#42a5f5', fillOpacity: 0.1, weight: 2, dashArray: '6 4' },
};

const $ = (id) => document.getElementById(id);
const config = mapConfig();
const vehicles = new Map(); // vehicleId -> { marker, data }
const seenAlerts = new Set();
let map;
let fleetLayer;
let key = sessionStorage.getItem(KEY_STORAGE);
let selected = null;
let pollTimer = 0;
let closeFeed = null;
let fitted = false;

$('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = $('key-input').value.trim();
  if (!value) return;
  key = value;
  sessionStorage.setItem(KEY_STORAGE, key);
  start();
});
$('forget-key').addEventListener('click', () => askForKey(''));
$('vehicle-filter').addEventListener('input', () => renderList());

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
  closeFeed?.();
  closeFeed = null;
}

function start() {
  stop();
  $('key-dialog').hidden = true;
  document.body.dataset.state = 'ready';
  if (!map) {
    map = createMap($('map'), config, { preferCanvas: true, outlines: '50m' });
    map.setView([51, 8], 5);
    fleetLayer = L.layerGroup().addTo(map);
  }
  loadGeofences();
  poll();
  closeFeed = openEventStream('/api/ops/live', {
    headers: { 'X-Api-Key': key },
    onEvent: onFeedMessage,
    onState: (state) => {
      if (state === 'unauthorized') askForKey('That key was refused: the ops page needs an admin key.');
      else setFeedState(state);
    },
  });
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

// ---- vehicles -----------------------------------------------------------------------------

async function poll() {
  clearTimeout(pollTimer);
  try {
    const response = await fetch('/api/vehicles', authorized());
    if (!accepted(response)) {
      if (!key) return;
    } else {
      const t0 = performance.now();
      const list = await response.json();
      const t1 = performance.now();
      showFleet(list);
      // Visible in the browser's performance tools: how long one poll costs with this fleet.
      performance.measure('ops:fleet-parse', { start: t0, end: t1 });
      performance.measure('ops:fleet-update', { start: t1, end: performance.now() });
      $('fleet-error').hidden = true;
    }
  } catch {
    $('fleet-error').hidden = false;
  }
  if (key) pollTimer = setTimeout(poll, Math.max(1, config.vehiclePollSeconds ?? 3) * 1000);
}

function showFleet(list) {
  const present = new Set();
  let moving = 0;
  for (const v of list) {
    if (!v.location) continue;
    present.add(v.vehicleId);
    if (v.moving) moving += 1;
    placeVehicle(v);
  }
  for (const [id, entry] of vehicles) {
    if (!present.has(id)) {
      fleetLayer.removeLayer(entry.marker);
      vehicles.delete(id);
    }
  }
  const count = $('vehicle-count');
  count.dataset.count = String(vehicles.size);
  count.textContent = `${vehicles.size.toLocaleString()} vehicles`;
  $('moving-count').textContent = `${moving.toLocaleString()} moving`;
  $('stopped-count').textContent = `${(vehicles.size - moving).toLocaleString()} stopped`;
  if (!fitted && vehicles.size > 0) {
    fitted = true;
    const bounds = L.latLngBounds([...vehicles.values()].map((e) => e.marker.getLatLng()));
    map.fitBounds(bounds, { padding: [40, 40], maxZoom: 10 });
  }
  renderList();
}

/** Creates or moves one vehicle's marker, touching the canvas only when something changed. */
function placeVehicle(v) {
  const { lat, lon } = v.location;
  const entry = vehicles.get(v.vehicleId);
  if (!entry) {
    const marker = L.circleMarker([lat, lon], v.moving ? MOVING : STOPPED);
    marker.on('click', () => select(v.vehicleId));
    fleetLayer.addLayer(marker);
    vehicles.set(v.vehicleId, { marker, data: v });
    return;
  }
  const before = entry.data;
  entry.data = { ...before, ...v };
  if (before.location.lat !== lat || before.location.lon !== lon) entry.marker.setLatLng([lat, lon]);
  if (before.moving !== v.moving) entry.marker.setStyle(styleOf(v.vehicleId, v.moving));
}

const styleOf = (id, moving) => ({ ...(moving ? MOVING : STOPPED), ...(id === selected ? { radius: 9, weight: 3 } : {}) });

function renderList() {
  const filter = $('vehicle-filter').value.trim().toLowerCase();
  const matches = [];
  for (const [id, entry] of vehicles) {
    if (!filter || id.toLowerCase().includes(filter)) matches.push(entry.data);
  }
  matches.sort((a, b) => (a.vehicleId < b.vehicleId ? -1 : a.vehicleId > b.vehicleId ? 1 : 0));
  const list = $('vehicle-list');
  list.replaceChildren(...matches.slice(0, MAX_LISTED).map((v) => {
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
    button.addEventListener('click', () => select(v.vehicleId, true));
    item.append(button);
    return item;
  }));
  $('vehicle-more').hidden = matches.length <= MAX_LISTED;
  $('vehicle-more').textContent = `${(matches.length - MAX_LISTED).toLocaleString()} more: narrow the filter`;
}

async function select(id, pan = false) {
  const previous = selected;
  selected = id;
  for (const v of [previous, id]) {
    const entry = v && vehicles.get(v);
    if (entry) entry.marker.setStyle(styleOf(v, entry.data.moving));
  }
  const entry = vehicles.get(id);
  if (entry) {
    entry.marker.bringToFront();
    if (pan) map.panTo(entry.marker.getLatLng());
  }
  renderList();
  const panel = $('vehicle-details');
  panel.hidden = false;
  panel.dataset.vehicleId = id;
  panel.replaceChildren(heading(id));
  try {
    const response = await fetch(`/api/vehicles/${encodeURIComponent(id)}`, authorized());
    if (!accepted(response) || selected !== id) return;
    showDetails(panel, await response.json());
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
