// The car's location on a map when a tile server is configured (app.mapTiles, e.g.
// https://tile.openstreetmap.org/{z}/{x}/{y}.png; the page's content security policy allows images from that origin
// only; tile servers such as OpenStreetMap's ask for the site's origin as referrer): the one 256 px tile holding the car at zoom 16, with a marker. The coordinates and a map link are always
// shown; when no tile server is configured or its tile cannot load (offline, no key), they are all there is.

import {el} from '/console/js/dom.js';

const ZOOM = 16;
const TILE = 256;
let template = null;

/**
 * Resolves once the service said which tile server it uses (app.mapTiles, from /app/config.json); offline or
 * without one, there is no map.
 */
export const mapReady = fetch('/app/config.json', {cache: 'no-store'})
    .then(response => (response.ok ? response.json() : {}))
    .then(config => {
        template = typeof config.mapTiles === 'string' ? config.mapTiles : null;
    })
    .catch(() => {
        template = null;
    });

/** The tile holding {lat, lon} at {@code zoom} and the point's pixel inside it (Web Mercator, as slippy maps). */
export function tileOf(lat, lon, zoom = ZOOM) {
    const scale = 2 ** zoom;
    const x = (lon + 180) / 360 * scale;
    const rad = lat * Math.PI / 180;
    const y = (1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * scale;
    return {z: zoom, x: Math.floor(x), y: Math.floor(y), px: (x % 1) * TILE, py: (y % 1) * TILE};
}

/** Renders {@code gps} into {@code node}: a map when a tile server is configured, always coordinates and a link. */
export function renderLocation(node, gps) {
    if (typeof gps?.lat !== 'number' || typeof gps?.lon !== 'number') {
        node.replaceChildren('Location not reported yet.');
        return;
    }
    const text = `${gps.lat.toFixed(5)}, ${gps.lon.toFixed(5)}`;
    const link = el('a', {href: `https://www.openstreetmap.org/?mlat=${gps.lat}&mlon=${gps.lon}#map=17/${gps.lat}/${gps.lon}`,
        target: '_blank', rel: 'noopener noreferrer', dataset: {testid: 'location-link'}}, 'Open in a map');
    const where = el('p', {className: 'where'}, el('span', {dataset: {testid: 'location-coordinates'}}, text), ' · ', link);
    if (!template) {
        node.replaceChildren(where);
        return;
    }
    const tile = tileOf(gps.lat, gps.lon);
    const src = template.replace('{z}', tile.z).replace('{x}', tile.x).replace('{y}', tile.y);
    const shown = node.querySelector('img.map-tile');
    if (shown && shown.getAttribute('src') === src) {
        const marker = node.querySelector('.map-marker');
        marker.style.left = `${tile.px}px`;
        marker.style.top = `${tile.py}px`;
        node.querySelector('p.where').replaceWith(where);
        return; // the same tile: no new request, only the marker moves
    }
    const map = el('div', {className: 'map', dataset: {testid: 'map', state: 'loading'}});
    const img = el('img', {className: 'map-tile', alt: `Map around ${text}`, width: TILE, height: TILE,
        attrs: {referrerpolicy: 'strict-origin'}});
    const marker = el('span', {className: 'map-marker', attrs: {'aria-hidden': 'true'}});
    marker.style.left = `${tile.px}px`;
    marker.style.top = `${tile.py}px`;
    const unavailable = el('p', {className: 'muted', dataset: {testid: 'map-unavailable'}, hidden: true},
        'The map could not load (offline, or the tile server refused); the coordinates and the link still work.');
    img.addEventListener('load', () => {
        map.dataset.state = 'loaded';
    });
    img.addEventListener('error', () => {
        map.dataset.state = 'failed';
        map.hidden = true;
        unavailable.hidden = false;
    });
    img.src = src;
    map.append(img, marker);
    node.replaceChildren(map, unavailable, where);
}
