// Playback on the ops map: one vehicle's or shipment's trip over a span of time, from the archive.
// The track (GeoJSON from the track routes, with each position's time in coordTimes) is drawn once;
// a marker moves along it on a clock the reader plays, pauses, speeds up or drags with the slider;
// the trip's events (the vehicle's history, or the shipment's events and scans) are marks on the
// timeline and appear on the map once the clock passes them. Positions between two fixes are
// interpolated in time, as a replay of what the platform knew, not a guess at roads.
/* global L */
import { eventWords, isProblem, formatTime, scanWords } from './words.js';

const TRACK_STYLE = { color: '#1565c0', weight: 4, opacity: 0.75 };
const MARKER_STYLE = { radius: 8, color: '#0d47a1', weight: 3, fillColor: '#ffeb3b', fillOpacity: 1 };
const EVENT_STYLE = { radius: 6, color: '#5e6b78', weight: 2, fillColor: '#ffffff', fillOpacity: 1 };
const PROBLEM_STYLE = { ...EVENT_STYLE, color: '#c0392b', fillColor: '#ffd6d1' };
const DAY_MS = 24 * 3600 * 1000;
const ID_PATTERN = /^[A-Za-z0-9_.:~-]{1,64}$/;

const $ = (id) => document.getElementById(id);

/**
 * Wires the playback panel to `map`. `authorized(init)` adds the key to a fetch's options; `accepted(response)`
 * handles a refused key and says whether the answer may be read. Returns `choose(kind, id)`, which fills the form.
 */
