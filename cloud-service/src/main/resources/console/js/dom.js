// Small DOM helpers. Text always goes in as text nodes: nothing from the API is parsed as HTML.

export const byId = id => document.getElementById(id);

/** el('td', {dataset: {testid: 'x'}, className: 'y'}, 'text', otherNode) */
export function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
        if (key === 'dataset') {
            Object.assign(node.dataset, value);
        } else if (key === 'attrs') {
            for (const [name, attr] of Object.entries(value)) {
                node.setAttribute(name, attr);
            }
        } else {
            node[key] = value;
        }
    }
    for (const child of children) {
        node.append(child instanceof Node ? child : String(child));
    }
    return node;
}

export function showOnly(viewId) {
    for (const view of document.querySelectorAll('.view')) {
        view.hidden = view.id !== viewId;
    }
}

export function showError(text) {
    byId('error-text').textContent = text;
    byId('error-banner').hidden = false;
}

export function clearError() {
    byId('error-text').textContent = '';
    byId('error-banner').hidden = true;
}

/** A connectivity badge: the words say it, the colour only repeats it. */
export function onlineBadge(node, online) {
    node.textContent = online ? 'Online' : 'Offline';
    node.className = `badge ${online ? 'ok' : 'off'}`;
    node.dataset.online = String(online);
}

/** A command status badge, e.g. SUCCEEDED in green, FAILED in red, with the word always shown. */
export function statusBadge(status) {
    return el('span', {className: `badge status-${String(status).toLowerCase()}`}, status);
}
