// Entry point: hash routes (#/login, #/vehicles, #/vehicles/<id>, #/drive-logs, #/drive-logs/<id>, #/campaigns,
// #/campaigns/<id>, #/rigs), login and logout. A view's show function returns a stop function that closes its timers
// and streams when the operator navigates away.

import {clearToken, me, onUnauthorized, saveToken, token} from './api.js';
import {showCampaignList, showCampaignPage, showRigs} from './campaigns.js';
import {byId, clearError, showOnly} from './dom.js';
import {showDriveList} from './drive-list.js';
import {showDrivePage} from './drive-page.js';
import {showVehicleList} from './vehicle-list.js';
import {showVehiclePage} from './vehicle-page.js';

let stopCurrent = () => {};
let loginNotice = '';

function route() {
    stopCurrent();
    stopCurrent = () => {};
    clearError();
    if (!token()) {
        showLogin();
        return;
    }
    showSession();
    const vehicle = /^#\/vehicles\/(.+)$/.exec(location.hash);
    const driveLog = /^#\/drive-logs\/(\d+)$/.exec(location.hash);
    const campaign = /^#\/campaigns\/(\d+)$/.exec(location.hash);
    if (vehicle) {
        stopCurrent = showVehiclePage(decodeURIComponent(vehicle[1]));
    } else if (driveLog) {
        stopCurrent = showDrivePage(driveLog[1]);
    } else if (location.hash === '#/drive-logs') {
        stopCurrent = showDriveList();
    } else if (campaign) {
        stopCurrent = showCampaignPage(campaign[1]);
    } else if (location.hash === '#/campaigns') {
        stopCurrent = showCampaignList();
    } else if (location.hash === '#/rigs') {
        stopCurrent = showRigs();
    } else {
        if (location.hash !== '#/vehicles') {
            history.replaceState(null, '', '#/vehicles');
        }
        stopCurrent = showVehicleList();
    }
}

function showLogin() {
    byId('session').hidden = true;
    showOnly('login-view');
    byId('login-message').textContent = loginNotice;
    loginNotice = '';
    byId('token-input').focus();
}

async function showSession() {
    byId('session').hidden = false;
    const name = sessionStorage.getItem('fleet.console.user');
    byId('session-user').textContent = name ?? '';
    if (name === null) {
        try {
            const user = await me(token());
            rememberUser(user);
        } catch (e) {
            if (e.status === 401) {
                endSession('The saved token is no longer accepted. Log in again.');
            }
        }
    }
}

function rememberUser(user) {
    const label = `${user.name} (${String(user.role).toLowerCase()})`;
    sessionStorage.setItem('fleet.console.user', label);
    byId('session-user').textContent = label;
}

function endSession(notice) {
    stopCurrent();
    stopCurrent = () => {};
    clearToken();
    sessionStorage.removeItem('fleet.console.user');
    loginNotice = notice;
    if (location.hash === '#/login') {
        route();
    } else {
        location.hash = '#/login';
    }
}

async function login(event) {
    event.preventDefault();
    const candidate = byId('token-input').value.trim();
    const message = byId('login-message');
    if (!candidate) {
        message.textContent = 'Enter a token.';
        return;
    }
    byId('login-button').disabled = true;
    message.textContent = 'Checking the token…';
    try {
        const user = await me(candidate);
        saveToken(candidate);
        rememberUser(user);
        byId('token-input').value = '';
        message.textContent = '';
        if (['#/vehicles', '#/drive-logs', '#/campaigns', '#/rigs'].some(page => location.hash.startsWith(page))) {
            route(); // a deep link opened before login
        } else {
            location.hash = '#/vehicles'; // hashchange routes
        }
    } catch (e) {
        message.textContent = e.status === 401
            ? `This token was not accepted: ${e.message}. Check it and try again.`
            : `Could not log in: ${e.describe ? e.describe() : e.message}`;
    } finally {
        byId('login-button').disabled = false;
    }
}

onUnauthorized(() => endSession('Your session ended: the service no longer accepts the token. Log in again.'));
byId('login-form').addEventListener('submit', login);
byId('logout-button').addEventListener('click', () => endSession('You have logged out.'));
byId('error-dismiss').addEventListener('click', clearError);
window.addEventListener('hashchange', route);
route();
