// One drive log: its catalog entry (GET /api/drive-logs/{id}: metadata, signal statistics, scenarios), the speed
// over time with the scenarios as bands, and the GPS track. Samples come from POST /api/query; a long log is
// averaged into at most MAX_POINTS time buckets by DuckDB, so the browser never receives every sample.

import {getDriveLog, query} from './api.js';
import {byId, el, showError, showOnly, statusBadge} from './dom.js';
import {formatDuration, formatUtc} from './drive-list.js';
import {timeSeries, track} from './svg-chart.js';

const MAX_POINTS = 1000;

export function showDrivePage(id) {
    showOnly('drive-view');
    byId('drive-title').textContent = `Drive log #${id}`;
    document.title = `Drive log #${id} · Fleet ops console`;
    for (const node of ['drive-status', 'drive-error', 'drive-warnings', 'drive-meta', 'drive-speed', 'drive-track']) {
        byId(node).replaceChildren();
    }
    document.querySelector('#drive-scenarios tbody').replaceChildren();
    document.querySelector('#drive-signals tbody').replaceChildren();
    let stopped = false;
    load(id, () => stopped);
    return () => {
        stopped = true;
    };
}

async function load(id, stopped) {
    let log;
    try {
        log = await getDriveLog(id);
    } catch (e) {
        if (!stopped() && e.status !== 401) {
            showError(`Drive log #${id}: ${e.describe()}`);
        }
        return;
    }
    if (stopped()) {
        return;
    }
    renderHeader(log);
    renderScenarios(log.scenarios ?? []);
    renderSignals(log.signals ?? []);
    await Promise.all([drawSpeed(log, stopped), drawTrack(log, stopped)]);
}

function renderHeader(log) {
    byId('drive-title').textContent = `Drive log #${log.id} · ${log.vehicle}`;
    byId('drive-status').replaceChildren(statusBadge(log.status));
    byId('drive-error').textContent = log.error ?? '';
    byId('drive-error').hidden = !log.error; // no empty gap above the cards
    byId('drive-warnings').replaceChildren(...(log.warnings ?? []).map(w => el('li', {}, w)));
    byId('drive-warnings').hidden = !log.warnings?.length;
    const trip = log.trip ?? {};
    const entries = [
        ['Object', `s3://${log.bucket}/${log.key}`],
        ['Format', log.format ?? '—'],
        ['Size', `${log.size} bytes`],
        ['SHA-256', log.sha256 ?? '—'],
        ['Start (UTC)', formatUtc(log.start)],
        ['End (UTC)', formatUtc(log.end)],
        ['Duration', formatDuration(log.start, log.end)],
        ['Frames', log.frames ?? '—'],
        ['Frames per channel', Object.entries(log.framesPerChannel ?? {}).map(([c, n]) => `${c}: ${n}`).join(', ')
            || '—'],
        ['Frames of unknown id', log.unknownIdFrames ?? '—'],
        ['Distance', trip.distanceMetres == null ? '—' : `${(trip.distanceMetres / 1000).toFixed(2)} km`],
        ['Max speed', trip.maxSpeed == null ? '—' : `${(trip.maxSpeed * 3.6).toFixed(1)} km/h`],
        ['DBCs', (log.dbcs ?? []).map(d => d.key).join(', ') || '—'],
        ['Ingested', formatUtc(log.ingestedAt)],
    ];
    byId('drive-meta').replaceChildren(...entries.flatMap(([name, value]) => [el('dt', {}, name),
        el('dd', {dataset: {testid: `drive-meta-${name.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')}`}}, value)]));
}

function renderScenarios(scenarios) {
    const rows = scenarios.map(s => el('tr', {dataset: {testid: 'scenario-row', type: s.type}},
        el('th', {scope: 'row'}, s.type),
        el('td', {}, formatUtc(s.start)),
        el('td', {}, formatUtc(s.end)),
        el('td', {}, Object.entries(s.values ?? {}).map(([k, v]) => `${k} ${round(v)}`).join(', '))));
    if (!rows.length) {
        rows.push(el('tr', {}, el('td', {colSpan: 4, className: 'muted'}, 'No scenarios found in this log.')));
    }
    document.querySelector('#drive-scenarios tbody').replaceChildren(...rows);
}

