// Plain SVG charts drawn here, nothing fetched at run time: a line over time with bands for time ranges, and a
// polyline of positions. Coordinates are computed in a fixed viewBox that CSS scales to the card's width.

const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 1000;
const HEIGHT = 300;
const PAD = {left: 52, right: 12, top: 36, bottom: 28};

function svg(tag, attrs = {}, text) {
    const node = document.createElementNS(NS, tag);
    for (const [name, value] of Object.entries(attrs)) {
        node.setAttribute(name, String(value));
    }
    if (text !== undefined) {
        node.textContent = text;
    }
    return node;
}

/** "Nice" tick values from 0 to at least max: 1, 2 or 5 times a power of ten, about five of them. */
function ticks(max) {
    const raw = max / 5;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map(f => f * power).find(s => s >= raw);
    const values = [0];
    while (values[values.length - 1] < max) {
        values.push(values.length * step);
    }
    return values;
}

/**
 * A line of {@code points} [[epochMillis, value]] from {@code startMillis} to {@code endMillis}, with {@code bands}
 * [{startMillis, endMillis, label, className}] as shaded ranges behind it. Returns the SVG element.
 */
export function timeSeries({points, startMillis, endMillis, bands, unit}) {
    const root = svg('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
        'aria-label': `Speed over time in ${unit}, ${bands.length} scenario band(s)`});
    const span = Math.max(1, endMillis - startMillis);
    const top = Math.max(1, ...points.map(p => p[1]));
    const yTicks = ticks(top);
    const yMax = yTicks[yTicks.length - 1];
    const plotW = WIDTH - PAD.left - PAD.right;
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    const x = t => PAD.left + ((t - startMillis) / span) * plotW;
    const y = v => PAD.top + plotH - (Math.max(0, v) / yMax) * plotH;

    for (const band of bands) {
        const x0 = Math.max(PAD.left, x(band.startMillis));
        const x1 = Math.min(WIDTH - PAD.right, x(band.endMillis));
        const group = svg('g', {class: 'band-group', 'data-type': band.className});
        group.append(svg('rect', {class: `band ${band.className}`, x: x0.toFixed(1), y: PAD.top,
            width: Math.max(1, x1 - x0).toFixed(1), height: plotH}));
        group.append(svg('text', {class: 'band-label', x: (x0 + 2).toFixed(1), y: PAD.top - 6}, band.label));
        group.append(svg('title', {}, band.title));
        root.append(group);
    }
    for (const v of yTicks) {
        root.append(svg('line', {class: 'grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v)}));
        root.append(svg('text', {class: 'label', x: PAD.left - 6, y: y(v) + 4, 'text-anchor': 'end'}, String(v)));
    }
    const seconds = span / 1000;
    for (const s of ticks(seconds)) {
        const tx = x(startMillis + s * 1000);
        if (tx <= WIDTH - PAD.right + 0.5) {
            root.append(svg('text', {class: 'label', x: tx, y: HEIGHT - 8, 'text-anchor': 'middle'}, `${s} s`));
        }
    }
    root.append(svg('text', {class: 'label', x: 4, y: 12}, unit));
    root.append(svg('line', {class: 'axis', x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: PAD.top + plotH}));
    root.append(svg('line', {class: 'axis', x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + plotH,
        y2: PAD.top + plotH}));
    root.append(svg('polyline', {class: 'line', 'data-testid': 'speed-line',
        points: points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}));
    return root;
}

/**
 * The track of {@code positions} [[latitude, longitude]] as a polyline, north up, longitude scaled by the cosine of
 * the mean latitude so that the shape is not stretched sideways.
 */
export function track(positions) {
    const size = 400;
    const pad = 12;
    const meanLat = positions.reduce((sum, p) => sum + p[0], 0) / positions.length;
    const scaleX = Math.cos((meanLat * Math.PI) / 180);
    const xs = positions.map(p => p[1] * scaleX);
    const ys = positions.map(p => p[0]);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const extent = Math.max(maxX - minX, maxY - minY) || 1e-9;
    const scale = (size - 2 * pad) / extent;
    const root = svg('svg', {viewBox: `0 0 ${size} ${size}`, role: 'img', class: 'track-map',
        'aria-label': `GPS track of ${positions.length} position(s)`});
    const points = positions.map((_, i) => `${(pad + (xs[i] - minX) * scale).toFixed(1)},`
        + `${(size - pad - (ys[i] - minY) * scale).toFixed(1)}`).join(' ');
    root.append(svg('polyline', {class: 'track', 'data-testid': 'track-line', points}));
    return root;
}
