// The app API (openapi.yaml) as the console and the owner app use it: bearer token from the page's storage, errors
// as ApiError carrying the API's {code, error, message}, and one hook for "the token is no longer accepted".

// The console keeps its token for the tab only; the owner app (configureApi) in localStorage, so an installed app
// stays logged in between launches.
const settings = {storage: sessionStorage, tokenKey: 'fleet.console.token', source: 'console'};

/** Where the token is kept and which X-Fleet-Source commands carry; call before any request. */
export function configureApi({storage, tokenKey, source}) {
    Object.assign(settings, {storage, tokenKey, source});
}

export class ApiError extends Error {
    constructor(status, error, message, body = null) {
        super(message);
        this.status = status;
        this.error = error;
        this.body = body; // the whole answer, e.g. a 409's {command} as it is now
    }

    /** What the operator reads, e.g. "400 BadRequest: trunk must be one of open, closed". */
    describe() {
        return this.status ? `${this.status} ${this.error}: ${this.message}` : this.message;
    }
}

let unauthorizedHandler = () => {};

/** Called with the ApiError whenever a request made with the stored token answers 401. */
export function onUnauthorized(handler) {
    unauthorizedHandler = handler;
}

export function token() {
    return settings.storage.getItem(settings.tokenKey);
}

export function saveToken(value) {
    settings.storage.setItem(settings.tokenKey, value);
}

export function clearToken() {
    settings.storage.removeItem(settings.tokenKey);
}

/**
 * One JSON request. {@code options.token} checks a token that is not stored yet (login) and then a 401 does not
 * call the unauthorized handler; with {@code options.text} the answer is returned as text (an HTML report).
 */
export async function request(method, path, body, options = {}) {
    const bearer = options.token ?? token();
    const headers = {Accept: options.text ? 'text/html' : 'application/json'};
    if (bearer) {
        headers.Authorization = `Bearer ${bearer}`;
    }
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['X-Fleet-Source'] = settings.source; // the command history shows where a command came from
    }
    let response;
    try {
        response = await fetch(path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            cache: 'no-store',
        });
    } catch (e) {
        throw new ApiError(0, 'NetworkError', `The service cannot be reached (${e.message}).`);
    }
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch (e) {
        json = null;
    }
    if (!response.ok) {
        const error = new ApiError(response.status, json?.error ?? response.statusText,
            json?.message ?? (text || `HTTP ${response.status}`), json);
        if (response.status === 401 && options.token === undefined) {
            unauthorizedHandler(error);
        }
        throw error;
    }
    return options.text ? text : json;
}

const vehiclePath = vin => `/api/vehicles/${encodeURIComponent(vin)}`;

export const me = tokenToCheck => request('GET', '/api/me', undefined, {token: tokenToCheck});
/** A query string of the entries that have a value: empty filters are left out, not sent empty. */
function queryString(query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
        if (value !== undefined && value !== null && value !== '') {
            params.set(key, String(value));
        }
    }
    return params;
}

/** One page: {vehicles, total, nextToken?}; query {q, online, limit, nextToken}, empty values left out. */
export const listVehicles = query => request('GET', `/api/vehicles?${queryString(query)}`);
/** {driveLogs}; query {vehicle, scenario, from, to} (ISO-8601 UTC), empty values left out. */
export const listDriveLogs = query => request('GET', `/api/drive-logs?${queryString(query)}`);
/** Admins only: {rigs}, {campaigns} (without runs) and one campaign with its runs. */
export const listRigs = () => request('GET', '/api/rigs');
export const listCampaigns = () => request('GET', '/api/campaigns');
export const getCampaign = id => request('GET', `/api/campaigns/${encodeURIComponent(id)}`);
/** A run's KPI HTML report as text, from the run's {@code kpiHtml} path. */
export const getRunReport = path => request('GET', path, undefined, {text: true});
export const getDriveLog = id => request('GET', `/api/drive-logs/${encodeURIComponent(id)}`);
/** Read-only DuckDB SQL over drive_logs, signals and scenarios: {columns, rows, truncated}. */
export const query = sql => request('POST', '/api/query', {sql});
export const getVehicle = vin => request('GET', vehiclePath(vin));
export const commandHistory = (vin, limit = 50) =>
    request('GET', `${vehiclePath(vin)}/commands?limit=${limit}`).then(body => body.commands ?? []);
/** {@code pin}: the user's PIN, which unlocking and opening need from an owner (403 with {pin: {result}} else). */
export const sendCommand = (vin, attribute, value, pin = undefined) =>
    request('POST', `${vehiclePath(vin)}/commands`, pin === undefined ? {attribute, value} : {attribute, value, pin});

/**
 * Cancels a command the vehicle has not received: the CANCELED command. Too late (the vehicle has it) is an ApiError
 * with status 409 whose {@code body.command} is the command as it is now.
 */
export const cancelCommand = (vin, id) =>
    request('DELETE', `${vehiclePath(vin)}/commands/${encodeURIComponent(id)}`);

/**
 * The vehicle's event stream: {@code handlers} by event type (vehicle, shadow, presence, command) get the parsed
 * data until {@code stopped()} says the page has moved on.
 */
export function vehicleEvents(vin, handlers, stopped) {
    const source = new EventSource(eventsUrl(vin));
    for (const [type, handler] of Object.entries(handlers)) {
        source.addEventListener(type, event => {
            if (!stopped()) {
                handler(JSON.parse(event.data));
            }
        });
    }
    return source;
}

/** EventSource cannot send headers, so the events endpoint takes the token as a query parameter. */
export function eventsUrl(vin) {
    return `${vehiclePath(vin)}/events?access_token=${encodeURIComponent(token() ?? '')}`;
}