function renderSignals(signals) {
    const rows = signals.map(s => el('tr', {dataset: {testid: `signal-row-${s.message}.${s.signal}`}},
        el('td', {}, s.message), el('th', {scope: 'row'}, s.signal), el('td', {}, s.unit ?? ''),
        el('td', {}, s.count), el('td', {}, round(s.min)), el('td', {}, round(s.mean)), el('td', {}, round(s.max))));
    if (!rows.length) {
        rows.push(el('tr', {}, el('td', {colSpan: 7, className: 'muted'}, 'No decoded signals.')));
    }
    document.querySelector('#drive-signals tbody').replaceChildren(...rows);
}

const round = value => (typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : '—');

/** A string literal for DuckDB: DBC names are identifiers, but a quote is doubled all the same. */
const literal = text => `'${String(text).replaceAll("'", "''")}'`;

/**
 * SQL for the samples of the given signals in buckets of {@code bucketMillis}: one row per bucket, the bucket's
 * start in epoch milliseconds, then each signal's mean in that bucket.
 */
function bucketSql(logId, signals, bucketMillis) {
    const bucket = `floor(epoch_ms(time) / ${bucketMillis}) * ${bucketMillis}`;
    const columns = signals.map((s, i) => `avg(value) FILTER (WHERE message = ${literal(s.message)} AND signal = `
        + `${literal(s.signal)}) AS v${i}`);
    const which = signals.map(s => `(message = ${literal(s.message)} AND signal = ${literal(s.signal)})`);
    return `SELECT ${bucket} AS t, ${columns.join(', ')} FROM signals WHERE drive_log_id = ${Number(logId)}`
        + ` AND (${which.join(' OR ')}) GROUP BY 1 HAVING ${signals.map((_, i) => `v${i} IS NOT NULL`).join(' AND ')}`
        + ' ORDER BY 1';
}

/** Bucket width so that the log's span gives at most MAX_POINTS buckets; 1 ms (every sample) for short logs. */
function bucketMillis(log, samples) {
    if (samples <= MAX_POINTS || !log.start || !log.end) {
        return 1;
    }
    return Math.max(1, Math.ceil((Date.parse(log.end) - Date.parse(log.start)) / MAX_POINTS));
}

async function drawSpeed(log, stopped) {
    const target = byId('drive-speed');
    const speed = (log.signals ?? []).find(s => s.signal === 'Speed');
    if (!speed || !log.start || !log.end) {
        target.replaceChildren(el('p', {className: 'muted', dataset: {testid: 'speed-missing'}},
            speed ? 'This log has no absolute time, so its speed cannot be placed on a time axis.'
                : 'This log has no Speed signal.'));
        return;
    }
    target.replaceChildren(el('p', {className: 'muted'}, 'Loading speed…'));
    try {
        const result = await query(bucketSql(log.id, [speed], bucketMillis(log, speed.count)));
        if (stopped()) {
            return;
        }
        const startMillis = Date.parse(log.start);
        const endMillis = Date.parse(log.end);
        const bands = (log.scenarios ?? []).map(s => ({startMillis: Date.parse(s.start), endMillis: Date.parse(s.end),
            label: s.type, className: s.type, title: `${s.type} ${formatUtc(s.start)} – ${formatUtc(s.end)}`}));
        target.replaceChildren(timeSeries({points: result.rows.map(([t, v]) => [Number(t), Number(v)]), startMillis,
            endMillis, bands, unit: `${speed.message}.${speed.signal} (${speed.unit || 'no unit'})`}));
    } catch (e) {
        if (!stopped() && e.status !== 401) {
            target.replaceChildren(el('p', {className: 'form-message'}, `Speed: ${e.describe()}`));
        }
    }
}

async function drawTrack(log, stopped) {
    const target = byId('drive-track');
    const signals = log.signals ?? [];
    const latitude = signals.find(s => /^lat(itude)?$/i.test(s.signal));
    const longitude = signals.find(s => /^(lon|lng|longitude)$/i.test(s.signal));
    if (!latitude || !longitude) {
        target.replaceChildren(el('p', {className: 'muted', dataset: {testid: 'track-missing'}},
            'This log has no latitude/longitude signals.'));
        return;
    }
    try {
        const samples = Math.max(latitude.count, longitude.count);
        const result = await query(bucketSql(log.id, [latitude, longitude], bucketMillis(log, samples)));
        if (stopped()) {
            return;
        }
        const positions = result.rows.map(([, lat, lon]) => [Number(lat), Number(lon)]);
        target.replaceChildren(positions.length ? track(positions)
            : el('p', {className: 'muted'}, 'No positions in this log.'));
    } catch (e) {
        if (!stopped() && e.status !== 401) {
            target.replaceChildren(el('p', {className: 'form-message'}, `GPS track: ${e.describe()}`));
        }
    }
}
