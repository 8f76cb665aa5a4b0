// Pure helpers for shadow documents and how values read on screen. No DOM access here.

/** {"doors": {"fl": "open"}, "speed": 0} -> Map {"doors.fl" => "open", "speed" => 0}. */
export function flatten(node, prefix = '', into = new Map()) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
        if (prefix) {
            into.set(prefix, node);
        }
        return into;
    }
    for (const [key, value] of Object.entries(node)) {
        flatten(value, prefix ? `${prefix}.${key}` : key, into);
    }
    return into;
}

/**
 * AWS IoT's delta: the desired values that reported does not (yet) have. Used when an event carries only desired
 * and reported (the /update/documents form) and no delta.
 */
export function computeDelta(desired, reported) {
    if (desired === null || typeof desired !== 'object' || Array.isArray(desired)) {
        return JSON.stringify(desired) === JSON.stringify(reported) ? undefined : desired;
    }
    const delta = {};
    for (const [key, value] of Object.entries(desired)) {
        const other = reported && typeof reported === 'object' ? reported[key] : undefined;
        const difference = computeDelta(value, other);
        if (difference !== undefined) {
            delta[key] = difference;
        }
    }
    return Object.keys(delta).length ? delta : undefined;
}

/** The classic shadow's state with a delta, whether or not the server sent one. */
export function stateOf(shadow) {
    const state = shadow?.state ?? {};
    const desired = state.desired ?? {};
    const reported = state.reported ?? {};
    const delta = state.delta ?? computeDelta(desired, reported) ?? {};
    return {desired, reported, delta};
}

/** The vehicle with a `shadow` event's document applied, or null when the event is older than what it shows. */
export function withShadowChange(vehicle, change) {
    const current = vehicle?.shadow;
    if (current?.version !== undefined && change.version < current.version) {
        return null;
    }
    return {...vehicle, shadow: {...current, state: change.state, metadata: change.metadata, version: change.version}};
}

export function formatValue(value) {
    if (value === undefined || value === null) {
        return '—';
    }
    if (typeof value === 'object') {
        return JSON.stringify(value);
    }
    return String(value);
}

export function formatTime(epochMillis) {
    if (epochMillis === undefined || epochMillis === null) {
        return '—';
    }
    return new Date(epochMillis).toLocaleString();
}

export function formatAge(epochMillis, now = Date.now()) {
    if (epochMillis === undefined || epochMillis === null) {
        return 'never';
    }
    const seconds = Math.max(0, Math.round((now - epochMillis) / 1000));
    if (seconds < 60) {
        return `${seconds} s ago`;
    }
    if (seconds < 3600) {
        return `${Math.floor(seconds / 60)} min ago`;
    }
    if (seconds < 86400) {
        return `${Math.floor(seconds / 3600)} h ago`;
    }
    return formatTime(epochMillis);
}

const DOORS = ['fl', 'fr', 'rl', 'rr'];

/** "all closed" or "open: fl, rr" for doors; "all up" or "fl 50 %, rr 100 %" for windows. */
export function summarizeDoors(doors) {
    if (!doors) {
        return '—';
    }
    const open = DOORS.filter(d => doors[d] === 'open');
    return open.length ? `open: ${open.join(', ')}` : 'all closed';
}

export function summarizeWindows(windows) {
    if (!windows) {
        return '—';
    }
    const open = DOORS.filter(w => typeof windows[w] === 'number' && windows[w] > 0);
    return open.length ? open.map(w => `${w} ${windows[w]} %`).join(', ') : 'all up';
}

export function summarizeClimate(climate) {
    if (!climate) {
        return '—';
    }
    const target = climate.target === undefined ? '' : `, ${climate.target} °C`;
    return `${climate.on ? 'on' : 'off'}${target}`;
}
