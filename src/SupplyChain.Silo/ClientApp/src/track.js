// The customer's page, /track/{trackingNumber}: the shipment on a map, its status, ETA,
// milestones and updates, kept live by the shipment's Server-Sent Events.
/* global L */
import { createMap, mapConfig } from './basemap.js';
import { statusWords, scanWords, eventWords, isProblem, formatTime, differ } from './words.js';

const LIVE_TYPES = [
  'SupplyChain.ShipmentStatusChanged', 'SupplyChain.Delivered', 'SupplyChain.LocationUpdated',
  'SupplyChain.ETARecalculated', 'SupplyChain.ArrivingSoon', 'SupplyChain.NoMovementDetected',
  'SupplyChain.GeofenceBreached', 'SupplyChain.GeofenceEntered', 'SupplyChain.GeofenceExited',
  'SupplyChain.DeliveryAtRisk', 'SupplyChain.DeliveryBackOnTrack', 'SupplyChain.DeliveryLate',
  'SupplyChain.MilestoneReached',
];
// What the promise events say of the delivery, as the shipment's `promise` does.
const PROMISE_OF = {
  'SupplyChain.DeliveryAtRisk': 'AtRisk', 'SupplyChain.DeliveryBackOnTrack': 'OnTrack', 'SupplyChain.DeliveryLate': 'Late',
};
const PROMISE_WORDS = { AtRisk: 'At risk of arriving late', Late: 'Late' };
const LOCATION_UPDATED = 'SupplyChain.LocationUpdated';
// Every scan comes as a MilestoneReached, shown in the milestones rather than among the updates.
const MILESTONE_REACHED = 'SupplyChain.MilestoneReached';
// An occasional re-read keeps what the feed does not carry (the plan, an edited account) honest.
const REFRESH_EVERY_MS = 60_000;
const MAX_PATH_POINTS = 5_000;
// A disc with an arrow pointing north; the arrow shows, turned to the heading, once a fix has one.
const VEHICLE_SVG = '<svg class="vehicle-arrow" viewBox="0 0 30 30" width="30" height="30" aria-hidden="true">'
  + '<circle cx="15" cy="15" r="12.5" fill="#1565c0" stroke="#fff" stroke-width="3"/>'
  + '<path class="arrow" d="M15 6.5 L20.5 20.5 L15 17.2 L9.5 20.5 Z" fill="#fff"/></svg>';

