// The owner app's entry point: hash routes (#/login, #/vehicles, #/car/<vin>), login with a token kept on this
// device, the vehicle picker, and the service worker that keeps the shell for offline use.

import {clearToken, configureApi, listVehicles, me, onUnauthorized, saveToken, token} from '/console/js/api.js';
import {byId, el, showOnly} from '/console/js/dom.js';
import {showCar} from './car.js';
import {forgetAll} from './offline.js';

configureApi({storage: localStorage, tokenKey: 'fleet.app.token', source: 'app'});

const PICKER_PAGE = 50;
const LAST_CAR = 'fleet.app.lastCar'; // an installed app opens on the car it showed last, even offline
let stopCurrent = () => {};
let loginNotice = '';

const errors = {
    showError(text) {
        byId('error-banner').textContent = text;
        byId('error-banner').hidden = false;
    },
    clearError() {
        byId('error-banner').hidden = true;
    },
};

function route() {
    stopCurrent();
    stopCurrent = () => {};
    errors.clearError();
    byId('offline-banner').hidden = true;
    if (!token()) {
        showLogin();
        return;
    }
    byId('session').hidden = false;
    const car = /^#\/car\/(.+)$/.exec(location.hash);
    const lastCar = localStorage.getItem(LAST_CAR);
    if (car) {
        const vin = decodeURIComponent(car[1]);
        localStorage.setItem(LAST_CAR, vin);
        showOnly('car-view');
        stopCurrent = showCar(vin, errors);
    } else if (lastCar && location.hash !== '#/vehicles') {
        location.replace(`#/car/${encodeURIComponent(lastCar)}`);
    } else {
        stopCurrent = showPicker();
    }
}

function showLogin() {
    byId('session').hidden = true;
    showOnly('login-view');
    byId('login-message').textContent = loginNotice;
    loginNotice = '';
}

/** The user's vehicles; with exactly one and none chosen before, that one opens at once. */
function showPicker() {
    showOnly('picker-view');
    document.title = 'My car';
    const search = byId('picker-search');
    let stopped = false;
    let typing = null;

    async function load(autoOpen) {
        try {
            const page = await listVehicles({q: search.value.trim(), limit: PICKER_PAGE});
            if (stopped) {
                return;
            }
            const vehicles = page.vehicles ?? [];
            if (autoOpen && vehicles.length === 1 && page.total === 1) {
                location.replace(`#/car/${encodeURIComponent(vehicles[0].vin)}`);
                return;
            }
            byId('picker-search-label').hidden = page.total <= PICKER_PAGE && !search.value;
            byId('picker-status').textContent = page.total === 0
                ? (search.value ? 'No vehicle matches.' : 'No vehicles are linked to this account.')
                : page.total > vehicles.length ? `${vehicles.length} of ${page.total}; type to narrow the list.` : '';
            byId('vehicle-choices').replaceChildren(...vehicles.map(v => el('li', {}, el('a', {
                href: `#/car/${encodeURIComponent(v.vin)}`, className: 'choice', dataset: {testid: `choose-${v.vin}`},
            }, el('strong', {}, v.vin), el('span', {className: `badge ${v.online ? 'ok' : 'off'}`},
                v.online ? 'Online' : 'Offline')))));
        } catch (e) {
            if (!stopped && e.status !== 401) {
                byId('picker-status').textContent = `Could not load your vehicles: ${e.message}`;
            }
        }
    }

    const typed = () => {
        clearTimeout(typing);
        typing = setTimeout(() => load(false), 300);
    };
    search.addEventListener('input', typed);
    load(location.hash !== '#/vehicles');
    return () => {
        stopped = true;
        clearTimeout(typing);
        search.removeEventListener('input', typed);
    };
}

async function login(event) {
    event.preventDefault();
    const candidate = byId('token-input').value.trim();
    const message = byId('login-message');
    if (!candidate) {
        message.textContent = 'Enter your access token.';
        return;
    }
    byId('login-button').disabled = true;
    message.textContent = 'Checking…';
    try {
        await me(candidate);
        saveToken(candidate);
        byId('token-input').value = '';
        message.textContent = '';
        go('#/start');
    } catch (e) {
        message.textContent = e.status === 401 ? `This token was not accepted: ${e.message}`
            : `Could not log in: ${e.message}`;
    } finally {
        byId('login-button').disabled = false;
    }
}

function logout(notice) {
    stopCurrent();
    stopCurrent = () => {};
    clearToken();
    forgetAll(); // the last known state is the owner's: it goes with the token
    localStorage.removeItem(LAST_CAR);
    loginNotice = notice;
    go('#/login');
}

/** Routes to {@code hash}: setting the hash routes through hashchange, an unchanged one would not. */
function go(hash) {
    if (location.hash === hash) {
        route();
    } else {
        location.hash = hash;
    }
}

onUnauthorized(() => logout('Your session ended: the service no longer accepts the token. Log in again.'));
byId('login-form').addEventListener('submit', login);
byId('logout-button').addEventListener('click', () => logout('You have logged out.'));
byId('choose-vehicle').addEventListener('click', () => go('#/vehicles'));
window.addEventListener('hashchange', route);
if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/app/sw.js', {scope: '/app/'}).catch(() => {
        // plain http on another host is no secure context: the app works, only not offline
    });
}
route();
