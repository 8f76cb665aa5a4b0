// The vehicle list, one page at a time: the service filters and pages (GET /api/vehicles?q=&online=&limit=
// &nextToken=), so 10,000 vehicles cost one page of rows, not 10,000. The page polls every few seconds instead of
// holding one EventSource per vehicle: browsers allow only six HTTP/1.1 connections per origin, so more than a
// handful of streams would starve each other and the API calls. The vehicle page streams its one vehicle live.

import {listVehicles} from './api.js';
import {byId, el, onlineBadge, showError, showOnly} from './dom.js';
import {computeDelta, flatten, formatAge, formatTime, formatValue, summarizeClimate, summarizeDoors,
    summarizeWindows} from './shadow.js';

const POLL_MILLIS = 5000;
const PAGE_SIZE = 50;
const TYPING_MILLIS = 300;

export function showVehicleList() {
    showOnly('list-view');
    byId('list-status').textContent = 'Loading…';
    document.querySelector('#vehicle-table tbody').replaceChildren(); // nothing from an earlier visit
    let stopped = false;
    let timer = null;
    let typing = null;
    let generation = 0; // answers to an older filter or page are dropped
    // tokens[i] starts page i (null for the first): "Previous" goes back without the service keeping state
    let tokens = [null];
    let next = null;
    const filter = byId('vehicle-filter');
    const online = byId('online-filter');
    const previousButton = byId('page-previous');
    const nextButton = byId('page-next');

    async function poll() {
        clearTimeout(timer);
        const asked = ++generation;
        const pageIndex = tokens.length - 1;
        try {
            const page = await listVehicles({q: filter.value.trim(), online: online.value, limit: PAGE_SIZE,
                nextToken: tokens[pageIndex]});
            if (stopped || asked !== generation) {
                return;
            }
            const vehicles = page.vehicles ?? [];
            next = page.nextToken ?? null;
            render(vehicles, filter.value.trim() !== '' || online.value !== '');
            const first = pageIndex * PAGE_SIZE + 1;
            byId('list-status').textContent = (vehicles.length
                ? `${first}–${first + vehicles.length - 1} of ${page.total} vehicle(s)` : `${page.total} vehicle(s)`)
                + ` · updated ${new Date().toLocaleTimeString()} · refreshes every ${POLL_MILLIS / 1000} s`;
            previousButton.disabled = pageIndex === 0;
            nextButton.disabled = next === null;
        } catch (e) {
            if (stopped || asked !== generation || e.status === 401) {
                return;
            }
            byId('list-status').textContent = 'Could not refresh the list; retrying.';
            showError(`Vehicle list: ${e.describe()}`);
        }
        if (!stopped) {
            timer = setTimeout(poll, POLL_MILLIS);
        }
    }

    function restart() {
        tokens = [null];
        poll();
    }

    function typed() {
        clearTimeout(typing);
        typing = setTimeout(restart, TYPING_MILLIS);
    }

    function forward() {
        if (next !== null) {
            tokens.push(next);
            poll();
        }
    }

    function back() {
        if (tokens.length > 1) {
            tokens.pop();
            poll();
        }
    }

    filter.addEventListener('input', typed);
    online.addEventListener('change', restart);
    nextButton.addEventListener('click', forward);
    previousButton.addEventListener('click', back);
    poll();
    return () => {
        stopped = true;
        clearTimeout(timer);
        clearTimeout(typing);
        filter.removeEventListener('input', typed);
        online.removeEventListener('change', restart);
        nextButton.removeEventListener('click', forward);
        previousButton.removeEventListener('click', back);
    };
}

function render(vehicles, filtered) {
    const rows = vehicles.map(row);
    if (!rows.length) {
        rows.push(el('tr', {}, el('td', {colSpan: 13, className: 'muted'},
            filtered ? 'No vehicle matches the filter.' : 'No vehicles visible to this user.')));
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