const $ = (id) => document.getElementById(id);
const trackingNumber = decodeURIComponent(location.pathname.replace(/^\/track\//, '').replace(/\/+$/, ''));
// A carrier that requires tracking tokens hands out /track/{number}?token=...; a number that several
// carriers use is told apart by ?carrier=. Both go with every read.
const pageQuery = new URLSearchParams(location.search);
const readQuery = new URLSearchParams();
for (const name of ['token', 'carrier']) {
  if (pageQuery.get(name)) readQuery.set(name, pageQuery.get(name));
}
const query = readQuery.size ? `?${readQuery}` : '';
const api = `/api/shipments/${encodeURIComponent(trackingNumber)}`;

const state = {
  seen: new Set(),          // event ids already shown: the feed replays history and reconnects overlap
  source: null,
  reconnectTimer: 0,
  retryMs: 1_000,
  disconnectedAt: null,     // set while the live feed is down
  catchingUp: false,        // from a drop until the re-read after reconnecting has landed
  missed: [],
  lastFixAt: 0,
  fitted: false,
  refreshTimer: 0,
};

let map;
let vehicle;
let pathLine;
let routeLine;
let destination;

start();

async function start() {
  $('tn').textContent = trackingNumber;
  document.title = `Tracking ${trackingNumber}`;
  const shipment = await load();
  if (!shipment) return;
  connect();
  window.addEventListener('offline', () => { disconnected(); state.source?.close(); });
  window.addEventListener('online', () => reconnectSoon(0));
  setInterval(() => { if (!document.hidden) refresh(); }, REFRESH_EVERY_MS);
}

async function load() {
  let response;
  try {
    response = await fetch(api + query, { headers: { Accept: 'application/json' } });
  } catch {
    showProblem('We could not reach the tracking service. Please check your connection and reload the page.');
    return null;
  }
  // 400 (not a tracking number at all) reads the same to a customer as 404.
  if (response.status === 404 || response.status === 400) {
    document.body.dataset.state = 'not-found';
    $('shipment').hidden = true;
    $('not-found').hidden = false;
    $('not-found-tn').textContent = trackingNumber;
    document.title = 'Tracking number not found';
    return null;
  }
  if (response.status === 409) {
    const problem = await response.json().catch(() => ({}));
    showCarrierChoice(Array.isArray(problem.carriers) ? problem.carriers : []);
    return null;
  }
  if (!response.ok) {
    showProblem('The tracking service is having trouble right now. Please try again in a minute.');
    return null;
  }
  const shipment = await response.json();
  document.body.dataset.state = 'ready';
  $('shipment').hidden = false;
  map ??= createMap($('map'), mapConfig(), { outlines: '50m' });
  render(shipment);
  return shipment;
}

// Several carriers use this number: the customer picks theirs, and the page reloads for it.
function showCarrierChoice(carriers) {
  document.body.dataset.state = 'choose-carrier';
  $('shipment').hidden = true;
  $('choose-carrier').hidden = false;
  $('choose-carrier-tn').textContent = trackingNumber;
  const list = $('carriers');
  list.replaceChildren(...carriers.map((carrier) => {
    const link = document.createElement('a');
    const next = new URLSearchParams(pageQuery);
    next.set('carrier', carrier);
    link.href = `${location.pathname}?${next}`;
    link.textContent = carrier;
    const item = document.createElement('li');
    item.append(link);
    return item;
  }));
  document.title = 'Choose your carrier';
}

function showProblem(text) {
  document.body.dataset.state = 'error';
  $('problem').textContent = text;
  $('problem').hidden = false;
}

// ---- the live feed ----------------------------------------------------------------------

function connect() {
  clearTimeout(state.reconnectTimer);
  state.source?.close();
  // Always the whole stored history (at most a few hundred events; duplicates are dropped by id)
  // rather than only what follows Last-Event-ID: the feed sends its response headers with its
  // first event, and after an uneventful gap there may be none until the next heartbeat.
  const source = new EventSource(`${api}/live${query}`);
  state.source = source;
  setLive(state.disconnectedAt ? 'offline' : 'connecting');
  source.onopen = opened;
  source.onerror = () => {
    // Closing stops the browser's own retry, which would resume after Last-Event-ID (see above).
    source.close();
    disconnected();
    reconnectSoon(state.retryMs);
    state.retryMs = Math.min(state.retryMs * 2, 30_000);
  };
  for (const type of LIVE_TYPES) source.addEventListener(type, onMessage);
}

/** The feed is up: on its first bytes after a drop, catch up on what it cannot replay. */
function opened() {
  state.retryMs = 1_000;
  setLive('live');
  if (state.disconnectedAt) catchUp();
}

function reconnectSoon(delayMs) {
  clearTimeout(state.reconnectTimer);
  state.reconnectTimer = setTimeout(() => { if (navigator.onLine !== false) connect(); }, delayMs);
}

function disconnected() {
  if (!state.disconnectedAt) {
    state.disconnectedAt = new Date();
    state.catchingUp = true;
  }
  setLive('offline');
}

/** After a drop: re-read the shipment for what the replay cannot carry (position, milestones), then tell what changed. */
async function catchUp() {
  const before = state.disconnectedAt;
  state.disconnectedAt = null;
  await refresh();
  state.catchingUp = false;
  showMissed(before);
}

function setLive(live) {
  const element = $('live');
  element.dataset.state = live;
  element.textContent = live === 'live' ? 'Live' : live === 'offline' ? 'Reconnecting…' : 'Connecting…';
}

function onMessage(message) {
  if ($('live').dataset.state !== 'live') opened();
  let event;
  try {
    event = JSON.parse(message.data);
  } catch {
    return;
  }
  if (event.type === LOCATION_UPDATED) {
    moveVehicle(event.data);
    return;
  }
  if (!remember(event)) return;
  const d = event.data ?? {};
  if (event.type === MILESTONE_REACHED) {
    addMilestone(d);
  } else if (event.type === 'SupplyChain.ShipmentStatusChanged') {
    showStatus(d.status, d.statusDetail);
  } else if (event.type === 'SupplyChain.ETARecalculated' || event.type === 'SupplyChain.ArrivingSoon') {
    if (d.eta) showEta({ ...currentEta(), eta: d.eta });
  } else if (PROMISE_OF[event.type]) {
    showEta({ ...currentEta(), promise: PROMISE_OF[event.type], ...(d.eta ? { eta: d.eta } : {}) });
  }
  refreshSoon();
}

/** Records an outbound event once; false when it was already shown. */
function remember(event) {
  if (!event?.id || state.seen.has(event.id)) return false;
  state.seen.add(event.id);
  if (event.type === MILESTONE_REACHED) return true;
  addAlert(event);
  if (state.catchingUp) state.missed.push(event);
  return true;
}

function refreshSoon() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(refresh, 250);
}

async function refresh() {
  try {
    const response = await fetch(api + query, { headers: { Accept: 'application/json' } });
    if (response.ok) render(await response.json());
  } catch {
    // Offline: the live feed's reconnect brings the next re-read.
  }
}

// ---- rendering ----------------------------------------------------------------------------

function render(s) {
  // The view first: Leaflet creates a marker's element only once the map has one.
  fitOnce(s);
  showStatus(s.status, s.statusDetail);
  showEta({ eta: s.eta, originalEta: s.originalEta, promisedBy: s.promisedBy ?? s.plan?.promisedBy, promise: s.promise, status: s.status, milestones: s.milestones });
  showMilestones(s.milestones ?? []);
  // Alerts come newest first; remember oldest first so the list's order is the feed's.
  for (const alert of [...(s.alerts ?? [])].reverse()) remember(alert);
  drawPlan(s.plan);
  if (s.location) {
    moveVehicle({ location: s.location, at: s.location.at, vehicleId: s.vehicleId });
  }
}

function showStatus(status, detail) {
  const element = $('status');
  element.textContent = statusWords(status);
  element.dataset.status = status ?? '';
  $('shipment').dataset.status = status ?? '';
  $('status-detail').textContent = detail ? `Last scan: ${scanWords(detail)}` : '';
}

let etaShown = {};
const currentEta = () => etaShown;

function showEta(e) {
  etaShown = { ...etaShown, ...e };
  const { eta, originalEta, promisedBy, promise, status, milestones } = etaShown;
  const box = $('eta');
  const value = $('eta-value');
  const delivered = status === 'Delivered';
  const deliveredAt = delivered ? [...(milestones ?? [])].reverse().find((m) => m.scanType === 'Delivered')?.at : null;
  box.hidden = !(eta || promisedBy || deliveredAt);
  $('eta-label').textContent = delivered ? 'Delivered' : eta ? 'Estimated delivery' : 'Delivery promised by';
  const shown = delivered ? deliveredAt : eta ?? promisedBy;
  value.textContent = formatTime(shown);
  value.dataset.eta = eta ?? '';
  const original = $('eta-original');
  original.hidden = delivered || !differ(eta, originalEta);
  original.textContent = `First estimate: ${formatTime(originalEta)}`;
  const promised = $('eta-promised');
  promised.hidden = delivered || !eta || !differ(eta, promisedBy);
  promised.textContent = `Promised by ${formatTime(promisedBy)}`;
  promised.classList.toggle('late', !!eta && !!promisedBy && new Date(eta) > new Date(promisedBy));
  const standing = $('eta-promise');
  standing.hidden = delivered || !promisedBy || !PROMISE_WORDS[promise];
  standing.textContent = PROMISE_WORDS[promise] ?? '';
  standing.dataset.promise = promise ?? '';
}

let milestonesShown = [];

/** A milestone from the live feed, in event-time order, before the next re-read brings the same. */
function addMilestone(m) {
  if (!m.scanType || !m.at) return;
  if (milestonesShown.some((x) => x.scanType === m.scanType && x.at === m.at)) return;
  showMilestones([...milestonesShown, m].sort((a, b) => new Date(a.at) - new Date(b.at)));
}

function showMilestones(milestones) {
  milestonesShown = milestones;
  const list = $('milestones');
  list.replaceChildren(...[...milestones].reverse().map((m) => {
    const item = document.createElement('li');
    item.dataset.scanType = m.scanType;
    const what = document.createElement('strong');
    what.textContent = scanWords(m.scanType);
    const when = document.createElement('time');
    when.dateTime = m.at;
    when.textContent = formatTime(m.at);
    item.append(what, when);
    const where = [m.facilityId, m.note].filter(Boolean).join(' · ');
    if (where) {
      const more = document.createElement('span');
      more.textContent = where;
      item.append(more);
    }
    return item;
  }));
  $('milestones-empty').hidden = milestones.length > 0;
}

function alertItem(event) {
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
  return item;
}

function addAlert(event) {
  const list = $('alerts');
  list.prepend(alertItem(event));
  $('alerts-empty').hidden = true;
}

function showMissed(since) {
  if (state.missed.length === 0) return;
  const box = $('missed');
  $('missed-since').textContent = since ? `since ${formatTime(since.toISOString())}` : '';
  const list = $('missed-list');
  for (const event of state.missed) list.prepend(alertItem(event));
  state.missed = [];
  box.hidden = false;
}

// ---- the map ------------------------------------------------------------------------------

function drawPlan(plan) {
  if (!plan || routeLine || destination) return;
  if (plan.route?.coordinates?.length >= 2) {
    routeLine = L.polyline(plan.route.coordinates.map(([lon, lat]) => [lat, lon]), {
      color: '#5b6b7c', weight: 4, opacity: 0.7, dashArray: '8 8', interactive: false,
    }).addTo(map);
  }
  if (plan.destination) {
    const at = [plan.destination.lat, plan.destination.lon];
    L.circle(at, { radius: plan.destinationRadiusM ?? 300, color: '#1b7f4b', weight: 2, fillOpacity: 0.12, interactive: false }).addTo(map);
    destination = L.circleMarker(at, { radius: 7, color: '#ffffff', weight: 2, fillColor: '#1b7f4b', fillOpacity: 1 })
      .bindTooltip('Destination')
      .addTo(map);
  }
}

function moveVehicle(d) {
  const position = d?.location;
  if (!position || typeof position.lat !== 'number') return;
  const at = Date.parse(d.at ?? position.at) || Date.now();
  // Fixes can arrive out of order across a reconnect; the path only goes forward in time.
  if (at < state.lastFixAt) return;
  state.lastFixAt = at;
  const latLng = [position.lat, position.lon];
  if (!pathLine) {
    pathLine = L.polyline([], { color: '#1565c0', weight: 4, opacity: 0.9, interactive: false }).addTo(map);
  }
  const points = pathLine.getLatLngs();
  const last = points[points.length - 1];
  if (!last || last.lat !== position.lat || last.lng !== position.lon) {
    pathLine.addLatLng(latLng);
    if (points.length > MAX_PATH_POINTS) pathLine.setLatLngs(points.slice(-MAX_PATH_POINTS));
  }
  if (!vehicle) {
    vehicle = L.marker(latLng, {
      icon: L.divIcon({ className: 'vehicle-icon', html: VEHICLE_SVG, iconSize: [30, 30], iconAnchor: [15, 15] }),
      keyboard: false,
      title: 'Your parcel',
      zIndexOffset: 1000,
    }).addTo(map);
  } else {
    vehicle.setLatLng(latLng);
  }
  const element = vehicle.getElement();
  const heading = typeof d.headingDeg === 'number' ? d.headingDeg : null;
  if (element) {
    element.dataset.lat = String(position.lat);
    element.dataset.lon = String(position.lon);
    if (heading !== null) {
      element.dataset.heading = String(heading);
      element.classList.add('has-heading');
      element.firstElementChild.style.transform = `rotate(${heading}deg)`;
    }
  }
  const mapElement = $('map');
  mapElement.dataset.vehicleLat = String(position.lat);
  mapElement.dataset.vehicleLon = String(position.lon);
  mapElement.dataset.pathPoints = String(pathLine.getLatLngs().length);
  if (d.speedKmh != null) $('speed').textContent = d.speedKmh >= 1 ? `Moving at ${Math.round(d.speedKmh)} km/h` : 'Stopped';
}

function fitOnce(s) {
  if (state.fitted) return;
  const points = [];
  for (const [lon, lat] of s.plan?.route?.coordinates ?? []) points.push([lat, lon]);
  if (s.plan?.origin) points.push([s.plan.origin.lat, s.plan.origin.lon]);
  if (s.plan?.destination) points.push([s.plan.destination.lat, s.plan.destination.lon]);
  if (s.location) points.push([s.location.lat, s.location.lon]);
  if (points.length === 0) {
    if (!state.worldView) map.setView([30, 0], 2);
    state.worldView = true;
    return;
  }
  state.fitted = true;
  // Country outlines say little at street level: stay far enough out to show a coastline or border.
  const maxZoom = document.body.dataset.basemap === 'outlines' ? 11 : 14;
  map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom });
}

$('missed-dismiss').addEventListener('click', () => {
  $('missed').hidden = true;
  $('missed-list').replaceChildren();
});
