// One vehicle, live: its shadow, the command buttons and the command history. One EventSource carries the
// vehicle's events (vehicle, shadow, presence, command); after a reconnect the first `vehicle` event and a fresh
// history request make up for anything missed while the stream was down.

import {cancelCommand, commandHistory, getVehicle, sendCommand, vehicleEvents} from './api.js';
import {buildCommandPanel} from './commands.js';
import {askPin} from './pin.js';
import {byId, clearError, el, onlineBadge, showError, showOnly, statusBadge} from './dom.js';
import {flatten, formatAge, formatTime, formatValue, stateOf, withShadowChange} from './shadow.js';

const HISTORY_LIMIT = 50;
const RECONNECT_MILLIS = 3000;
const FINAL = new Set(['SUCCEEDED', 'REJECTED', 'FAILED', 'TIMED_OUT', 'CANCELED', 'EXPIRED']);

export function showVehiclePage(vin) {
    showOnly('vehicle-view');
    byId('vehicle-title').textContent = vin;
    document.title = `${vin} · Fleet ops console`;
    let vehicle = null;
    let stopped = false;
    let source = null;
    let reconnectTimer = null;
    let lastSent = null;
    const commands = new Map();
    const showReported = buildCommandPanel(byId('commands'), send);
    const ageTimer = setInterval(renderConnectivity, 10000);
    for (const id of ['command-feedback', 'vehicle-online', 'stream-status', 'vehicle-last-seen', 'vehicle-agent']) {
        byId(id).textContent = ''; // nothing from an earlier visit
    }
    renderShadow();
    renderHistory();

    function setVehicle(next) {
        vehicle = next;
        renderConnectivity();
        renderShadow();
    }

    function renderConnectivity() {
        if (!vehicle) {
            return;
        }
        onlineBadge(byId('vehicle-online'), vehicle.online);
        const lastSeen = byId('vehicle-last-seen');
        lastSeen.textContent = formatAge(vehicle.lastSeen);
        lastSeen.title = formatTime(vehicle.lastSeen);
        byId('vehicle-agent').textContent = agentSummary(vehicle.agent);
    }

    function renderShadow() {
        const {desired, reported, delta} = stateOf(vehicle?.shadow);
        const leaves = {desired: flatten(desired), reported: flatten(reported), delta: flatten(delta)};
        const reportedAt = flatten(vehicle?.shadow?.metadata?.reported ?? {});
        const paths = [...new Set([...leaves.reported.keys(), ...leaves.desired.keys(), ...leaves.delta.keys()])]
            .sort();
        const cell = (kind, path) => el('td', {dataset: {testid: `${kind}-${path}`}},
            leaves[kind].has(path) ? formatValue(leaves[kind].get(path)) : '');
        const rows = paths.map(path => {
            const at = reportedAt.get(`${path}.timestamp`);
            return el('tr', {className: leaves.delta.has(path) ? 'pending' : '', dataset: {testid: `shadow-row-${path}`}},
                el('th', {scope: 'row'}, path), cell('reported', path), cell('desired', path), cell('delta', path),
                el('td', {}, at === undefined ? '' : formatTime(at * 1000)));
        });
        if (!rows.length) {
            rows.push(el('tr', {}, el('td', {colSpan: 5, className: 'muted'},
                vehicle ? 'This vehicle has no shadow yet.' : 'Loading…')));
        }
        document.querySelector('#shadow-table tbody').replaceChildren(...rows);
        const version = vehicle?.shadow?.version;
        byId('shadow-version').textContent = version === undefined ? '' : `version ${version}`;
        byId('raw-desired').textContent = JSON.stringify(desired, null, 2);
        byId('raw-reported').textContent = JSON.stringify(reported, null, 2);
        byId('raw-delta').textContent = JSON.stringify(delta, null, 2);
        byId('raw-shadow').textContent = JSON.stringify(vehicle?.shadow ?? null, null, 2);
        showReported(leaves.reported);
    }

    function upsertCommand(command) {
        const known = commands.get(command.id);
        const stale = known && ((FINAL.has(known.status) && !FINAL.has(command.status))
            || (known.updatedAt ?? 0) > (command.updatedAt ?? 0));
        if (!stale) {
            commands.set(command.id, command);
        }
        if (lastSent === command.id) {
            describeSent(commands.get(command.id));
        }
    }

    function renderHistory() {
        const newestFirst = [...commands.values()]
            .sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))
            .slice(0, HISTORY_LIMIT);
        const rows = newestFirst.map(c => el('tr', {
            className: c.id === lastSent ? 'just-sent' : '',
            dataset: {testid: `command-${c.id}`, attribute: c.attribute, value: formatValue(c.value), status: c.status},
        },
        el('td', {}, formatTime(c.createdAt)),
        el('td', {}, c.attribute),
        el('td', {}, formatValue(c.value)),
        el('td', {dataset: {testid: `command-status-${c.id}`}}, statusBadge(c.status), ...cancelButton(c)),
        el('td', {dataset: {testid: `command-reason-${c.id}`}}, c.reason ?? ''),
        el('td', {}, c.source ?? ''),
        el('td', {}, c.user ?? ''),
        el('td', {}, formatTime(c.updatedAt))));
        document.querySelector('#command-history tbody').replaceChildren(...rows);
        byId('history-empty').hidden = rows.length > 0;
    }

    /** A PENDING command (not received by the vehicle) can be canceled; after receipt the service answers 409. */
    function cancelButton(command) {
        if (command.status !== 'PENDING') {
            return [];
        }
        const button = el('button', {type: 'button', className: 'small', dataset: {testid: `cancel-${command.id}`},
            attrs: {'aria-label': `Cancel ${command.attribute} = ${formatValue(command.value)}`}}, 'Cancel');
        button.addEventListener('click', () => cancel(command, button));
        return [' ', button];
    }

    async function cancel(command, button) {
        button.disabled = true;
        try {
            lastSent = command.id;
            upsertCommand(await cancelCommand(vin, command.id));
            clearError();
        } catch (e) {
            if (e.status === 409 && e.body?.command) {
                upsertCommand(e.body.command);
                byId('command-feedback').textContent = `Not canceled: ${e.message}`;
            } else if (e.status !== 401) {
                showError(`Cancel ${command.attribute}: ${e.describe()}`);
            }
        } finally {
            renderHistory();
        }
    }

    function describeSent(command) {
        const offline = command.status === 'PENDING'
            ? ' The vehicle has not confirmed receipt yet (it may be offline; it gets the command when it connects).'
            : '';
        const reason = command.reason ? ` (${command.reason})` : '';
        byId('command-feedback').textContent =
            `${command.attribute} = ${formatValue(command.value)}: ${command.status}${reason}.${offline}`;
    }

    /**
     * Sends a command; when the service answers that it needs the user's PIN (an owner unlocking or opening), asks
     * for it and sends the command again with it.
     */
    async function send(attribute, value, button, localProblem = null) {
        if (localProblem) {
            byId('command-feedback').textContent = localProblem;
            return;
        }
        button.disabled = true;
        byId('command-feedback').textContent = `Sending ${attribute} = ${formatValue(value)}…`;
        try {
            let command;
            try {
                command = await sendCommand(vin, attribute, value);
            } catch (e) {
                if (e.status !== 403 || e.body?.pin?.result !== 'REQUIRED') {
                    throw e;
                }
                const given = await askPin(`set ${attribute} to ${formatValue(value)}`);
                if (given === null) {
                    byId('command-feedback').textContent = 'Not sent: no PIN given.';
                    return;
                }
                command = await sendCommand(vin, attribute, value, given);
            }
            clearError();
            lastSent = command.id;
            upsertCommand(command);
            renderHistory();
        } catch (e) {
            if (e.status !== 401) {
                byId('command-feedback').textContent = `Not sent: ${e.message}`;
                showError(`Command ${attribute} = ${formatValue(value)} refused: ${e.describe()}`);
            }
        } finally {
            button.disabled = false;
        }
    }

    async function loadHistory() {
        try {
            (await commandHistory(vin, HISTORY_LIMIT)).forEach(upsertCommand);
            renderHistory();
        } catch (e) {
            if (!stopped && e.status !== 401) {
                showError(`Command history: ${e.describe()}`);
            }
        }
    }

    function connect() {
        source = vehicleEvents(vin, {
            vehicle: setVehicle,
            shadow: change => {
                const next = withShadowChange(vehicle, change);
                if (next) {
                    setVehicle(next); // else an older document overtaken by one we already show
                }
            },
            presence: presence => setVehicle({...vehicle, online: presence.online, lastSeen: presence.at}),
            command: command => {
                upsertCommand(command);
                renderHistory();
            },
        }, () => stopped);
        source.onopen = () => {
            byId('stream-status').textContent = 'Live';
            loadHistory(); // on every (re)connect: command events may have been missed meanwhile
        };
        source.onerror = () => {
            if (stopped) {
                return;
            }
            if (source.readyState === EventSource.CLOSED) {
                // The browser gives up on non-200 answers without saying which; ask the API why.
                source.close();
                byId('stream-status').textContent = 'Live updates stopped; reconnecting…';
                reconnectTimer = setTimeout(recheckAndReconnect, RECONNECT_MILLIS);
            } else {
                byId('stream-status').textContent = 'Connection lost; reconnecting…';
            }
        };
    }

    async function recheckAndReconnect() {
        try {
            setVehicle(await getVehicle(vin));
            if (!stopped) {
                connect();
            }
        } catch (e) {
            if (stopped || e.status === 401) {
                return; // 401: the unauthorized handler has gone back to the login page
            }
            showError(`Vehicle ${vin}: ${e.describe()}`);
            if (e.status !== 404) {
                reconnectTimer = setTimeout(recheckAndReconnect, RECONNECT_MILLIS);
            }
        }
    }

    (async () => {
        try {
            setVehicle(await getVehicle(vin));
        } catch (e) {
            if (!stopped && e.status !== 401) {
                showError(`Vehicle ${vin}: ${e.describe()}`);
            }
            if (e.status === 404 || e.status === 401) {
                return;
            }
        }
        if (!stopped) {
            connect();
        }
    })();

    return () => {
        stopped = true;
        source?.close();
        clearTimeout(reconnectTimer);
        clearInterval(ageTimer);
        document.title = 'Fleet ops console';
    };
}

/** One line from the agent's newest counters (vehicles/<vin>/metrics), or nothing before the first arrived. */
function agentSummary(agent) {
    if (!agent) {
        return '';
    }
    const c = agent.commands ?? {};
    return `Agent: ${agent.reconnects ?? 0} reconnects, ${agent.offlineSeconds ?? 0} s offline; commands `
        + `${c.SUCCEEDED ?? 0} succeeded, ${c.REJECTED ?? 0} rejected, ${c.FAILED ?? 0} failed, `
        + `${c.TIMED_OUT ?? 0} timed out (as of ${formatTime(agent.ts)})`;
}
