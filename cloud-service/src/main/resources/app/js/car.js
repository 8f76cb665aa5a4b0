// One car, live: its last known state at once (from this device, with its age), then the service's state and its
// event stream (vehicle, shadow, presence, command). Each command's progress follows the command events; after a
// reconnect the first `vehicle` event and a fresh history request make up for anything missed meanwhile.

import {cancelCommand, commandHistory, getVehicle, sendCommand, vehicleEvents} from '/console/js/api.js';
import {byId} from '/console/js/dom.js';
import {formatAge, formatValue, withShadowChange} from '/console/js/shadow.js';
import {buildTiles, tileOf} from './controls.js';
import {mapReady} from './map.js';
import {lastKnown, remember} from './offline.js';
import {askPin, needsPin} from '/console/js/pin.js';
import {isFinal} from './progress.js';

const RECONNECT_MILLIS = 3000;

/** Shows the car screen; returns a function that stops its stream and timers. */
export function showCar(vin, {showError, clearError}) {
    byId('car-name').textContent = vin;
    document.title = `${vin} · My car`;
    let vehicle = null;
    let stateAt = null; // when the shown state came from the service
    let live = false;
    let unreachable = false; // the last try to reach the service failed: what is shown may be old
    let stopped = false;
    let source = null;
    let retry = null;
    const newest = new Map(); // tile -> newest command shown there
    const tiles = buildTiles(byId('tiles'), send, cancel);
    mapReady.then(() => tiles.render(vehicle?.shadow?.state?.reported ?? {})); // the map, once its server is known
    const ageTimer = setInterval(renderAge, 5000);

    const cached = lastKnown(vin);
    if (cached) {
        setVehicle(cached.vehicle, cached.at, false);
    } else {
        tiles.render({});
    }
    setLive('Connecting…');

    function setVehicle(next, at = Date.now(), save = true) {
        vehicle = next;
        stateAt = at;
        if (save) {
            remember(vehicle, at);
        }
        const badge = byId('car-online');
        badge.textContent = vehicle.online ? 'Online' : 'Offline';
        badge.className = `badge ${vehicle.online ? 'ok' : 'off'}`;
        tiles.render(vehicle.shadow?.state?.reported ?? {});
        renderAge();
    }

    function renderAge() {
        byId('car-age').textContent = stateAt === null ? 'No state yet'
            : live ? `Live · car last seen ${formatAge(vehicle?.lastSeen)}`
                : `Last known state from ${formatAge(stateAt)}`;
        const banner = byId('offline-banner');
        banner.hidden = live || stateAt === null || !(unreachable || !navigator.onLine);
        banner.textContent = `You are offline. This is the last known state, ${formatAge(stateAt)}.`;
    }

    function setLive(text, isLive = false) {
        live = isLive;
        byId('live-status').textContent = text;
        renderAge();
    }

    function showCommand(command) {
        const tile = tileOf(command.attribute);
        const shown = newest.get(tile);
        if (shown && shown.id !== command.id && (shown.createdAt ?? 0) > (command.createdAt ?? 0)) {
            return; // an older command of this tile
        }
        if (shown && shown.id === command.id && isFinal(shown.status) && !isFinal(command.status)) {
            return; // an event overtaken by the final one
        }
        newest.set(tile, command);
        tiles.progress(command, vehicle?.online);
    }

    async function send(attribute, value, button) {
        const pin = needsPin(attribute, value) ? await askPin(`set ${attribute} to ${formatValue(value)}`) : undefined;
        if (pin === null) {
            return; // the owner canceled the PIN dialog: nothing is sent
        }
        button.disabled = true;
        button.classList.add('busy');
        try {
            const command = await sendCommand(vin, attribute, value, pin);
            clearError();
            showCommand(command);
        } catch (e) {
            if (e.status !== 401) {
                showError(`${attribute} = ${formatValue(value)} was not sent: ${e.message}`);
            }
        } finally {
            button.disabled = false;
            button.classList.remove('busy');
        }
    }

    /** Too late (409: the car has it) shows the command as it is now, with the service's words. */
    async function cancel(command, button) {
        button.disabled = true;
        try {
            showCommand(await cancelCommand(vin, command.id));
            clearError();
        } catch (e) {
            if (e.status === 409 && e.body?.command) {
                showCommand(e.body.command);
                showError(`Not canceled: ${e.message}`);
            } else if (e.status !== 401) {
                showError(`${command.attribute} = ${formatValue(command.value)} was not canceled: ${e.message}`);
            }
            button.disabled = false;
        }
    }

    async function catchUp() {
        try {
            const recent = await commandHistory(vin, 20);
            [...recent].reverse().forEach(showCommand);
        } catch (e) {
            // the stream goes on; the next reconnect tries again
        }
    }

    function connect() {
        source = vehicleEvents(vin, {
            vehicle: setVehicle,
            shadow: change => {
                const next = withShadowChange(vehicle, change);
                if (next) {
                    setVehicle(next); // else overtaken by a newer document
                }
            },
            presence: presence => setVehicle({...vehicle, online: presence.online, lastSeen: presence.at}),
            command: showCommand,
        }, () => stopped);
        source.onopen = () => {
            setLive('Live', true);
            catchUp();
        };
        source.onerror = () => {
            if (stopped) {
                return;
            }
            setLive('Connection lost; reconnecting…');
            if (source.readyState === EventSource.CLOSED) {
                source.close();
                retry = setTimeout(load, RECONNECT_MILLIS);
            }
        };
    }

    async function load() {
        try {
            setVehicle(await getVehicle(vin));
            unreachable = false;
            if (!stopped) {
                connect();
            }
        } catch (e) {
            if (stopped || e.status === 401) {
                return;
            }
            if (e.status === 404) {
                showError(`No vehicle ${vin} for this account.`);
                return;
            }
            unreachable = e.status === 0;
            setLive(unreachable ? 'Offline; retrying…' : `Not reachable (${e.message}); retrying…`);
            retry = setTimeout(load, RECONNECT_MILLIS);
        }
    }

    load();
    return () => {
        stopped = true;
        source?.close();
        clearTimeout(retry);
        clearInterval(ageTimer);
    };
}
