// The HiL pages for admins: the rig pool (#/rigs), the campaigns (#/campaigns) and one campaign with its runs
// (#/campaigns/<id>). Each polls the service, so leases, verdicts and rigs coming and going show without a reload.

import {getCampaign, getRunReport, listCampaigns, listRigs} from './api.js';
import {byId, el, showError, showOnly, statusBadge} from './dom.js';
import {formatUtc} from './drive-list.js';

const POLL_MILLIS = 2000;

/** Shows a view and refreshes it every POLL_MILLIS with what {@code load} renders; returns the stop function. */
function polled(viewId, title, statusId, load) {
    showOnly(viewId);
    document.title = `${title} · Fleet ops console`;
    byId(statusId).textContent = 'Loading…';
    let stopped = false;
    let timer = null;

    async function poll() {
        try {
            const summary = await load(() => stopped);
            if (stopped) {
                return;
            }
            byId(statusId).textContent = `${summary} · updated ${new Date().toLocaleTimeString()} · refreshes every `
                + `${POLL_MILLIS / 1000} s`;
        } catch (e) {
            if (stopped || e.status === 401) {
                return;
            }
            byId(statusId).textContent = 'Could not refresh; retrying.';
            showError(`${title}: ${e.describe ? e.describe() : e.message}`);
        }
        if (!stopped) {
            timer = setTimeout(poll, POLL_MILLIS);
        }
    }

    poll();
    return () => {
        stopped = true;
        clearTimeout(timer);
    };
}

function emptyRow(columns, text) {
    return el('tr', {}, el('td', {colSpan: columns, className: 'muted'}, text));
}

export function showRigs() {
    return polled('rigs-view', 'Rigs', 'rigs-status', async stopped => {
        const rigs = (await listRigs()).rigs ?? [];
        if (!stopped()) {
            const rows = rigs.map(rigRow);
            const none = 'No rigs: a rig is a thing with reported.rig in its shadow or a capabilities attribute.';
            document.querySelector('#rigs-table tbody').replaceChildren(...(rows.length ? rows
                : [emptyRow(7, none)]));
        }
        return `${rigs.length} rig(s), ${rigs.filter(r => r.dispatchable).length} free`;
    });
}

function rigRow(rig) {
    const cell = (key, content) => el('td', {dataset: {testid: `rig-${key}-${rig.name}`}}, content);
    const health = statusBadge(rig.health.toUpperCase());
    return el('tr', {dataset: {testid: `rig-row-${rig.name}`}},
        el('th', {scope: 'row'}, rig.name),
        cell('connected', el('span', {className: `badge ${rig.connected ? 'ok' : 'off'}`},
            rig.connected ? 'Online' : 'Offline')),
        cell('health', rig.reason ? el('span', {}, health, ` ${rig.reason}`) : health),
        cell('capabilities', (rig.capabilities ?? []).join(', ') || '—'),
        cell('run', rig.currentRun != null ? `#${rig.currentRun}` : rig.busy ? 'busy (a job of its own)' : '—'),
        cell('queue', String(rig.queueLength)),
        cell('software', rig.softwareVersion ?? '—'));
}

export function showCampaignList() {
    return polled('campaign-list-view', 'Campaigns', 'campaign-list-status', async stopped => {
        const campaigns = (await listCampaigns()).campaigns ?? [];
        if (!stopped()) {
            const rows = campaigns.map(campaignRow);
            document.querySelector('#campaign-table tbody').replaceChildren(...(rows.length ? rows
                : [emptyRow(6, 'No campaigns yet: ./fleet campaign create campaign.json')]));
        }
        return `${campaigns.length} campaign(s)`;
    });
}

function counts(campaign) {
    return Object.entries(campaign.counts ?? {}).map(([state, count]) => `${count} ${state}`).join(', ') || '—';
}

