// Words for the codes the API speaks, and date formatting in the reader's own locale.

const STATUS = {
  Pending: 'Waiting for the parcel',
  InfoReceived: 'Label created',
  InTransit: 'In transit',
  OutForDelivery: 'Out for delivery',
  AttemptFail: 'Delivery attempted',
  Delivered: 'Delivered',
  AvailableForPickup: 'Ready for pickup',
  Exception: 'There is a problem with this shipment',
  ReturnedToSender: 'Returned to sender',
};

const SCAN = {
  LabelCreated: 'Label created',
  PickedUp: 'Picked up',
  ArrivedAtFacility: 'Arrived at a facility',
  DepartedFacility: 'Left the facility',
  LoadedOnVehicle: 'Loaded on a vehicle',
  UnloadedFromVehicle: 'Unloaded from the vehicle',
  OutForDelivery: 'Out for delivery',
  DeliveryAttempted: 'Delivery attempted',
  Delivered: 'Delivered',
  AvailableForPickup: 'Ready for pickup',
  Exception: 'Exception reported',
  ReturnedToSender: 'Returned to sender',
};

// Splits an unknown code such as "SomethingNew" into "Something new" rather than showing it raw.
function spaced(code) {
  const words = String(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const statusWords = (status) => STATUS[status] ?? spaced(status ?? 'Unknown');
export const scanWords = (scanType) => SCAN[scanType] ?? spaced(scanType ?? 'Scan');

const shortType = (type) => String(type).replace(/^SupplyChain\./, '');

/** One line describing an outbound event, for alert lists and the "while you were away" notice. */
export function eventWords(e) {
  const d = e.data ?? {};
  switch (shortType(e.type)) {
    case 'ShipmentStatusChanged': {
      const status = statusWords(d.status);
      const scan = d.statusDetail ? scanWords(d.statusDetail) : status;
      return `${d.trackingNumber ?? e.subject}: ${status}` + (scan !== status ? ` (${scan.toLowerCase()})` : '');
    }
    case 'MilestoneReached':
      return `${d.trackingNumber ?? e.subject}: ${scanWords(d.scanType).toLowerCase()}`;
    case 'Delivered':
      return `${d.trackingNumber ?? e.subject}: delivered`;
    case 'ETARecalculated':
      return `${d.trackingNumber ?? e.subject}: new estimated arrival ${formatTime(d.eta)}`;
    case 'ArrivingSoon':
      return `${d.trackingNumber ?? e.subject}: arriving soon (${formatTime(d.eta)})`;
    case 'DeliveryAtRisk':
      return `${d.trackingNumber ?? e.subject}: at risk of arriving late (estimated ${formatTime(d.eta)}, promised by ${formatTime(d.promisedBy)})`;
    case 'DeliveryBackOnTrack':
      return `${d.trackingNumber ?? e.subject}: back on track for ${formatTime(d.promisedBy)}`;
    case 'DeliveryLate':
      return `${d.trackingNumber ?? e.subject}: late, promised by ${formatTime(d.promisedBy)}`;
    case 'NoMovementDetected':
      return `${d.vehicleId ?? e.subject} has not moved since ${formatTime(d.since)}`;
    case 'GeofenceBreached':
      return `${d.vehicleId ?? e.subject}: ${d.reason === 'LeftRouteCorridor' ? 'left its route' : 'entered a restricted area'}` +
        (d.geofenceId && d.geofenceId !== 'route' ? ` (${d.geofenceId})` : '');
    case 'GeofenceEntered':
      return `${d.vehicleId ?? e.subject} entered ${d.geofenceId}`;
    case 'GeofenceExited':
      return `${d.vehicleId ?? e.subject} left ${d.geofenceId}`;
    default:
      return `${spaced(shortType(e.type))}: ${e.subject}`;
  }
}

/**
 * What ops read of a shipment's promise (an entry of the ops page's promise list): late, or at risk
 * by how much, with the estimate and the promise.
 */
export function promiseWords(p) {
  const estimate = p.eta ? `estimated ${formatTime(p.eta)}, ` : '';
  return p.state === 'Late'
    ? `Late: ${estimate}promised by ${formatTime(p.promisedBy)}`
    : `At risk, about ${p.lateByMinutes} min late: ${estimate}promised by ${formatTime(p.promisedBy)}`;
}

/** Whether the event is a problem a reader should notice (drawn in the warning colour). */
export const isProblem = (e) => /NoMovementDetected|GeofenceBreached|DeliveryAtRisk|DeliveryLate/.test(e.type)
  || (/ShipmentStatusChanged/.test(e.type) && ['Exception', 'AttemptFail', 'ReturnedToSender'].includes(e.data?.status));

const sameDay = (a, b) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** "14:05" today, "Tue 3 Jun, 14:05" on another day; empty for nothing. */
export function formatTime(iso) {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const time = t.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return sameDay(t, new Date())
    ? `today ${time}`
    : `${t.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })}, ${time}`;
}

/** Whether two instants differ by at least a minute (what a reader would notice). */
export const differ = (a, b) => !!a && !!b && Math.abs(new Date(a) - new Date(b)) >= 60_000;
