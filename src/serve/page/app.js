// bigcert's page (docs/serve.md). The model holds every coordinate as an exact number string ("1/4", "-3");
// floats are used only to draw, and for the projected-gradient path, which is labelled approximate. Every
// answer shown comes from the server's exact CLI commands.
"use strict";

const STEP = 4;  // drags and arrow keys move on the grid of 1/STEP
const SVG_NS = "http://www.w3.org/2000/svg";
const COLOURS = ["#1b4f9c", "#b5400b", "#2a7a2a", "#6b2a8a", "#8a6d00", "#0b7a7a", "#9c1b4f", "#444444"];
const SHAPES = ["circle", "square", "triangle", "diamond", "pentagon", "cross"];
const DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"];
const LARGE_GAME = 60;  // more players: the server's figure (merged markers, as `bigcert plot` draws them)

// ---------- exact numbers (strings) ----------
function gcd(a, b) { a = a < 0n ? -a : a; b = b < 0n ? -b : b; while (b) [a, b] = [b, a % b]; return a; }
function fractionText(p, q) {
    if (q < 0n) { p = -p; q = -q; }
    const g = gcd(p, q) || 1n;
    p /= g; q /= g;
    return q === 1n ? p.toString() : p + "/" + q;
}
function gridText(k) { return fractionText(BigInt(k), BigInt(STEP)); }  // k/STEP
function toFloat(text) {
    if (typeof text === "number") return text;
    if (typeof text === "object" && text !== null) return toFloat(text.approx ?? text.interval?.[0] ?? "0");
    const s = String(text).trim();
    const slash = s.indexOf("/");
    if (slash >= 0) return Number(s.slice(0, slash)) / Number(s.slice(slash + 1));
    return Number(s);
}
function exactText(value) {
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
    if (value && value.root) return `root of ${value.root} in [${value.interval.join(", ")}] ≈ ${value.approx}`;
    if (value && value.interval) return `in [${value.interval.join(", ")}] ≈ ${value.approx}`;
    return JSON.stringify(value);
}
function vectorText(v) { return v.length === 1 ? exactText(v[0]) : "(" + v.map(exactText).join(", ") + ")"; }
function snap(x) { return Math.round(x * STEP); }

// ---------- the game being edited ----------
// player: {name, weight, target: [str], set: {interval: [lo, hi]} | {vertices: [[x, y], ...]}}
let game = defaultGame(1);
let loaded = null;  // an instance file that the editor cannot draw (shown by the server's figure, sent as is)
let selected = {player: 0, kind: "target", index: 0};
let lastSolution = null, lastSolutionText = "";

function defaultGame(dimension) {
    if (dimension === 1)
        return {dimension: 1, extra: {}, bias: {weight: "0", point: ["0"]},
                players: [{name: "1", weight: "1", target: ["0"], set: {interval: ["-1", "1"]}}]};
    return {dimension: 2, extra: {}, bias: {weight: "0", point: ["0", "0"]},
            players: [{name: "1", weight: "1", target: ["0", "1"], set: {vertices: square()}}]};
}
function square() { return [["-1", "-1"], ["1", "-1"], ["1", "1"], ["-1", "1"]]; }

function instanceJson() {
    if (loaded) return loaded.text;
    const players = game.players.map(p => ({
        name: p.name, weight: p.weight, target: p.target,
        action_set: p.set.interval ? {interval: p.set.interval} : {vertices: p.set.vertices}}));
    const instance = {format: "bigcert/1", ...game.extra, dimension: game.dimension, players};
    if (toFloat(game.bias.weight) !== 0) instance.bias = {weight: game.bias.weight, point: game.bias.point};
    return JSON.stringify(instance, null, 1);
}

// An instance file as an editable game, or null when the editor cannot draw it (other sets, d > 2, many players).
function editableGame(instance) {
    const d = instance.dimension ?? 1;
    if (d !== 1 && d !== 2) return null;
    const players = instance.players || [];
    if (players.length === 0 || players.length > LARGE_GAME) return null;
    const vec = v => (Array.isArray(v) ? v : [v]).map(String);
    const extra = {};
    for (const key of ["name", "loss", "description"]) if (key in instance) extra[key] = instance[key];
    const known = new Set(["format", "name", "loss", "description", "dimension", "players", "action_set", "bias"]);
    if (Object.keys(instance).some(k => !known.has(k))) return null;
    const result = {dimension: d, extra, players: [],
                    bias: instance.bias ? {weight: String(instance.bias.weight ?? "0"), point: vec(instance.bias.point ?? Array(d).fill("0"))}
                                        : {weight: "0", point: Array(d).fill("0")}};
    for (let i = 0; i < players.length; i++) {
        const p = players[i];
        if (Object.keys(p).some(k => !["name", "weight", "target", "action_set"].includes(k))) return null;
        const set = editableSet(p.action_set ?? instance.action_set, d);
        if (!set) return null;
        result.players.push({name: p.name !== undefined ? String(p.name) : String(i + 1),
                             weight: String(p.weight ?? "1"), target: vec(p.target), set});
    }
    return result;
}
function editableSet(set, d) {
    if (!set) return null;
    if (d === 1 && set.interval) return {interval: set.interval.map(String)};
    if (d === 1 && set.box) return {interval: [String(set.box.lo[0]), String(set.box.hi[0])]};
    if (d === 2 && set.box) {
        const [lo, hi] = [set.box.lo.map(String), set.box.hi.map(String)];
        return {vertices: [[lo[0], lo[1]], [hi[0], lo[1]], [hi[0], hi[1]], [lo[0], hi[1]]]};
    }
    if (d === 2 && set.vertices) return {vertices: hullOrder(set.vertices.map(v => v.map(String)))};
    return null;
}
// Vertices in counter-clockwise order around their centre (the file may list a hull's points in any order).
function hullOrder(vertices) {
    const c = [0, 1].map(k => vertices.reduce((s, v) => s + toFloat(v[k]), 0) / vertices.length);
    return vertices.slice().sort((a, b) => Math.atan2(toFloat(a[1]) - c[1], toFloat(a[0]) - c[0]) -
                                           Math.atan2(toFloat(b[1]) - c[1], toFloat(b[0]) - c[0]));
}

