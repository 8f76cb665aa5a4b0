// The PIN that unlocking and opening need from an owner (the user's voice PIN, set with `./fleet user pin <name>`):
// which commands need it (as the service's users.OpeningCommands decides) and the dialog that asks for it, shared by
// the owner app and the console. The PIN is sent with that one command and never kept.

import {el} from './dom.js';

/** Unlocking, and opening the trunk, a door or a window (down or any percent above 0). */
export function needsPin(attribute, value) {
    return attribute === 'lock' && value === 'unlocked'
        || (attribute === 'trunk' || attribute.startsWith('doors.')) && value === 'open'
        || attribute.startsWith('windows.') && (value === 'down' || typeof value === 'number' && value > 0);
}

let parts = null;

/** The dialog, made on first use so each page needs no markup of its own. */
function dialog() {
    if (parts) {
        return parts;
    }
    const what = el('span');
    const input = el('input', {id: 'pin-input', type: 'password', maxLength: 4, autocomplete: 'off',
        dataset: {testid: 'pin-input'}, attrs: {inputmode: 'numeric', pattern: '[0-9]{4}'}});
    const message = el('p', {className: 'message', dataset: {testid: 'pin-message'}, attrs: {role: 'alert'}});
    const send = el('button', {type: 'submit', className: 'primary', dataset: {testid: 'pin-send'}}, 'Send');
    const cancel = el('button', {type: 'button', dataset: {testid: 'pin-cancel'}}, 'Cancel');
    const form = el('form', {className: 'stack', noValidate: true},
        el('h2', {id: 'pin-title'}, 'Enter your PIN'),
        el('p', {}, 'To ', what, ' the car needs your PIN (the one set with ', el('code', {}, './fleet user pin'),
            '). Three wrong PINs lock unlocking and opening for 15 minutes.'),
        el('label', {htmlFor: 'pin-input'}, 'PIN'), input, message, el('div', {className: 'row'}, send, cancel));
    const node = el('dialog', {id: 'pin-dialog', className: 'pin-dialog', dataset: {testid: 'pin-dialog'},
        attrs: {'aria-labelledby': 'pin-title'}}, form);
    document.body.append(node);
    parts = {node, form, what, input, message, cancel};
    return parts;
}

/** Asks for the PIN to {@code what}; resolves with the four digits, or null when the user cancels. */
export function askPin(what) {
    const {node, form, input, message, cancel} = dialog();
    dialog().what.textContent = what;
    input.value = '';
    message.textContent = '';
    return new Promise(resolve => {
        const finish = pin => {
            form.removeEventListener('submit', submitted);
            cancel.removeEventListener('click', canceled);
            node.removeEventListener('cancel', canceled);
            node.close();
            resolve(pin);
        };
        const submitted = event => {
            event.preventDefault();
            if (!/^\d{4}$/.test(input.value)) {
                message.textContent = 'The PIN has four digits.';
                return;
            }
            finish(input.value);
        };
        const canceled = event => {
            event.preventDefault();
            finish(null);
        };
        form.addEventListener('submit', submitted);
        cancel.addEventListener('click', canceled);
        node.addEventListener('cancel', canceled); // Escape
        node.showModal();
        input.focus();
    });
}
