// The command panel: which buttons exist and what each sends. Values are those of openapi.yaml's CommandRequest.

import {el} from './dom.js';

const DOORS = [['fl', 'front left'], ['fr', 'front right'], ['rl', 'rear left'], ['rr', 'rear right']];

/** One button: visible text, the full accessible name, and the {attribute, value} it sends. */
const button = (text, label, attribute, value) => ({text, label, attribute, value});

function groups() {
    return [
        {title: 'Lock', attribute: 'lock', buttons: [
            button('Lock', 'Lock the vehicle', 'lock', 'locked'),
            button('Unlock', 'Unlock the vehicle', 'lock', 'unlocked')]},
        {title: 'Trunk', attribute: 'trunk', buttons: [
            button('Open trunk', 'Open trunk', 'trunk', 'open'),
            button('Close trunk', 'Close trunk', 'trunk', 'closed')]},
        ...DOORS.map(([door, name]) => ({title: `Door ${name}`, attribute: `doors.${door}`, buttons: [
            button('Open', `Open ${name} door`, `doors.${door}`, 'open'),
            button('Close', `Close ${name} door`, `doors.${door}`, 'closed')]})),
        ...DOORS.map(([window, name]) => ({title: `Window ${name}`, attribute: `windows.${window}`, unit: ' % open',
            buttons: [
                button('Up', `Close ${name} window (up)`, `windows.${window}`, 'up'),
                button('50 %', `Open ${name} window half way (50 %)`, `windows.${window}`, 50),
                button('Down', `Open ${name} window fully (down)`, `windows.${window}`, 'down')]})),
        {title: 'Headlights', attribute: 'headlights', buttons: [
            button('On', 'Headlights on', 'headlights', 'on'),
            button('Off', 'Headlights off', 'headlights', 'off'),
            button('Auto', 'Headlights automatic', 'headlights', 'auto')]},
        {title: 'Climate', attribute: 'climate.on', buttons: [
            button('On', 'Climate on', 'climate.on', true),
            button('Off', 'Climate off', 'climate.on', false)]},
    ];
}

/**
 * Builds the panel into {@code container}. {@code send(attribute, value, buttonNode)} does the request; the
 * returned function shows the reported value beside each group.
 */
export function buildCommandPanel(container, send) {
    const currents = new Map();
    const rows = groups().map(group => {
        const current = el('span', {className: 'muted current', dataset: {testid: `current-${group.attribute}`}});
        currents.set(group.attribute, {node: current, unit: group.unit ?? ''});
        const buttons = group.buttons.map(b => {
            const node = el('button', {
                type: 'button',
                attrs: {'aria-label': b.label},
                dataset: {testid: `cmd-${b.attribute}-${b.value}`},
            }, b.text);
            node.addEventListener('click', () => send(b.attribute, b.value, node));
            return node;
        });
        return el('div', {className: 'command-row', attrs: {role: 'group', 'aria-label': group.title}},
            el('span', {className: 'command-title'}, group.title), el('span', {className: 'buttons'}, ...buttons),
            current);
    });

    const temperature = el('input', {
        id: 'climate-target-input', type: 'number', min: '16', max: '30', step: '0.5', value: '21',
        dataset: {testid: 'climate-target-input'},
    });
    const setTemperature = el('button', {type: 'button', dataset: {testid: 'cmd-climate.target-set'}},
        'Set temperature');
    setTemperature.addEventListener('click', () => send('climate.target', Number(temperature.value), setTemperature,
        temperature.value.trim() === '' ? 'Enter a target temperature (16-30 °C).' : null));
    const targetCurrent = el('span', {className: 'muted current', dataset: {testid: 'current-climate.target'}});
    currents.set('climate.target', {node: targetCurrent, unit: ' °C'});
    rows.push(el('div', {className: 'command-row', attrs: {role: 'group', 'aria-label': 'Climate target temperature'}},
        el('label', {className: 'command-title', htmlFor: 'climate-target-input'}, 'Target °C'),
        el('span', {className: 'buttons'}, temperature, setTemperature), targetCurrent));

    // Momentary: each press sends a new request token, so the car sounds the horn again.
    const horn = el('button', {type: 'button', dataset: {testid: 'cmd-horn_flash'}}, 'Horn and flash');
    horn.addEventListener('click', () => send('horn_flash', `console-${Date.now()}`, horn));
    rows.push(el('div', {className: 'command-row', attrs: {role: 'group', 'aria-label': 'Horn and flash'}},
        el('span', {className: 'command-title'}, 'Find my car'), el('span', {className: 'buttons'}, horn)));

    container.replaceChildren(...rows);
    return reportedLeaves => {
        for (const [attribute, {node, unit}] of currents) {
            const value = reportedLeaves.get(attribute);
            const text = typeof value === 'boolean' ? (value ? 'on' : 'off') : `${value}${typeof value === 'number' ? unit : ''}`;
            node.textContent = value === undefined ? '' : `now ${text}`;
        }
    };
}