// A polygon is kept convex: every turn counter-clockwise or straight (collinear points are fine).
function convexityProblem(vertices) {
    const n = vertices.length;
    if (n < 3) return null;
    const p = vertices.map(v => v.map(toFloat));
    let area = 0;
    for (let k = 0; k < n; k++) {
        const [a, b, c] = [p[k], p[(k + 1) % n], p[(k + 2) % n]];
        const turn = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
        if (turn < 0) return `vertex ${(k + 1) % n + 1} would make the polygon non-convex`;
        area += p[k][0] * p[(k + 1) % n][1] - p[(k + 1) % n][0] * p[k][1];
    }
    if (area <= 0) return "the polygon would have no area or turn inside out";
    return null;
}

// ---------- view: world <-> board coordinates ----------
const board = document.getElementById("board");
const W = 640, H = 460, PAD = 40;
let view = {x0: -2, x1: 2, y0: -2, y1: 2};

function fitView() {
    const xs = [], ys = [];
    for (const p of game.players) {
        xs.push(toFloat(p.target[0]));
        if (game.dimension === 2) ys.push(toFloat(p.target[1]));
        if (p.set.interval) xs.push(...p.set.interval.map(toFloat));
        else for (const v of p.set.vertices) xs.push(toFloat(v[0])), ys.push(toFloat(v[1]));
    }
    let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
    if (game.dimension === 1) {
        const pad = Math.max(1, (x1 - x0) * 0.12);
        view = {x0: x0 - pad, x1: x1 + pad, y0: 0, y1: 1};
        return;
    }
    let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
    const span = Math.max(x1 - x0, y1 - y0, 2) * 1.25;
    const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
    const aspect = (W - 2 * PAD) / (H - 2 * PAD);
    view = {x0: cx - span * aspect / 2, x1: cx + span * aspect / 2, y0: cy - span / 2, y1: cy + span / 2};
}
function sx(x) { return PAD + (x - view.x0) / (view.x1 - view.x0) * (W - 2 * PAD); }
function sy(y) { return H - PAD - (y - view.y0) / (view.y1 - view.y0) * (H - 2 * PAD); }
function worldX(bx) { return view.x0 + (bx - PAD) / (W - 2 * PAD) * (view.x1 - view.x0); }
function worldY(by) { return view.y0 + (H - PAD - by) / (H - 2 * PAD) * (view.y1 - view.y0); }
function laneY(i) { return 70 + i * Math.min(60, (H - 170) / Math.max(1, game.players.length - 1 || 1)); }
const AXIS_Y = H - 50;
// d = 1 draws each player on its own lane; d = 2 draws the plane.
function pointXY(v, lane) { return game.dimension === 1 ? [sx(toFloat(v[0])), lane] : [sx(toFloat(v[0])), sy(toFloat(v[1]))]; }

// For tests and tools: where a world point is on the screen (client pixels).
function worldToClient(x, y, player) {
    const [bx, by] = game.dimension === 1 ? [sx(x), player === undefined ? AXIS_Y : laneY(player)] : [sx(x), sy(y)];
    const m = board.getScreenCTM();
    return {x: m.a * bx + m.c * by + m.e, y: m.b * bx + m.d * by + m.f};
}
window.bigcert = {worldToClient};

// ---------- drawing ----------
function el(name, attributes, parent) {
    const node = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
}
function marker(parent, shape, x, y, r, attributes) {
    let node;
    if (shape === "circle") node = el("circle", {cx: x, cy: y, r}, parent);
    else if (shape === "square") node = el("rect", {x: x - r, y: y - r, width: 2 * r, height: 2 * r}, parent);
    else {
        const corners = {triangle: 3, diamond: 4, pentagon: 5, cross: 0}[shape];
        if (corners === 0) {
            node = el("path", {d: `M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`}, parent);
            attributes = {...attributes, "stroke-width": 3, stroke: attributes.fill === "none" ? attributes.stroke : attributes.fill};
        } else {
            const pts = [];
            for (let k = 0; k < corners; k++) {
                const a = -Math.PI / 2 + 2 * Math.PI * k / corners;
                pts.push(`${x + 1.2 * r * Math.cos(a)},${y + 1.2 * r * Math.sin(a)}`);
            }
            node = el("polygon", {points: pts.join(" ")}, parent);
        }
    }
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
    return node;
}
function star(parent, x, y, r) {
    const pts = [];
    for (let k = 0; k < 10; k++) {
        const a = -Math.PI / 2 + Math.PI * k / 5, rr = k % 2 ? r * 0.45 : r;
        pts.push(`${x + rr * Math.cos(a)},${y + rr * Math.sin(a)}`);
    }
    return el("polygon", {points: pts.join(" "), fill: "#000", stroke: "#fff", "stroke-width": 1.5}, parent);
}
function style(i) { return {colour: COLOURS[i % COLOURS.length], shape: SHAPES[i % SHAPES.length], dash: DASHES[i % DASHES.length]}; }

