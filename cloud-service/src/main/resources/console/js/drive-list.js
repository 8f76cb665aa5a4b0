// The drive-log list: the service filters (GET /api/drive-logs?vehicle=&scenario=&from=&to=) and the page polls, so
// a log uploaded or ingested meanwhile shows up with its new status without a reload.

import {listDriveLogs} from './api.js';
import {byId, el, showError, showOnly, statusBadge} from './dom.js';

const POLL_MILLIS = 5000;
const TYPING_MILLIS = 300;
const COLUMNS = 9;

export function showDriveList() {
    showOnly('drive-list-view');
    document.title = 'Drive logs · Fleet ops console';
    byId('drive-list-status').textContent = 'Loading…';
    document.querySelector('#drive-table tbody').replaceChildren();
    let stopped = false;
    let timer = null;
    let typing = null;
    let generation = 0; // answers to an older filter are dropped
    const inputs = ['drive-vehicle-filter', 'drive-scenario-filter', 'drive-from-filter', 'drive-to-filter']
        .map(byId);
    const [vehicle, scenario, from, to] = inputs;

    async function poll() {
        clearTimeout(timer);
        const asked = ++generation;
        const filter = {vehicle: vehicle.value.trim(), scenario: scenario.value, from: utc(from.value),
            to: utc(to.value)};
        try {
            const logs = (await listDriveLogs(filter)).driveLogs ?? [];
            if (stopped || asked !== generation) {
                return;
            }
            render(logs, Object.values(filter).some(value => value !== ''));
            byId('drive-list-status').textContent = `${logs.length} drive log(s) · updated `
                + `${new Date().toLocaleTimeString()} · refreshes every ${POLL_MILLIS / 1000} s`;
        } catch (e) {
            if (stopped || asked !== generation || e.status === 401) {
                return;
            }
            byId('drive-list-status').textContent = 'Could not refresh the list; retrying.';
            showError(`Drive logs: ${e.describe()}`);
        }
        if (!stopped) {
            timer = setTimeout(poll, POLL_MILLIS);
        }
    }

    function typed() {
        clearTimeout(typing);
        typing = setTimeout(poll, TYPING_MILLIS);
    }

    for (const input of inputs) {
        input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', typed);
    }
    poll();
    return () => {
        stopped = true;
        clearTimeout(timer);
        clearTimeout(typing);
        for (const input of inputs) {
            input.removeEventListener(input.tagName === 'SELECT' ? 'change' : 'input', typed);
        }
    };
}

/** A datetime-local value ("2023-11-30T17:00" or with seconds) read as UTC, as the API wants it. */
function utc(local) {
    if (!local) {
        return '';
    }
    return `${local.length === 16 ? `${local}:00` : local}Z`;
}

function render(logs, filtered) {
    const rows = logs.map(row);
    if (!rows.length) {
        rows.push(el('tr', {}, el('td', {colSpan: COLUMNS, className: 'muted'},
            filtered ? 'No drive log matches the filter.' : 'No drive logs visible to this user.')));
    }
    document.querySelector('#drive-table tbody').replaceChildren(...rows);
}

function row(log) {
    const cell = (key, text) => el('td', {dataset: {testid: `drive-${key}-${log.id}`}}, text);
    const problems = el('td', {className: 'problems', dataset: {testid: `drive-problems-${log.id}`}});
    if (log.error) {
        problems.append(el('div', {className: 'error'}, log.error));
    }
    for (const warning of log.warnings ?? []) {
        problems.append(el('div', {className: 'warning'}, warning));
    }
    return el('tr', {dataset: {testid: `drive-row-${log.id}`, id: String(log.id)}},
        el('th', {scope: 'row'}, el('a', {href: `#/drive-logs/${log.id}`, dataset: {testid: `drive-link-${log.id}`}},
            `#${log.id}`)),
        cell('vehicle', log.vehicle),
        cell('key', log.key),
        cell('format', log.format ?? '—'),
        el('td', {dataset: {testid: `drive-status-${log.id}`}}, statusBadge(log.status)),
        cell('start', formatUtc(log.start)),
        cell('duration', formatDuration(log.start, log.end)),
        cell('frames', log.frames ?? '—'),
        problems);
}

/** "2023-11-30 17:02:05" for an ISO instant, "—" without one (logs without absolute time). */
export function formatUtc(iso) {
    return iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '') : '—';
}

export function formatDuration(startIso, endIso) {
    if (!startIso || !endIso) {
        return '—';
    }
    const seconds = Math.round((Date.parse(endIso) - Date.parse(startIso)) / 1000);
    const minutes = Math.floor(seconds / 60);
    return minutes ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}