function campaignRow(campaign) {
    const cell = (key, content) => el('td', {dataset: {testid: `campaign-${key}-${campaign.id}`}}, content);
    return el('tr', {dataset: {testid: `campaign-row-${campaign.id}`}},
        el('th', {scope: 'row'}, el('a', {href: `#/campaigns/${campaign.id}`,
            dataset: {testid: `campaign-link-${campaign.id}`}}, `#${campaign.id}`)),
        cell('name', campaign.name),
        cell('status', statusBadge(campaign.status)),
        cell('priority', String(campaign.priority)),
        cell('runs', counts(campaign)),
        cell('created', `${formatUtc(campaign.createdAt)} by ${campaign.createdBy}`));
}

export function showCampaignPage(id) {
    return polled('campaign-view', `Campaign #${id}`, 'campaign-page-status', async stopped => {
        const campaign = await getCampaign(id);
        if (!stopped()) {
            byId('campaign-title').textContent = `Campaign #${campaign.id} · ${campaign.name}`;
            byId('campaign-state').replaceChildren(statusBadge(campaign.status));
            byId('campaign-summary').textContent = `priority ${campaign.priority}, retries ${campaign.retries}, `
                + `requires ${(campaign.requirements?.capabilities ?? []).join(', ') || 'nothing'}; runs: `
                + counts(campaign);
            const rows = (campaign.runs ?? []).map(runRow);
            document.querySelector('#runs-table tbody').replaceChildren(...(rows.length ? rows
                : [emptyRow(8, 'No runs.')]));
        }
        return `${(campaign.runs ?? []).length} run(s)`;
    });
}

function runRow(run) {
    const cell = (key, content) => el('td', {dataset: {testid: `run-${key}-${run.id}`}}, content);
    const log = run.driveLog ?? {};
    const logCell = log.id == null ? log.url
        : el('a', {href: `#/drive-logs/${log.id}`, dataset: {testid: `run-log-link-${run.id}`}}, log.url);
    const span = run.window ? ` (${run.window.seek.toFixed(1)} s + ${run.window.seconds.toFixed(1)} s)` : '';
    const measured = Object.entries(run.measured ?? {}).map(([name, value]) => `${name} ${value}`).join(', ');
    return el('tr', {dataset: {testid: `run-row-${run.id}`}},
        el('th', {scope: 'row'}, `#${run.id}`),
        cell('state', statusBadge(run.state)),
        cell('rig', run.rig ? `${run.rig}${run.rigSoftwareVersion ? ` (${run.rigSoftwareVersion})` : ''}` : '—'),
        cell('attempt', String(run.attempt)),
        cell('verdict', run.verdict ?? '—'),
        cell('log', el('span', {}, logCell, span, run.scenario ? ` · ${run.scenario.type}` : '')),
        cell('measured', measured || '—'),
        cell('results', run.kpiHtml ? el('span', {}, run.results ?? '', ' · ', reportLink(run))
            : run.results ?? run.reason ?? '—'));
}

/** Blob URLs of the KPI reports fetched so far, by run id: the rows are rebuilt on every poll. */
const savedReports = new Map();

/**
 * A link that saves the run's KPI HTML report as a file. The page is the rig's: it is fetched with the token and
 * saved, never shown inside the console, so nothing in it runs with the console's origin.
 */
function reportLink(run) {
    const link = el('a', {href: savedReports.get(run.id) ?? run.kpiHtml, dataset: {testid: `run-kpi-${run.id}`}},
        'KPI report');
    const fileName = `kpi-campaign-${run.campaignId}-run-${run.id}.html`;
    if (savedReports.has(run.id)) {
        link.download = fileName;
        return link;
    }
    link.addEventListener('click', async event => {
        if (link.download) {
            return; // fetched: the browser saves it
        }
        event.preventDefault();
        try {
            const html = await getRunReport(run.kpiHtml);
            savedReports.set(run.id, URL.createObjectURL(new Blob([html], {type: 'text/html'})));
            link.href = savedReports.get(run.id);
            link.download = fileName;
            link.click();
        } catch (e) {
            showError(`KPI report of run #${run.id}: ${e.describe ? e.describe() : e.message}`);
        }
    });
    return link;
}