// A draggable, focusable point: kind target | lo | hi | vertex | bias.
function handle(parent, kind, player, index, x, y, draw, label) {
    const g = el("g", {class: "handle", tabindex: 0, role: "button", "data-kind": kind, "data-player": player,
                       "data-index": index, "aria-label": label}, parent);
    draw(g);
    el("circle", {class: "focus-ring", cx: x, cy: y, r: 12}, g);
    if (selected.kind === kind && selected.player === player && selected.index === index) g.classList.add("selected");
    return g;
}

function render() {
    document.getElementById("server-figure").hidden = !loaded;
    board.style.display = loaded ? "none" : "";
    syncEditor();
    if (loaded) return;
    const focusedKey = document.activeElement && document.activeElement.dataset && document.activeElement.dataset.kind
        ? handleKey(document.activeElement) : null;
    board.replaceChildren();
    const defs = el("defs", {}, board);
    game.players.forEach((p, i) => {
        const pat = el("pattern", {id: `hatch${i}`, width: 6, height: 6, patternUnits: "userSpaceOnUse",
                                   patternTransform: `rotate(${30 + 40 * i})`}, defs);
        el("line", {x1: 0, y1: 0, x2: 0, y2: 6, stroke: style(i).colour, "stroke-width": 2.5}, pat);
    });
    drawAxes();
    game.players.forEach((p, i) => drawSet(p, i));
    drawSolution();
    game.players.forEach((p, i) => drawHandles(p, i));
    drawBias();
    if (focusedKey) {
        const again = board.querySelector(`[data-kind="${focusedKey.kind}"][data-player="${focusedKey.player}"][data-index="${focusedKey.index}"]`);
        if (again) again.focus();
    }
}
function handleKey(node) { return {kind: node.dataset.kind, player: Number(node.dataset.player), index: Number(node.dataset.index)}; }

function drawAxes() {
    const g = el("g", {"aria-hidden": "true"}, board);
    const ticks = niceTicks(view.x0, view.x1);
    if (game.dimension === 1) {
        el("line", {x1: PAD, y1: AXIS_Y, x2: W - PAD, y2: AXIS_Y, stroke: "#000"}, g);
        for (const t of ticks) {
            el("line", {x1: sx(t), y1: AXIS_Y - 4, x2: sx(t), y2: AXIS_Y + 4, stroke: "#000"}, g);
            el("text", {x: sx(t), y: AXIS_Y + 18, "text-anchor": "middle", "font-size": 12}, g).textContent = String(t);
        }
        el("text", {x: PAD, y: AXIS_Y - 10, "font-size": 12}, g).textContent = "receiver x̂ (star) and targets";
        return;
    }
    for (const t of ticks) {
        el("line", {x1: sx(t), y1: PAD, x2: sx(t), y2: H - PAD, stroke: t === 0 ? "#999" : "#e4e4e4"}, g);
        el("text", {x: sx(t), y: H - PAD + 16, "text-anchor": "middle", "font-size": 11}, g).textContent = String(t);
    }
    for (const t of niceTicks(view.y0, view.y1)) {
        el("line", {x1: PAD, y1: sy(t), x2: W - PAD, y2: sy(t), stroke: t === 0 ? "#999" : "#e4e4e4"}, g);
        el("text", {x: PAD - 6, y: sy(t) + 4, "text-anchor": "end", "font-size": 11}, g).textContent = String(t);
    }
}
function niceTicks(a, b) {
    const raw = (b - a) / 8, p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(m => m * p).find(s => s >= raw);
    const out = [];
    for (let t = Math.ceil(a / step) * step; t <= b + 1e-9; t += step) out.push(Math.round(t / step) * step);
    return out;
}

function drawSet(p, i) {
    const s = style(i);
    if (p.set.interval) {
        const y = laneY(i);
        el("line", {x1: sx(toFloat(p.set.interval[0])), y1: y, x2: sx(toFloat(p.set.interval[1])), y2: y,
                    stroke: s.colour, "stroke-width": 4, "stroke-dasharray": s.dash, opacity: 0.6}, board);
        el("text", {x: PAD - 30, y: y + 4, "font-size": 12}, board).textContent = `X${i + 1}`;
        return;
    }
    el("polygon", {points: p.set.vertices.map(v => pointXY(v).join(",")).join(" "), fill: s.colour,
                   "fill-opacity": 0.08, stroke: s.colour, "stroke-width": 2, "stroke-dasharray": s.dash}, board);
}

function drawHandles(p, i) {
    const s = style(i);
    const lane = laneY(i);
    const [tx, ty] = pointXY(p.target, lane);
    handle(board, "target", i, 0, tx, ty,
           g => marker(g, s.shape, tx, ty, 8, {fill: "#fff", stroke: s.colour, "stroke-width": 2.5}),
           `player ${p.name} target ${vectorText(p.target)}`);
    el("text", {x: tx + 10, y: ty - 10, "font-size": 12, "aria-hidden": "true"}, board).textContent = `t${i + 1}`;
    if (game.dimension === 1) {
        // the target again on the receiver's axis, to compare with x̂
        marker(board, s.shape, tx, AXIS_Y, 5, {fill: "#fff", stroke: s.colour, "stroke-width": 2, "aria-hidden": "true"});
        p.set.interval.forEach((end, k) => {
            const x = sx(toFloat(end));
            handle(board, k ? "hi" : "lo", i, k, x, lane,
                   g => el("rect", {x: x - 4, y: lane - 11, width: 8, height: 22, fill: s.colour}, g),
                   `player ${p.name} interval ${k ? "upper" : "lower"} end ${end}`);
        });
        return;
    }
    p.set.vertices.forEach((v, k) => {
        const [x, y] = pointXY(v);
        handle(board, "vertex", i, k, x, y,
               g => el("rect", {x: x - 5, y: y - 5, width: 10, height: 10, fill: s.colour, stroke: "#fff"}, g),
               `player ${p.name} polygon vertex ${k + 1} ${vectorText(v)}`);
    });
}

