// The vehicle list. It polls GET /api/vehicles every few seconds instead of holding one EventSource per vehicle:
// browsers allow only six HTTP/1.1 connections per origin, so more than a handful of streams would starve each
// other and the API calls, and a fleet-wide list would keep one server subscription per vehicle open. One list
// request every 5 s scales with the page, not the fleet; the vehicle page streams its one vehicle live.

import {listVehicles} from './api.js';
import {byId, el, onlineBadge, showError, showOnly} from './dom.js';
import {computeDelta, flatten, formatAge, formatTime, formatValue, summarizeClimate, summarizeDoors,
    summarizeWindows} from './shadow.js';

const POLL_MILLIS = 5000;

export function showVehicleList() {
    showOnly('list-view');
    byId('list-status').textContent = 'Loading…';
    document.querySelector('#vehicle-table tbody').replaceChildren(); // nothing from an earlier visit
    let stopped = false;
    let timer = null;
    let vehicles = [];
    const filter = byId('vehicle-filter');
    const rerender = () => render(vehicles, filter.value);
    filter.addEventListener('input', rerender);

    async function poll() {
        try {
            vehicles = await listVehicles();
            if (stopped) {
                return;
            }
            rerender();
            byId('list-status').textContent =
                `${vehicles.length} vehicle(s) · updated ${new Date().toLocaleTimeString()} · refreshes every ${POLL_MILLIS / 1000} s`;
        } catch (e) {
            if (stopped || e.status === 401) {
                return;
            }
            byId('list-status').textContent = 'Could not refresh the list; retrying.';
            showError(`Vehicle list: ${e.describe()}`);
        }
        if (!stopped) {
            timer = setTimeout(poll, POLL_MILLIS);
        }
    }

    poll();
    return () => {
        stopped = true;
        clearTimeout(timer);
        filter.removeEventListener('input', rerender);
    };
}

function render(vehicles, filterText) {
    const needle = filterText.trim().toLowerCase();
    const rows = vehicles
        .filter(v => !needle || v.vin.toLowerCase().includes(needle))
        .map(row);
    if (!rows.length) {
        rows.push(el('tr', {}, el('td', {colSpan: 13, className: 'muted'},
            vehicles.length ? 'No vehicle matches the filter.' : 'No vehicles visible to this user.')));
    }
    document.querySelector('#vehicle-table tbody').replaceChildren(...rows);
}

function row(vehicle) {
    const reported = vehicle.shadow?.state?.reported ?? {};
    const desired = vehicle.shadow?.state?.desired ?? {};
    const delta = vehicle.shadow?.state?.delta ?? computeDelta(desired, reported) ?? {};
    const pending = flatten(delta).size;
    const last = reported.lastCommand;
    const connectivity = el('span');
    onlineBadge(connectivity, vehicle.online);
    const cell = (key, text) => el('td', {dataset: {testid: `vehicle-${key}-${vehicle.vin}`}}, text);
    return el('tr', {dataset: {testid: `vehicle-row-${vehicle.vin}`, vin: vehicle.vin}},
        el('th', {scope: 'row'}, el('a', {
            href: `#/vehicles/${encodeURIComponent(vehicle.vin)}`,
            dataset: {testid: `vehicle-link-${vehicle.vin}`},
        }, vehicle.vin)),
        el('td', {dataset: {testid: `vehicle-online-${vehicle.vin}`}}, connectivity),
        el('td', {title: formatTime(vehicle.lastSeen)}, formatAge(vehicle.lastSeen)),
        cell('lock', formatValue(reported.lock)),
        cell('trunk', formatValue(reported.trunk)),
        cell('doors', summarizeDoors(reported.doors)),
        cell('windows', summarizeWindows(reported.windows)),
        cell('speed', reported.speed === undefined ? '—' : `${reported.speed} km/h`),
        cell('ignition', formatValue(reported.ignition)),
        cell('headlights', formatValue(reported.headlights)),
        cell('climate', summarizeClimate(reported.climate)),
        cell('pending', pending ? `${pending} change(s)` : 'none'),
        cell('last-command', last ? `${last.attribute} = ${formatValue(last.value)}: ${last.status}` : '—'));
}