export function createPlayback(map, authorized, accepted) {
  const layer = L.layerGroup().addTo(map);
  let trip = null; // { points: [{ t, lat, lon }], events: [{ t, words, type, problem, lat?, lon?, marker? }], from, to }
  let clock = 0; // ms since the epoch
  let speed = Number($('playback-speed').value);
  let playing = false;
  let frame = 0;
  let last = 0;
  let loading = null;

  setDefaultRange();
  $('playback-form').addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  $('playback-play').addEventListener('click', () => (playing ? pause() : play()));
  $('playback-speed').addEventListener('change', () => { speed = Number($('playback-speed').value); });
  $('playback-slider').addEventListener('input', () => {
    if (!trip) return;
    seek(trip.from + Number($('playback-slider').value));
  });
  $('playback-close').addEventListener('click', clear);

  function setDefaultRange() {
    const to = new Date();
    to.setSeconds(0, 0);
    $('playback-to').value = localInput(to);
    $('playback-from').value = localInput(new Date(to.getTime() - DAY_MS));
  }

  async function load() {
    const kind = $('playback-kind').value;
    const id = $('playback-id').value.trim();
    const from = new Date($('playback-from').value);
    const to = new Date($('playback-to').value);
    if (!ID_PATTERN.test(id)) return fail(`Enter a ${kind === 'vehicle' ? 'vehicle id' : 'tracking number'} (letters, digits and . _ : ~ -).`);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return fail('Choose when the span starts and ends.');
    if (from >= to) return fail('The span must start before it ends.');
    if (kind === 'vehicle' && to - from > DAY_MS) return fail('A vehicle is played back a day at most: shorten the span.');
    clear();
    setState('loading');
    const controller = new AbortController();
    loading = controller;
    try {
      const loaded = kind === 'vehicle'
        ? await loadVehicle(id, from, to, controller.signal)
        : await loadShipment(id, from, to, controller.signal);
      if (loading !== controller) return;
      loading = null;
      if (loaded.points.length === 0) return fail(`No positions of ${id} between ${formatTime(from.toISOString())} and ${formatTime(to.toISOString())}.`);
      // The clock runs over the positions and the events alike: a shipment's pickup comes before its first position.
      const times = [loaded.points[0].t, loaded.points[loaded.points.length - 1].t, ...loaded.events.map((e) => e.t)];
      show({ ...loaded, id, from: Math.min(...times), to: Math.max(...times) });
    } catch (error) {
      if (loading !== controller) return;
      loading = null;
      fail(error.message || 'The trip could not be loaded.');
    }
  }

  async function loadVehicle(id, from, to, signal) {
    const range = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    const path = `/api/vehicles/${encodeURIComponent(id)}`;
    const [track, history] = await Promise.all([
      read(`${path}/track?${range}`, signal),
      read(`${path}/history?${range}`, signal),
    ]);
    return { points: pointsOf(track), events: history.map(outbound) };
  }

  async function loadShipment(id, from, to, signal) {
    const path = `/api/shipments/${encodeURIComponent(id)}`;
    const [track, events] = await Promise.all([read(`${path}/track`, signal), read(`${path}/events`, signal)]);
    const inSpan = (x) => x.t >= from.getTime() && x.t <= to.getTime();
    const scans = (track.features ?? []).filter((f) => f.geometry?.type === 'Point').map((f) => ({
      t: Date.parse(f.properties.at),
      type: `scan:${f.properties.scanType}`,
      words: scanWords(f.properties.scanType) + (f.properties.facilityId ? ` (${f.properties.facilityId})` : ''),
      problem: false,
      lat: f.geometry.coordinates[1],
      lon: f.geometry.coordinates[0],
    }));
    return { points: pointsOf(track).filter(inSpan), events: [...scans, ...events.map(outbound)].filter(inSpan) };
  }

  /** The JSON answer of `path`, or an error saying what the API said was wrong. */
  async function read(path, signal) {
    const response = await fetch(path, authorized({ signal }));
    if (!accepted(response)) {
      let detail = `The server answered ${response.status}.`;
      try {
        const problem = await response.json();
        detail = problem.detail ?? problem.title ?? detail;
      } catch {
        // Not problem details: the status says enough.
      }
      throw new Error(detail);
    }
    return response.json();
  }

  function show(loaded) {
    trip = loaded;
    trip.events.sort((a, b) => a.t - b.t);
    const line = trip.points.map((p) => [p.lat, p.lon]);
    L.polyline(line, TRACK_STYLE).addTo(layer);
    trip.marker = L.circleMarker(line[0], MARKER_STYLE).addTo(layer);
    for (const e of trip.events) {
      const at = e.lat != null ? [e.lat, e.lon] : positionAt(e.t);
      e.marker = L.circleMarker(at, e.problem ? PROBLEM_STYLE : EVENT_STYLE).bindTooltip(`${e.words} · ${formatTime(new Date(e.t).toISOString())}`);
    }
    map.fitBounds(L.latLngBounds(line), { padding: [40, 40], maxZoom: 14 });
    const span = Math.max(1, trip.to - trip.from);
    const slider = $('playback-slider');
    slider.max = String(span);
    slider.step = String(Math.max(1, Math.round(span / 1000)));
    $('playback-start').textContent = formatTime(new Date(trip.from).toISOString());
    $('playback-end').textContent = formatTime(new Date(trip.to).toISOString());
    $('playback-marks').replaceChildren(...trip.events.map((e) => mark(e, span)));
    $('playback-events').replaceChildren(...trip.events.map(listItem));
    $('playback-empty').hidden = trip.events.length > 0;
    $('playback-controls').hidden = false;
    const panel = $('playback');
    panel.dataset.trip = trip.id;
    panel.dataset.points = String(trip.points.length);
    panel.dataset.events = String(trip.events.length);
    seek(trip.from);
    setState('paused');
  }

  function mark(e, span) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'mark';
    button.classList.toggle('problem', e.problem);
    button.dataset.type = e.type;
    button.dataset.time = new Date(e.t).toISOString();
    button.style.left = `${(100 * (e.t - trip.from)) / span}%`;
    button.title = `${e.words} · ${formatTime(button.dataset.time)}`;
    button.setAttribute('aria-label', button.title);
    button.addEventListener('click', () => seek(e.t));
    e.mark = button;
    return button;
  }

  function listItem(e) {
    const item = document.createElement('li');
    item.dataset.type = e.type;
    item.dataset.time = new Date(e.t).toISOString();
    item.classList.toggle('problem', e.problem);
    const what = document.createElement('button');
    what.type = 'button';
    what.className = 'link-button';
    what.textContent = e.words;
    what.addEventListener('click', () => seek(e.t));
    const when = document.createElement('time');
    when.dateTime = item.dataset.time;
    when.textContent = formatTime(item.dataset.time);
    item.append(what, when);
    e.item = item;
    return item;
  }

  function play() {
    if (!trip) return;
    if (clock >= trip.to) seek(trip.from);
    playing = true;
    last = performance.now();
    setState('playing');
    frame = requestAnimationFrame(tick);
  }

  function pause() {
    playing = false;
    cancelAnimationFrame(frame);
    if (trip) setState(clock >= trip.to ? 'ended' : 'paused');
  }

  function tick(now) {
    if (!playing || !trip) return;
    const next = clock + (now - last) * speed;
    last = now;
    if (next >= trip.to) {
      seek(trip.to);
      pause();
      return;
    }
    seek(next);
    frame = requestAnimationFrame(tick);
  }

  /** Moves the clock to `t`: the marker, the slider, and which events have happened. */
  function seek(t) {
    if (!trip) return;
    clock = Math.min(trip.to, Math.max(trip.from, t));
    const [lat, lon] = positionAt(clock);
    trip.marker.setLatLng([lat, lon]);
    $('playback-slider').value = String(clock - trip.from);
    const iso = new Date(clock).toISOString();
    $('playback-clock').textContent = formatTime(iso);
    $('playback-clock').dateTime = iso;
    for (const e of trip.events) {
      const happened = e.t <= clock;
      e.mark.classList.toggle('passed', happened);
      e.item.classList.toggle('passed', happened);
      if (happened && !layer.hasLayer(e.marker)) layer.addLayer(e.marker);
      else if (!happened && layer.hasLayer(e.marker)) layer.removeLayer(e.marker);
    }
    // Where the marker is, on the panel, for tests and support.
    const panel = $('playback');
    panel.dataset.time = iso;
    panel.dataset.lat = String(lat);
    panel.dataset.lon = String(lon);
    panel.dataset.passed = String(trip.events.filter((e) => e.t <= clock).length);
  }

  /** The position at `t`, between the fixes before and after it. */
  function positionAt(t) {
    const points = trip.points;
    if (t <= points[0].t) return [points[0].lat, points[0].lon];
    let lo = 0;
    let hi = points.length - 1;
    if (t >= points[hi].t) return [points[hi].lat, points[hi].lon];
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (points[mid].t <= t) lo = mid; else hi = mid;
    }
    const a = points[lo];
    const b = points[hi];
    const f = b.t === a.t ? 0 : (t - a.t) / (b.t - a.t);
    return [a.lat + ((b.lat - a.lat) * f), a.lon + ((b.lon - a.lon) * f)];
  }

  function clear() {
    pause();
    loading?.abort();
    loading = null;
    trip = null;
    layer.clearLayers();
    $('playback-controls').hidden = true;
    $('playback-error').hidden = true;
    const panel = $('playback');
    for (const key of ['trip', 'points', 'events', 'time', 'lat', 'lon', 'passed']) delete panel.dataset[key];
    setState('empty');
  }

  function fail(message) {
    clear();
    $('playback-error').textContent = message;
    $('playback-error').hidden = false;
    setState('error');
  }

  function setState(state) {
    $('playback').dataset.state = state;
    $('playback-play').textContent = state === 'playing' ? 'Pause' : 'Play';
    $('playback-play').setAttribute('aria-pressed', String(state === 'playing'));
  }

  return function choose(kind, id) {
    $('playback-kind').value = kind;
    $('playback-id').value = id;
  };
}

/** The track's positions with their times, from a GeoJSON answer of the track routes. */
function pointsOf(collection) {
  const line = (collection.features ?? []).find((f) => f.geometry?.type === 'LineString');
  if (!line) return [];
  const times = line.properties?.coordTimes ?? [];
  return line.geometry.coordinates.map(([lon, lat], i) => ({ t: Date.parse(times[i]), lat, lon })).filter((p) => !Number.isNaN(p.t));
}

/** An outbound CloudEvent as a timeline entry, placed where its data says when it has a location. */
function outbound(e) {
  const where = e.data?.location;
  return {
    t: Date.parse(e.time),
    type: e.type,
    words: eventWords(e),
    problem: isProblem(e),
    lat: where?.lat,
    lon: where?.lon,
  };
}

/** A Date as a datetime-local input's value, in the reader's zone. */
function localInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