function drawBias() {
    if (toFloat(game.bias.weight) === 0) return;
    const [x, y] = game.dimension === 1 ? [sx(toFloat(game.bias.point[0])), AXIS_Y] : pointXY(game.bias.point);
    handle(board, "bias", -1, 0, x, y, g => el("circle", {cx: x, cy: y, r: 6, fill: "#777", stroke: "#000"}, g),
           `bias point ${vectorText(game.bias.point)}`);
    el("text", {x: x + 8, y: y + 16, "font-size": 12}, board).textContent = "x₀";
}

function drawSolution() {
    if (!lastSolution || !lastSolution.equilibrium || lastSolution.players !== game.players.length) return;
    const g = el("g", {class: lastSolution.stale ? "stale" : "", "aria-hidden": "true"}, board);
    const eq = lastSolution.json.equilibrium;
    for (const face of lastSolution.json.equilibria?.faces || []) {
        const i = face.player, s = style(i);
        const pts = face.vertices.map(v => pointXY(v.map(toFloat), laneY(i)));
        if (pts.length >= 3)
            el("polygon", {class: "face", points: pts.map(q => q.join(",")).join(" "), fill: `url(#hatch${i})`, stroke: s.colour, "stroke-width": 3}, g);
        else if (pts.length === 2)
            el("line", {class: "face", x1: pts[0][0], y1: pts[0][1], x2: pts[1][0], y2: pts[1][1], stroke: s.colour,
                        "stroke-width": 9, "stroke-opacity": 0.45, "stroke-linecap": "round"}, g);
    }
    (eq.actions || []).forEach((a, i) => {
        if (!Array.isArray(a) || Array.isArray(a[0])) return;  // finite action spaces: lists of items
        const [x, y] = pointXY(a.map(toFloat), laneY(i));
        const s = style(i);
        marker(g, s.shape, x, y, 7, {class: "action", fill: s.colour, stroke: "#000", "stroke-width": 1});
        el("text", {x: x + 9, y: y + 16, "font-size": 12}, g).textContent = `a${i + 1}`;
    });
    if (eq.receiver) {
        const r = eq.receiver.map(toFloat);
        const [x, y] = game.dimension === 1 ? [sx(r[0]), AXIS_Y] : [sx(r[0]), sy(r[1])];
        star(g, x, y, 11).setAttribute("class", "receiver");
        el("text", {x: x + 12, y: y - 10, "font-size": 13, "font-weight": "bold"}, g).textContent = "x̂";
    }
}

// ---------- editing ----------
// `fromServer`: the message is the server's error about the current game, replaced by its next answer.
function setMessage(text, isError, fromServer) {
    const m = document.getElementById("message");
    m.textContent = text;
    m.className = isError ? "error" : "";
    m.dataset.fromServer = fromServer ? "yes" : "";
}

// Moves one point to grid coordinates (k/STEP); false with a message when a polygon would stop being convex.
function movePoint(key, gx, gy) {
    const point = [gridText(gx), gridText(gy)].slice(0, game.dimension);
    if (key.kind === "bias") { game.bias.point = point; return true; }
    const p = game.players[key.player];
    if (key.kind === "target") { p.target = point; return true; }
    if (key.kind === "lo" || key.kind === "hi") {
        const other = toFloat(p.set.interval[1 - key.index]);
        const x = gx / STEP;
        if (key.kind === "lo" ? x > other : x < other) {
            setMessage("An interval's lower end cannot pass its upper end.", true);
            return false;
        }
        p.set.interval[key.index] = point[0];
        return true;
    }
    const moved = p.set.vertices.slice();
    moved[key.index] = point;
    const problem = convexityProblem(moved);
    if (problem) {
        setMessage(`Player ${p.name}'s set must stay convex: ${problem}.`, true);
        return false;
    }
    p.set.vertices = moved;
    return true;
}
function currentPoint(key) {
    if (key.kind === "bias") return game.bias.point;
    const p = game.players[key.player];
    if (key.kind === "target") return p.target;
    if (key.kind === "vertex") return p.set.vertices[key.index];
    return [p.set.interval[key.index]];
}
function select(key) {
    selected = key;
    if (key.player >= 0) document.getElementById("player-select").value = String(key.player);
}

