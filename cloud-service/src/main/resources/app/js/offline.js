// The last known state of each vehicle, kept on this device so the app opens without a network and says how old
// what it shows is.

const key = vin => `fleet.app.state.${vin}`;

export function remember(vehicle, at = Date.now()) {
    try {
        localStorage.setItem(key(vehicle.vin), JSON.stringify({at, vehicle}));
    } catch (e) {
        // storage full or disabled: the app still works online, it only cannot show this state offline
    }
}

/** {at, vehicle} or null. */
export function lastKnown(vin) {
    try {
        return JSON.parse(localStorage.getItem(key(vin)) ?? 'null');
    } catch (e) {
        return null;
    }
}

export function forgetAll() {
    for (const name of Object.keys(localStorage)) {
        if (name.startsWith('fleet.app.state.')) {
            localStorage.removeItem(name);
        }
    }
}
