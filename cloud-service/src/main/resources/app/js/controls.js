// The car screen's tiles: what each shows from the car's reported state and what each button sends (the values of
// openapi.yaml's CommandRequest). A tile has one progress area for its newest command.

import {el} from '/console/js/dom.js';
import {formatValue} from '/console/js/shadow.js';
import {renderLocation} from './map.js';
import {describe, isCancellable} from './progress.js';

const CORNERS = [['fl', 'Front left'], ['fr', 'Front right'], ['rl', 'Rear left'], ['rr', 'Rear right']];
const TARGET = {min: 16, max: 30, step: 0.5};

/** Which tile follows a command on {@code attribute}. */
export function tileOf(attribute) {
    const head = String(attribute).split('.')[0];
    return {horn_flash: 'find', gps: 'find'}[head] ?? head;
}

/**
 * Builds the tiles into {@code container}; {@code send(attribute, value, button)} does the request and
 * {@code cancel(command, button)} cancels a command the car has not received. Returns render(reported, online) and
 * progress(command, online).
 */
export function buildTiles(container, send, cancel) {
    const shows = []; // [node, reported => text]
    const show = (testid, text) => {
        const node = el('strong', {dataset: {testid}});
        shows.push([node, text]);
        return node;
    };
    const button = (label, attribute, value, extra = {}) => {
        const node = el('button', {type: 'button', className: extra.className ?? '', dataset: {testid:
            extra.testid ?? `cmd-${attribute}-${value}`}, attrs: extra.aria ? {'aria-label': extra.aria} : {}}, label);
        node.addEventListener('click', () => send(attribute, typeof value === 'function' ? value() : value, node));
        return node;
    };
    const progressAreas = new Map();
    const tile = (name, title, ...children) => {
        const progress = el('div', {className: 'progress', dataset: {testid: `progress-${name}`}, attrs:
            {role: 'status', 'aria-live': 'polite'}});
        progressAreas.set(name, progress);
        return el('article', {className: 'tile', dataset: {testid: `tile-${name}`}}, el('h2', {}, title), ...children,
            progress);
    };
    const row = (...children) => el('div', {className: 'row'}, ...children);

    const doorToggles = CORNERS.map(([corner, name]) => {
        const toggle = button('Open', `doors.${corner}`, () => toggle.dataset.next ?? 'open',
            {testid: `cmd-doors.${corner}`, aria: `${name} door`});
        shows.push([toggle, r => {
            const open = r.doors?.[corner] === 'open';
            toggle.dataset.next = open ? 'closed' : 'open';
            return open ? 'Close' : 'Open';
        }]);
        return el('div', {className: 'corner'}, el('span', {}, name), show(`state-doors.${corner}`,
            r => formatValue(r.doors?.[corner])), toggle);
    });
    const windowToggles = CORNERS.map(([corner, name]) => {
        const toggle = button('Down', `windows.${corner}`, () => toggle.dataset.next ?? 'down',
            {testid: `cmd-windows.${corner}`, aria: `${name} window`});
        shows.push([toggle, r => {
            const open = (r.windows?.[corner] ?? 0) > 0;
            toggle.dataset.next = open ? 'up' : 'down';
            return open ? 'Up' : 'Down';
        }]);
        return el('div', {className: 'corner'}, el('span', {}, name), show(`state-windows.${corner}`,
            r => r.windows?.[corner] === undefined ? '—' : `${r.windows[corner]} % open`), toggle);
    });

    const target = el('output', {id: 'climate-target', dataset: {testid: 'climate-target', value: '21'}}, '21 °C');
    let targetTouched = false; // until the owner steps, the target follows the car's
    const step = delta => () => {
        targetTouched = true;
        const next = Math.min(TARGET.max, Math.max(TARGET.min, Number(target.dataset.value) + delta));
        target.dataset.value = String(next);
        target.textContent = `${next} °C`;
    };
    const stepper = (label, delta, aria, testid) => {
        const node = el('button', {type: 'button', className: 'round', dataset: {testid}, attrs: {'aria-label': aria}},
            label);
        node.addEventListener('click', step(delta));
        return node;
    };
    shows.push([target, r => {
        if (!targetTouched && typeof r.climate?.target === 'number') {
            target.dataset.value = String(r.climate.target);
        }
        return `${target.dataset.value} °C`;
    }]);

    const gps = el('div', {className: 'location', dataset: {testid: 'location'}});
    const tiles = [
        tile('lock', 'Lock', row(show('state-lock', r => formatValue(r.lock))),
            row(button('Lock', 'lock', 'locked', {className: 'primary'}), button('Unlock', 'lock', 'unlocked'))),
        tile('trunk', 'Trunk', row(show('state-trunk', r => formatValue(r.trunk))),
            row(button('Open trunk', 'trunk', 'open'), button('Close trunk', 'trunk', 'closed'))),
        tile('climate', 'Climate', row(show('state-climate', r => r.climate === undefined ? '—'
                : `${r.climate.on ? 'on' : 'off'}, set to ${formatValue(r.climate.target)} °C`)),
            row(button('On', 'climate.on', true), button('Off', 'climate.on', false)),
            row(stepper('−', -TARGET.step, 'Lower the target temperature', 'climate-lower'), target,
                stepper('+', TARGET.step, 'Raise the target temperature', 'climate-raise'),
                button('Set', 'climate.target', () => Number(target.dataset.value), {testid: 'cmd-climate.target'}))),
        tile('doors', 'Doors', el('div', {className: 'corners'}, ...doorToggles)),
        tile('windows', 'Windows', el('div', {className: 'corners'}, ...windowToggles)),
        tile('headlights', 'Headlights', row(show('state-headlights', r => formatValue(r.headlights))),
            row(button('On', 'headlights', 'on'), button('Off', 'headlights', 'off'),
                button('Auto', 'headlights', 'auto'))),
        tile('find', 'Find my car', gps,
            row(button('Horn and flash', 'horn_flash', () => `app-${Date.now()}`, {testid: 'cmd-horn_flash'}))),
        tile('info', 'Fuel and odometer', row(el('span', {}, 'Fuel'), show('state-fuel',
            r => r.fuel === undefined ? '—' : `${r.fuel} %`)), row(el('span', {}, 'Odometer'),
            show('state-odometer', r => r.odometer === undefined ? '—' : `${Number(r.odometer).toFixed(1)} km`))),
    ];
    container.replaceChildren(...tiles);

    return {
        render(reported) {
            for (const [node, text] of shows) {
                node.textContent = text(reported);
            }
            renderLocation(gps, reported.gps);
        },
        progress(command, online) {
            const area = progressAreas.get(tileOf(command.attribute));
            if (!area) {
                return;
            }
            const {steps, text, tone} = describe(command, online);
            area.className = `progress ${tone}`;
            area.dataset.status = command.status;
            area.dataset.command = command.id;
            area.replaceChildren(
                el('ol', {className: 'steps'}, ...steps.map(([label, state]) => el('li', {className: state}, label))),
                el('p', {}, `${command.attribute} = ${formatValue(command.value)}: ${text}`));
            if (isCancellable(command)) {
                // only until the car has it: the service answers 409 once the car received it
                const stop = el('button', {type: 'button', dataset: {testid: `cancel-${tileOf(command.attribute)}`}},
                    'Cancel');
                stop.addEventListener('click', () => cancel(command, stop));
                area.append(stop);
            }
        },
    };
}