let drag = null;
board.addEventListener("pointerdown", e => {
    const node = e.target.closest(".handle");
    if (!node) return;
    drag = handleKey(node);
    select(drag);
    node.focus();
    board.setPointerCapture(e.pointerId);
    e.preventDefault();
});
board.addEventListener("pointermove", e => {
    if (!drag) return;
    const m = board.getScreenCTM().inverse();
    const bx = m.a * e.clientX + m.c * e.clientY + m.e, by = m.b * e.clientX + m.d * e.clientY + m.f;
    const old = currentPoint(drag);
    const gx = snap(worldX(bx)), gy = game.dimension === 2 ? snap(worldY(by)) : 0;
    if (gridText(gx) === old[0] && (game.dimension === 1 || gridText(gy) === old[1])) return;
    if (movePoint(drag, gx, gy)) { setMessage("", false); changed(false); }
});
function endDrag() { if (drag) { drag = null; changed(true, outsideView()); } }
// A point moved near or past the board's edge: the view is fitted again (only then, so it does not jump).
function outsideView() {
    const margin = 0.02;
    const fx = x => (x - view.x0) / (view.x1 - view.x0), fy = y => (y - view.y0) / (view.y1 - view.y0);
    const out = v => fx(toFloat(v[0])) < margin || fx(toFloat(v[0])) > 1 - margin ||
                     (game.dimension === 2 && (fy(toFloat(v[1])) < margin || fy(toFloat(v[1])) > 1 - margin));
    return game.players.some(p => out(p.target) || (p.set.interval ? p.set.interval.some(e => out([e])) : p.set.vertices.some(out)));
}
board.addEventListener("pointerup", endDrag);
board.addEventListener("pointercancel", endDrag);
board.addEventListener("keydown", e => {
    const node = e.target.closest && e.target.closest(".handle");
    if (!node) return;
    const moves = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1]};
    const move = moves[e.key];
    if (!move) return;
    const key = handleKey(node);
    select(key);
    const amount = e.shiftKey ? STEP : 1;
    const old = currentPoint(key);
    const gx = Math.round(toFloat(old[0]) * STEP) + move[0] * amount;
    const gy = game.dimension === 2 ? Math.round(toFloat(old[1]) * STEP) + move[1] * amount : 0;
    if (game.dimension === 1 && move[0] === 0) return;
    e.preventDefault();
    if (movePoint(key, gx, gy)) { setMessage("", false); changed(true, outsideView()); }
});
board.addEventListener("focusin", e => {
    const node = e.target.closest && e.target.closest(".handle");
    if (node) { select(handleKey(node)); syncEditor(); }
});

function syncEditor() {
    const choose = document.getElementById("player-select");
    const players = loaded ? [] : game.players;
    choose.replaceChildren(...players.map((p, i) => new Option(`${i + 1}: ${p.name}`, String(i))));
    if (selected.player >= players.length) selected = {player: Math.max(0, players.length - 1), kind: "target", index: 0};
    choose.value = String(selected.player);
    const p = players[selected.player];
    for (const id of ["player-name", "player-weight", "player-target", "bias-weight", "bias-point"]) {
        const input = document.getElementById(id);
        input.disabled = !!loaded;
        if (document.activeElement === input) continue;
        input.value = id === "bias-weight" ? game.bias.weight : id === "bias-point" ? game.bias.point.join(", ")
            : !p ? "" : id === "player-name" ? p.name : id === "player-weight" ? p.weight : p.target.join(", ");
    }
    document.getElementById("dimension").value = String(game.dimension);
    document.getElementById("add-vertex").disabled = document.getElementById("remove-vertex").disabled = !!loaded || game.dimension !== 2;
}
document.getElementById("player-select").addEventListener("change", e => { select({player: Number(e.target.value), kind: "target", index: 0}); render(); });
function textInput(id, apply) {
    document.getElementById(id).addEventListener("change", e => {
        const value = e.target.value.trim();
        if (apply(value) !== false) changed(true);
    });
}
function coordinates(value) { return value.split(/[\s,;()]+/).filter(Boolean); }
textInput("player-name", v => { game.players[selected.player].name = v; });
textInput("player-weight", v => { game.players[selected.player].weight = v; });
textInput("player-target", v => {
    const c = coordinates(v);
    if (c.length !== game.dimension) { setMessage(`A target has ${game.dimension} coordinate(s).`, true); return false; }
    game.players[selected.player].target = c;
});
textInput("bias-weight", v => { game.bias.weight = v; });
textInput("bias-point", v => {
    const c = coordinates(v);
    if (c.length !== game.dimension) { setMessage(`The bias point has ${game.dimension} coordinate(s).`, true); return false; }
    game.bias.point = c;
});

document.getElementById("add-player").addEventListener("click", () => {
    if (loaded) { game = editableGame(JSON.parse(loaded.text)) || defaultGame(game.dimension); loaded = null; }
    const i = game.players.length, last = game.players[i - 1];
    const shift = gridText(STEP * (i % 2 ? 1 : -1));
    const set = last ? JSON.parse(JSON.stringify(last.set)) : defaultGame(game.dimension).players[0].set;
    const target = game.dimension === 1 ? [shift] : [shift, "0"];
    game.players.push({name: String(i + 1), weight: "1", target, set});
    select({player: i, kind: "target", index: 0});
    changed(true, true);
});
document.getElementById("remove-player").addEventListener("click", () => {
    if (loaded || game.players.length <= 1) { setMessage("A game needs at least one player.", true); return; }
    game.players.splice(selected.player, 1);
    select({player: Math.max(0, selected.player - 1), kind: "target", index: 0});
    changed(true);
});
document.getElementById("add-vertex").addEventListener("click", () => {
    const p = game.players[selected.player];
    const v = p.set.vertices, n = v.length;
    // the midpoint of the longest edge: the polygon stays the same, and the new vertex can be dragged outwards
    let best = 0, length = -1;
    for (let k = 0; k < n; k++) {
        const [a, b] = [v[k].map(toFloat), v[(k + 1) % n].map(toFloat)];
        const l = Math.hypot(a[0] - b[0], a[1] - b[1]);
        if (l > length) best = k, length = l;
    }
    const [a, b] = [v[best], v[(best + 1) % n]];
    const mid = [0, 1].map(k => gridText(Math.round((toFloat(a[k]) + toFloat(b[k])) / 2 * STEP)));
    v.splice(best + 1, 0, mid);
    if (convexityProblem(v)) { v.splice(best + 1, 1); setMessage("No room for a vertex on the grid there.", true); return; }
    select({player: selected.player, kind: "vertex", index: best + 1});
    changed(true);
});
document.getElementById("remove-vertex").addEventListener("click", () => {
    const p = game.players[selected.player];
    if (p.set.vertices.length <= 1) return;
    const k = selected.kind === "vertex" ? selected.index : p.set.vertices.length - 1;
    p.set.vertices.splice(k, 1);
    select({player: selected.player, kind: "target", index: 0});
    changed(true);
});
document.getElementById("dimension").addEventListener("change", e => {
    loaded = null;
    game = defaultGame(Number(e.target.value));
    select({player: 0, kind: "target", index: 0});
    changed(true, true);
});
function loadText(text, origin) {
    let instance;
    try { instance = JSON.parse(text); } catch (error) {
        // the server reads it exactly and names what is wrong
        loaded = {text};
        changed(true);
        return;
    }
    const editable = instance && typeof instance === "object" ? editableGame(instance) : null;
    if (editable) { game = editable; loaded = null; }
    else loaded = {text};
    select({player: 0, kind: "target", index: 0});
    setMessage(editable ? `Loaded ${origin}.` : `Loaded ${origin}: drawn by the server (this editor draws up to ${LARGE_GAME} players with intervals, boxes or polygons in d ≤ 2).`, false);
    changed(true, true);
}
document.getElementById("load-file").addEventListener("change", async e => {
    const file = e.target.files[0];
    if (file) loadText(await file.text(), file.name);
});
document.getElementById("examples").addEventListener("change", e => {
    const example = examples.find(x => x.file === e.target.value);
    if (example) loadText(example.text, example.file);
});
let examples = [];
fetch("/api/examples").then(r => r.json()).then(list => {
    examples = list.examples;
    const menu = document.getElementById("examples");
    for (const x of examples) menu.appendChild(new Option(x.file, x.file));
});

