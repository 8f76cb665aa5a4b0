// The owner app's service worker: it keeps the app shell (HTML, CSS, scripts, manifest, icon) so the installed app
// opens without a network and shows the last known state from localStorage. Shell files are fetched from the
// network first, so a new service version is used at once, and from the cache only when the network fails.
// API requests are not touched: a stale answer must never pass for the car's state.

const CACHE = 'fleet-app-shell-v3';
const SHELL = ['/app/', '/app/app.css', '/app/manifest.webmanifest', '/app/icon.svg', '/app/js/main.js',
    '/app/js/car.js', '/app/js/controls.js', '/app/js/progress.js', '/app/js/offline.js', '/app/js/map.js', '/console/js/api.js',
    '/console/js/dom.js', '/console/js/shadow.js', '/console/js/pin.js'];

self.addEventListener('install', event => {
    event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
    event.waitUntil(caches.keys()
        .then(keys => Promise.all(keys.filter(key => key !== CACHE).map(key => caches.delete(key))))
        .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
    const url = new URL(event.request.url);
    if (event.request.method !== 'GET' || url.origin !== self.location.origin) {
        return;
    }
    const shellPath = event.request.mode === 'navigate' && url.pathname.startsWith('/app/') ? '/app/' : url.pathname;
    if (!SHELL.includes(shellPath)) {
        return;
    }
    event.respondWith(fetch(event.request).then(response => {
        if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then(cache => cache.put(shellPath, copy));
        }
        return response;
    }).catch(() => caches.match(shellPath).then(cached => cached ?? Response.error())));
});