// ---------- talking to the server ----------
async function api(command, query, body, signal) {
    const response = await fetch(`/api/${command}${query ? "?" + query : ""}`, {method: "POST", body,
        headers: {"Content-Type": "application/json"}, signal: signal || controller.signal});
    const exitCode = Number(response.headers.get("X-Bigcert-Exit-Code"));
    const type = response.headers.get("Content-Type") || "";
    if (type.startsWith("application/json")) {
        const json = await response.json();
        return {ok: response.ok, status: response.status, json, exitCode};
    }
    return {ok: response.ok, status: response.status, blob: await response.blob(), exitCode};
}

let generation = 0, controller = new AbortController(), timer = null;
// Every change asks the server again (after a short pause while dragging).
function changed(now, refit) {
    document.body.dataset.state = "pending";  // until the answers to this change have arrived
    if (refit && !loaded) fitView();
    if (lastSolution) lastSolution.stale = true;
    render();
    clearTimeout(timer);
    timer = setTimeout(recompute, now ? 0 : 150);
}

async function recompute() {
    const g = ++generation;
    document.body.dataset.generation = String(g);
    controller.abort();
    controller = new AbortController();
    document.body.dataset.state = "busy";
    document.getElementById("solve-status").textContent = "computing…";
    const body = instanceJson();
    const done = () => { if (g === generation) document.body.dataset.state = "ready"; };
    try {
        const tasks = [showSolve(g, body), showCheck(g, body), showCertificate(g, body), showDynamics(g, body)];
        if (loaded) tasks.push(showServerFigure(g, body));
        await Promise.all(tasks);
    } catch (error) {
        if (error.name !== "AbortError" && g === generation) setMessage(`The server did not answer: ${error.message}`, true);
    }
    done();
}

function errorText(answer) { return `HTTP ${answer.status}: ${answer.json ? answer.json.error : "error"}`; }

async function showSolve(g, body) {
    const answer = await api("solve", "", body);
    if (g !== generation) return;
    const status = document.getElementById("solve-status");
    const rows = document.querySelector("#equilibrium tbody");
    if (!answer.ok) {
        lastSolution = null;
        lastSolutionText = "";
        status.textContent = "no answer";
        rows.replaceChildren();
        for (const id of ["receiver", "count", "potential"]) document.getElementById(id).textContent = "—";
        setMessage(errorText(answer), true, true);
        render();
        return;
    }
    const json = answer.json;
    lastSolution = {json, equilibrium: true, players: json.equilibrium.actions.length, stale: false};
    lastSolutionText = JSON.stringify(json, null, 1);
    status.textContent = json.status || "";
    const interior = new Set(json.exaggeration?.interior || []);
    const instance = JSON.parse(body);
    rows.replaceChildren(...json.equilibrium.actions.map((a, i) => {
        const tr = document.createElement("tr");
        tr.dataset.player = i;
        const p = instance.players?.[i] || {};
        const target = p.target === undefined ? "" : Array.isArray(p.target) ? vectorText(p.target.map(String)) : String(p.target);
        const cells = [`${i + 1}${p.name !== undefined ? ": " + p.name : ""}`, target, String(p.weight ?? "1"),
                       Array.isArray(a[0]) ? a.map(vectorText).join(" + ") : vectorText(a),
                       json.equilibrium.losses ? exactText(json.equilibrium.losses[i]) : "",
                       interior.has(i) ? "interior" : "boundary (exaggerates)"];
        cells.forEach((text, k) => {
            const td = document.createElement("td");
            td.textContent = text;
            if (k === 3) td.className = "action";
            tr.appendChild(td);
        });
        return tr;
    }));
    document.getElementById("receiver").textContent = vectorText(json.equilibrium.receiver);
    document.getElementById("count").textContent = json.equilibria?.count ?? "";
    document.getElementById("potential").textContent = exactText(json.equilibrium.potential ?? "");
    if (document.getElementById("message").dataset.fromServer) setMessage("", false);
    render();
}

async function showCheck(g, body) {
    const answer = await api("check", "", body);
    if (g !== generation) return;
    const rows = document.querySelector("#check tbody");
    if (!answer.ok) {
        rows.replaceChildren(row(["check", "—", errorText(answer)]));
        return;
    }
    const properties = answer.json.properties || {};
    rows.replaceChildren(...Object.entries(properties).map(([name, v]) => {
        const details = [];
        if (v.value !== undefined) details.push(`value ${v.value}`);
        if (v.premise) details.push(`premise ${v.premise}${v.premise_detail ? " (" + v.premise_detail + ")" : ""}`);
        if (v.reason) details.push(v.reason);
        if (v.counterexample) details.push(`counterexample ${JSON.stringify(v.counterexample)}`);
        const tr = row([name === "exaggeration" ? "exaggeration (Theorem 4)" : name, v.verdict, details.join("; ")]);
        tr.dataset.property = name;
        tr.children[1].className = `verdict-${v.verdict}`;
        return tr;
    }));
}
function row(cells) {
    const tr = document.createElement("tr");
    for (const text of cells) { const td = document.createElement("td"); td.textContent = text; tr.appendChild(td); }
    return tr;
}

async function showCertificate(g, body) {
    const status = document.getElementById("certificate-status"), detail = document.getElementById("certificate-detail");
    status.textContent = "proving…";
    detail.textContent = "";
    const answer = await api("certify", "", body);
    if (g !== generation) return;
    if (!answer.ok) {
        status.textContent = "not certified";
        detail.textContent = errorText(answer);
        return;
    }
    const c = answer.json;
    status.textContent = c.verdict;
    status.className = `verdict-${c.verdict.replace(" ", "-")}`;
    const notes = [];
    for (const p of c.players || []) {
        if (p.deviation) notes.push(`player ${p.index + 1} deviates to ${vectorText(p.deviation)}${p.improvement ? ", lowering its loss by " + p.improvement : ""}`);
        if (p.reason) notes.push(`player ${p.index + 1}: ${p.reason}`);
    }
    if (c.reason) notes.push(c.reason);
    detail.textContent = notes.length ? notes.join("; ") : c.verdict === "certified"
        ? `Z3 proved that no player can lower its loss (${(c.players || []).length} players); exit code ${answer.exitCode}.` : "";
}

async function showServerFigure(g, body) {
    const answer = await api("plot", "", body);
    if (g !== generation || !answer.blob || !answer.ok) return;
    const img = document.getElementById("server-figure");
    if (img.src) URL.revokeObjectURL(img.src);
    img.src = URL.createObjectURL(answer.blob);
}

// ---------- downloads ----------
function save(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
async function downloadFrom(command, query, name) {
    const answer = await api(command, query, instanceJson(), new AbortController().signal);
    if (!answer.ok) { setMessage(errorText(answer), true); return; }
    save(answer.blob || new Blob([JSON.stringify(answer.json, null, 1)]), name);
}
document.getElementById("download-instance").addEventListener("click", () => save(new Blob([instanceJson()], {type: "application/json"}), "instance.json"));
document.getElementById("download-solution").addEventListener("click", () => {
    if (!lastSolutionText) { setMessage("There is no solution to download.", true); return; }
    save(new Blob([lastSolutionText], {type: "application/json"}), "solution.json");
});
document.getElementById("download-bundle").addEventListener("click", () => downloadFrom("certify", "proof-log", "proof-bundle.tar"));
document.getElementById("download-tikz").addEventListener("click", () => downloadFrom("plot", "tikz", "figure.tex"));

// ---------- dynamics: exact best responses (server) beside projected gradient (floating point, here) ----------
const dyn = document.getElementById("dynamics");
let animation = {exact: [], approx: [], shown: 0, playing: true, timer: null};

async function showDynamics(g, body) {
    const answer = await api("dynamics", "max-steps=200", body);
    if (g !== generation) return;
    const exactLine = document.getElementById("dynamics-exact");
    if (!answer.ok || !answer.json.trajectory) {
        animation.exact = [];
        exactLine.textContent = `Exact dynamics: ${answer.json ? answer.json.error : "no answer"}`;
        drawDynamics();
        return;
    }
    animation.exact = answer.json.trajectory.map(s => ({receiver: s.receiver, player: s.player, step: s.step}));
    animation.outcome = answer.json.outcome;
    animation.approx = loaded ? [] : projectedGradient();
    animation.shown = 0;
    const slider = document.getElementById("dynamics-step");
    slider.max = String(animation.exact.length - 1);
    startAnimation();
}
function startAnimation() {
    clearInterval(animation.timer);
    animation.playing = true;
    document.getElementById("dynamics-play").textContent = "Pause";
    animation.timer = setInterval(() => {
        if (animation.shown >= animation.exact.length - 1) { clearInterval(animation.timer); animation.playing = false;
            document.getElementById("dynamics-play").textContent = "Replay"; return; }
        animation.shown++;
        drawDynamics();
    }, 350);
    drawDynamics();
}
document.getElementById("dynamics-play").addEventListener("click", () => {
    if (animation.playing) { clearInterval(animation.timer); animation.playing = false; document.getElementById("dynamics-play").textContent = "Play"; return; }
    if (animation.shown >= animation.exact.length - 1) animation.shown = 0;
    startAnimation();
});
document.getElementById("dynamics-step").addEventListener("input", e => {
    clearInterval(animation.timer); animation.playing = false;
    document.getElementById("dynamics-play").textContent = "Play";
    animation.shown = Number(e.target.value);
    drawDynamics();
});

// Simultaneous projected gradient on the potential Φ (Theorem 1), as in the authors' demos: floating point,
// a fixed step 1/L with L = 2·Σ w_i² the gradient's Lipschitz constant. Approximate by construction.
function projectedGradient() {
    const d = game.dimension, n = game.players.length;
    const w = game.players.map(p => toFloat(p.weight));
    if (w.some(x => !isFinite(x))) return [];
    const t = game.players.map(p => p.target.map(toFloat));
    const w0 = toFloat(game.bias.weight), x0 = game.bias.point.map(toFloat);
    let x = game.players.map(p => p.set.interval ? [toFloat(p.set.interval[0])] : p.set.vertices[0].map(toFloat));
    const receiver = () => [...Array(d).keys()].map(k => w0 * x0[k] + x.reduce((s, xi, i) => s + w[i] * xi[k], 0));
    const L = 2 * w.reduce((s, wi) => s + wi * wi, 0) || 1;
    const path = [receiver()];
    for (let step = 0; step < 200; step++) {
        const r = receiver();
        x = x.map((xi, i) => project(game.players[i].set, xi.map((v, k) => v - 2 * w[i] * (r[k] - t[i][k]) / L)));
        path.push(receiver());
    }
    return path;
}
function project(set, y) {
    if (set.interval) return [Math.min(Math.max(y[0], toFloat(set.interval[0])), toFloat(set.interval[1]))];
    const v = set.vertices.map(p => p.map(toFloat));
    if (!convexityProblem(set.vertices) && inside(v, y)) return y;
    let best = v[0], distance = Infinity;
    for (let k = 0; k < v.length; k++) {
        const [a, b] = [v[k], v[(k + 1) % v.length]];
        const ab = [b[0] - a[0], b[1] - a[1]], len = ab[0] * ab[0] + ab[1] * ab[1];
        const s = len ? Math.min(1, Math.max(0, ((y[0] - a[0]) * ab[0] + (y[1] - a[1]) * ab[1]) / len)) : 0;
        const q = [a[0] + s * ab[0], a[1] + s * ab[1]], dq = Math.hypot(q[0] - y[0], q[1] - y[1]);
        if (dq < distance) best = q, distance = dq;
    }
    return best;
}
function inside(v, y) {
    for (let k = 0; k < v.length; k++) {
        const [a, b] = [v[k], v[(k + 1) % v.length]];
        if ((b[0] - a[0]) * (y[1] - a[1]) - (b[1] - a[1]) * (y[0] - a[0]) < 0) return false;
    }
    return v.length >= 3;
}

function drawDynamics() {
    dyn.replaceChildren();
    const DW = 460, DH = 260, P = 36;
    const exact = animation.exact.slice(0, animation.shown + 1).map(s => s.receiver.map(toFloat));
    const all = animation.exact.map(s => s.receiver.map(toFloat)).concat(animation.approx);
    document.getElementById("dynamics-step").value = String(animation.shown);
    if (all.length === 0) return;
    const d = all[0].length;
    // d = 1: the receiver against the step; d = 2: the receiver's path in the plane
    const xs = d === 1 ? [0, Math.max(animation.exact.length - 1, animation.approx.length ? 40 : 1)] : all.map(p => p[0]);
    const ys = all.map(p => p[d === 1 ? 0 : 1]);
    let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    if (y1 - y0 < 1e-9) y0 -= 1, y1 += 1;
    if (x1 - x0 < 1e-9) x0 -= 1, x1 += 1;
    const X = v => P + (v - x0) / (x1 - x0) * (DW - 2 * P), Y = v => DH - P - (v - y0) / (y1 - y0) * (DH - 2 * P);
    const toXY = (p, k) => d === 1 ? [X(Math.min(k, x1)), Y(p[0])] : [X(p[0]), Y(p[1])];
    el("rect", {x: P, y: P / 2, width: DW - 2 * P, height: DH - 1.5 * P, fill: "none", stroke: "#bbb"}, dyn);
    const approx = animation.approx.slice(0, d === 1 ? 41 : animation.approx.length);
    if (approx.length)
        el("polyline", {points: approx.map((p, k) => toXY(p, k).join(",")).join(" "), fill: "none", stroke: "#777",
                        "stroke-width": 2, "stroke-dasharray": "5 4"}, dyn);
    el("polyline", {points: exact.map((p, k) => toXY(p, k).join(",")).join(" "), fill: "none", stroke: "#000", "stroke-width": 2}, dyn);
    exact.forEach((p, k) => { const [x, y] = toXY(p, k); el("circle", {cx: x, cy: y, r: 3.5, fill: "#000"}, dyn); });
    const last = exact[exact.length - 1];
    if (last) { const [x, y] = toXY(last, exact.length - 1); star(dyn, x, y, 8); }
    el("text", {x: P, y: DH - 8, "font-size": 11}, dyn).textContent =
        d === 1 ? "step →   solid: exact best responses;  dashed: projected gradient (approximate)"
                : "solid: exact best responses;  dashed: projected gradient (approximate)";
    const s = animation.exact[animation.shown];
    document.getElementById("dynamics-exact").textContent = s
        ? `Exact best-response dynamics (${animation.outcome}): step ${s.step} of ${animation.exact.length - 1}${s.player !== null ? ", player " + (s.player + 1) + " moved" : ""}; x̂ = ${vectorText(s.receiver)}`
        : "";
    const a = animation.approx[animation.approx.length - 1];
    document.getElementById("dynamics-approx").textContent = a
        ? `Projected gradient, floating point (approximate), after ${animation.approx.length - 1} steps: x̂ ≈ (${a.map(v => v.toPrecision(8)).join(", ")})`
        : "";
}

fitView();
changed(true);
