import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

export type DemoMotif = 'skyline' | 'waves' | 'mountains' | 'studio' | 'stadium' | 'circuit' | 'fields' | 'crowd' | 'abstract';

export interface DemoImageSpec { file: string; width: number; height: number; palette: string[]; motif: DemoMotif; seed: number }

// ---- colours -------------------------------------------------------------

function rgb(hex: string): number[] {
  // Colours go straight into SVG attributes, so anything but plain hex is refused.
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`invalid palette colour: ${JSON.stringify(hex)}`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}
function mix(a: string, b: string, t: number): string {
  const [x, y] = [rgb(a), rgb(b)];
  return '#' + x.map((v, i) => Math.round(v + (y[i] - v) * t).toString(16).padStart(2, '0')).join('');
}
const shade = (c: string, t: number) => mix(c, '#000000', t);
const tint = (c: string, t: number) => mix(c, '#ffffff', t);
const luminance = (c: string) => { const [r, g, b] = rgb(c); return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; };

/** Roles derived from the palette: the first two colours are the scene's base pair, the third its accent. */
interface Tones { dark: string; light: string; accent: string; ink: string; glow: string }
function tonesOf(palette: string[]): Tones {
  if (palette.length === 0) throw new Error('palette is empty');
  const [a, b = a, accent = b] = palette;
  const [dark, light] = luminance(a) <= luminance(b) ? [a, b] : [b, a];
  // Silhouettes need more contrast than the palette's darkest colour gives; highlights need a bright accent.
  return { dark, light, accent, ink: shade(dark, 0.55), glow: luminance(accent) > 0.45 ? accent : tint(accent, 0.55) };
}

// ---- SVG helpers ---------------------------------------------------------

/** mulberry32: tiny and fast; the seed alone fixes every shape, so output is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// One decimal is invisible at these sizes and keeps the SVG short.
const n = (v: number) => Math.round(v * 10) / 10;
type Pt = [number, number];
const line = (p: Pt[]) => 'M' + p.map(([x, y]) => `${n(x)},${n(y)}`).join('L');
const rect = (x: number, y: number, w: number, h: number, fill: string, extra = '') =>
  `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}"${extra}/>`;
const circle = (cx: number, cy: number, r: number, fill: string, extra = '') =>
  `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fill}"${extra}/>`;
const ellipse = (cx: number, cy: number, rx: number, ry: number, fill: string, extra = '') =>
  `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(rx)}" ry="${n(ry)}" fill="${fill}"${extra}/>`;
const polygon = (p: Pt[], fill: string, extra = '') => `<polygon points="${p.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${fill}"${extra}/>`;
const pathEl = (d: string, fill: string, extra = '') => `<path d="${d}" fill="${fill}"${extra}/>`;
/** Closes an edge down to the bottom of the picture, for hills, ridges and water bands. */
const below = (edge: Pt[], h: number) => `${line([[edge[0][0], h], ...edge, [edge[edge.length - 1][0], h]])}Z`;
const op = (o: number) => ` opacity="${Math.round(o * 100) / 100}"`;

type Stop = string | [colour: string, opacity: number];

/** Drawing state for one picture: size, colours, the seeded random source and the shared <defs>. */
class Scene {
  readonly defs: string[] = [];
  readonly w: number;
  readonly h: number;
  readonly t: Tones;
  private readonly rnd: () => number;
  constructor(spec: DemoImageSpec) {
    this.w = spec.width;
    this.h = spec.height;
    this.t = tonesOf(spec.palette);
    this.rnd = mulberry32(spec.seed);
  }
  r(min = 0, max = 1): number { return min + this.rnd() * (max - min); }
  int(min: number, max: number): number { return Math.floor(this.r(min, max + 1)); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.rnd() * items.length)]; }
  def(tag: string, attrs: string, body: string): string {
    const id = `d${this.defs.length}`;
    this.defs.push(`<${tag} id="${id}" ${attrs}>${body}</${tag}>`);
    return `url(#${id})`;
  }
  linear(stops: Stop[], x2 = 0, y2 = 1): string { return this.def('linearGradient', `x1="0" y1="0" x2="${x2}" y2="${y2}"`, stopTags(stops)); }
  radial(stops: Stop[]): string { return this.def('radialGradient', 'cx="0.5" cy="0.5" r="0.5"', stopTags(stops)); }
}
function stopTags(stops: Stop[]): string {
  return stops.map((s, i) => {
    const [c, o] = typeof s === 'string' ? [s, 1] : s;
    return `<stop offset="${n(i / (stops.length - 1))}" stop-color="${c}" stop-opacity="${o}"/>`;
  }).join('');
}

/** A soft halo: cheaper than an SVG blur filter and looks the same at these sizes. */
const halo = (s: Scene, cx: number, cy: number, r: number, colour: string, strength = 0.6) =>
  circle(cx, cy, r, s.radial([[colour, strength], [colour, 0]]));

// ---- motifs --------------------------------------------------------------

function skyline(s: Scene): string {
  const { w, h, t } = s;
  let out = rect(0, 0, w, h, s.linear([t.dark, t.light]));
  const sun: Pt = [s.r(0.15, 0.85) * w, s.r(0.15, 0.3) * h];
  out += halo(s, sun[0], sun[1], h * 0.3, t.glow, 0.5) + circle(sun[0], sun[1], h * 0.06, t.glow, op(0.9));
  // A hazy back row gives depth without extra detail; only the front row carries windows.
  for (const front of [false, true]) {
    const fill = front ? t.ink : mix(t.ink, t.light, 0.45);
    for (let x = -s.r(0, 60); x < w;) {
      const bw = s.r(0.045, 0.1) * w;
      const top = h * (front ? s.r(0.38, 0.72) : s.r(0.22, 0.55));
      out += rect(x, top, bw, h - top, fill);
      if (s.r() < 0.3) out += polygon([[x, top], [x + bw / 2, top - bw * s.r(0.2, 0.6)], [x + bw, top]], fill);
      else if (s.r() < 0.25) out += rect(x + bw / 2 - 2, top - h * 0.06, 4, h * 0.06, fill);
      if (front) out += windows(s, x, top, bw);
      x += bw + (front ? s.r(-0.01, 0.02) : s.r(0, 0.01)) * w;
    }
  }
  return out;
}

/** Dim windows come from one pattern per building; only the lit few are separate shapes. */
function windows(s: Scene, x: number, top: number, bw: number): string {
  const cell = s.w / 80, { t } = s;
  const cols = Math.floor((bw - cell) / cell), rows = Math.floor((s.h - top - cell) / (cell * 1.3));
  if (cols < 1 || rows < 1) return '';
  const x0 = x + (bw - cols * cell) / 2, y0 = top + cell * 0.7;
  const dim = s.def('pattern', `x="${n(x0)}" y="${n(y0)}" width="${n(cell)}" height="${n(cell * 1.3)}" patternUnits="userSpaceOnUse"`,
    rect(cell * 0.25, cell * 0.25, cell * 0.5, cell * 0.7, mix(t.ink, t.light, 0.22)));
  let out = rect(x0, y0, cols * cell, rows * cell * 1.3, dim);
  for (let i = Math.min(14, Math.round(cols * rows * 0.12)); i > 0; i--) {
    const cx = x0 + s.int(0, cols - 1) * cell, cy = y0 + s.int(0, rows - 1) * cell * 1.3;
    out += rect(cx + cell * 0.25, cy + cell * 0.25, cell * 0.5, cell * 0.7, s.pick([t.glow, t.light, tint(t.glow, 0.4)]));
  }
  return out;
}

/** A smooth edge from two summed sines, so waves and hills don't look mechanical. */
function rollingEdge(s: Scene, y: number, amp: number, len: number, ripple = 0.35): Pt[] {
  const [p1, p2, k] = [s.r(0, 6.3), s.r(0, 6.3), s.r(1.7, 2.7)];
  const out: Pt[] = [];
  for (let x = 0; x <= s.w + 20; x += 20) out.push([x, y + amp * (Math.sin(x / len + p1) + ripple * Math.sin((x * k) / len + p2))]);
  return out;
}

function waves(s: Scene): string {
  const { w, h, t } = s, horizon = h * s.r(0.38, 0.5), sunX = s.r(0.2, 0.8) * w;
  let out = rect(0, 0, w, h, s.linear([tint(t.light, 0.45), t.light]));
  out += halo(s, sunX, horizon, h * 0.45, t.glow, 0.7) + circle(sunX, horizon - h * 0.05, h * 0.09, t.glow);
  const bands = 6;
  for (let i = 0; i < bands; i++) {
    const y = horizon + (h - horizon) * Math.pow(i / bands, 1.25);
    const edge = rollingEdge(s, y, h * (0.006 + 0.012 * i), w * (0.03 + 0.02 * i));
    out += pathEl(below(edge, h), mix(mix(t.dark, t.light, 0.35), t.ink, i / (bands - 1)));
    if (i === 0) for (let k = 0; k < 10; k++) { // glitter: the sun's reflection on the water
      const gw = w * s.r(0.02, 0.08) * (1 - k / 12);
      out += rect(sunX - gw / 2 + s.r(-20, 20), horizon + h * 0.02 * (k + 1), gw, h * 0.004, t.glow, op(0.7));
    }
    if (i === 1) for (let b = s.int(0, 2); b > 0; b--) out += sailboat(s, s.r(0.1, 0.9) * w, y + h * 0.02, h * s.r(0.06, 0.11));
  }
  return out;
}

function sailboat(s: Scene, x: number, y: number, size: number): string {
  const { t } = s, sail = tint(t.light, 0.75);
  return polygon([[x - size * 0.5, y], [x + size * 0.5, y], [x + size * 0.35, y + size * 0.15], [x - size * 0.38, y + size * 0.15]], t.ink) +
    polygon([[x, y - size], [x, y - size * 0.05], [x + size * 0.45, y - size * 0.05]], sail) +
    polygon([[x - size * 0.04, y - size * 0.85], [x - size * 0.04, y - size * 0.05], [x - size * 0.35, y - size * 0.05]], shade(sail, 0.1));
}

/** Midpoint displacement: cheap fractal ridges that read as real mountains. */
function ridge(s: Scene, base: number, amp: number): Pt[] {
  let ys = [base + s.r(-amp, amp), base + s.r(-amp, amp)];
  for (let level = 0, a = amp; level < 6; level++, a *= 0.55) {
    ys = ys.flatMap((y, i) => (i === ys.length - 1 ? [y] : [y, (y + ys[i + 1]) / 2 + s.r(-a, a)]));
  }
  return ys.map((y, i): Pt => [(i / (ys.length - 1)) * s.w, y]);
}

function mountains(s: Scene): string {
  const { w, h, t } = s, sun: Pt = [s.r(0.2, 0.8) * w, s.r(0.18, 0.32) * h];
  let out = rect(0, 0, w, h, s.linear([mix(t.light, t.dark, 0.3), tint(t.light, 0.5)]));
  out += halo(s, sun[0], sun[1], h * 0.35, t.glow, 0.45) + circle(sun[0], sun[1], h * 0.07, t.glow, op(0.9));
  const layers = 4;
  for (let i = 0; i < layers; i++) {
    // Displacement adds up to ~2x amp, so this keeps the far ridge below the sun.
    const crest = ridge(s, h * (0.45 + i * 0.12), h * (0.09 - i * 0.012));
    out += pathEl(below(crest, h), mix(mix(t.light, t.dark, 0.35), t.ink, i / (layers - 1)));
    // Valley mist between ridges is what sells the distance.
    if (i < layers - 1) out += rect(0, h * (0.47 + i * 0.12), w, h * 0.2, s.linear([[t.light, 0], [t.light, 0.35], [t.light, 0]]));
  }
  return out;
}

function studio(s: Scene): string {
  const { w, h, t } = s, floor = h * 0.64;
  let out = rect(0, 0, w, h, s.linear([t.ink, t.dark]));
  // Video wall: a grid of screens, each with a simple chart or a globe so it reads as "news".
  const cols = s.int(4, 6), rows = s.int(2, 3), gap = w * 0.008;
  const sw = (w * 0.72 - gap * (cols - 1)) / cols, sh = (h * 0.46 - gap * (rows - 1)) / rows;
  const screens = [s.linear([t.dark, t.light], 1, 1), s.linear([shade(t.accent, 0.5), t.dark], 1, 1), s.linear([t.light, t.ink])];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const x = w * 0.14 + c * (sw + gap), y = h * 0.08 + r * (sh + gap);
    out += rect(x, y, sw, sh, s.pick(screens), op(0.9)) + screenGraphic(s, x, y, sw, sh);
  }
  out += polygon([[0, floor], [w, floor], [w, h], [0, h]], s.linear([mix(t.dark, t.ink, 0.4), t.ink]));
  // Spotlight cones fade out toward the floor, the way stage light does in haze.
  const cone = s.linear([[t.glow, 0.45], [t.glow, 0]]);
  for (let i = s.int(3, 5), k = 0; k < i; k++) {
    const x = w * (0.1 + (0.8 * (k + s.r(0.2, 0.8))) / i), to = x + s.r(-0.12, 0.12) * w, spread = w * s.r(0.07, 0.12);
    out += polygon([[x - 8, 0], [x + 8, 0], [to + spread, h * 0.9], [to - spread, h * 0.9]], cone) + circle(x, 4, w * 0.012, t.glow);
    out += ellipse(to, h * 0.88, spread * 1.2, h * 0.04, t.glow, op(0.15));
  }
  // Presenters behind a curved desk.
  for (const px of [0.38, 0.5, 0.62].filter(() => s.r() < 0.8)) out += person(px * w + s.r(-15, 15), floor - h * 0.02, h * 0.045, t.ink);
  const [x0, x1, top, depth] = [w * 0.25, w * 0.75, floor - h * 0.04, h * 0.16];
  const curve = (y: number) => `${n(x0)},${n(y)}Q${n(w / 2)},${n(y + h * 0.08)} ${n(x1)},${n(y)}`;
  out += pathEl(`M${curve(top)}L${n(x1)},${n(top + depth)}Q${n(w / 2)},${n(top + depth + h * 0.08)} ${n(x0)},${n(top + depth)}Z`,
    s.linear([mix(t.dark, t.light, 0.3), t.ink]));
  out += pathEl(`M${curve(top + depth * 0.45)}`, 'none', ` stroke="${t.accent}" stroke-width="${n(h * 0.012)}"`);
  return out;
}

/** A bar chart or a globe on some screens, so the wall reads as a newsroom and not a window. */
function screenGraphic(s: Scene, x: number, y: number, sw: number, sh: number): string {
  const kind = s.r(), { glow } = s.t;
  if (kind < 0.35) {
    let bars = '';
    for (let b = 0; b < 4; b++) { const bh = sh * s.r(0.15, 0.6); bars += rect(x + sw * (0.15 + b * 0.19), y + sh * 0.85 - bh, sw * 0.12, bh, glow, op(0.8)); }
    return bars;
  }
  if (kind > 0.6) return '';
  const stroke = (k: number) => ` stroke="${glow}" stroke-width="${n(sh * k)}"`;
  return circle(x + sw / 2, y + sh / 2, sh * 0.32, 'none', stroke(0.04)) + ellipse(x + sw / 2, y + sh / 2, sh * 0.13, sh * 0.32, 'none', stroke(0.03));
}

/** Head-and-shoulders silhouette as one path; subpaths don't overlap so nonzero fill keeps them solid. */
function personPath(cx: number, base: number, r: number): string {
  const sy = base - r * 1.3, sw = r * 2.1, c = r * 1.1, hy = sy - r * 1.2;
  return `M${n(cx - r)},${n(hy)}a${n(r)},${n(r)} 0 1,0 ${n(2 * r)},0a${n(r)},${n(r)} 0 1,0 ${n(-2 * r)},0Z` +
    `M${n(cx - sw)},${n(base + r * 3)}L${n(cx - sw)},${n(sy + c)}Q${n(cx - sw)},${n(sy)} ${n(cx - sw + c)},${n(sy)}` +
    `L${n(cx + sw - c)},${n(sy)}Q${n(cx + sw)},${n(sy)} ${n(cx + sw)},${n(sy + c)}L${n(cx + sw)},${n(base + r * 3)}Z`;
}
const person = (cx: number, base: number, r: number, fill: string) => pathEl(personPath(cx, base, r), fill);

function crowd(s: Scene): string {
  const { w, h, t } = s;
  let out = rect(0, 0, w, h, s.linear([tint(t.light, 0.6), t.light]));
  out += halo(s, s.r(0.2, 0.8) * w, h * 0.2, h * 0.5, t.glow, 0.5);
  // Banners sit behind the people so the front rows partly hide them, like at a real gathering.
  for (let i = s.int(3, 6); i > 0; i--) {
    const x = s.r(0.05, 0.95) * w, y = h * s.r(0.15, 0.35), fw = w * s.r(0.04, 0.08);
    out += rect(x, y, w * 0.003, h * 0.5, t.ink) + polygon([[x, y], [x + fw, y + fw * 0.1], [x + fw, y + fw * 0.6], [x, y + fw * 0.5]], t.accent);
  }
  const rows = 5;
  for (let i = 0; i < rows; i++) {
    const r = h * (0.028 + 0.016 * i), base = h * (0.5 + 0.12 * i);
    const colour = mix(mix(t.light, t.dark, 0.5), t.ink, i / (rows - 1));
    // Slightly different shades let neighbours with overlapping shoulders read as separate people.
    for (let x = -s.r(0, r * 2); x < w + r * 2; x += r * s.r(2.3, 3.1)) {
      out += person(x, base + s.r(-r, r) * 0.4, r * s.r(0.9, 1.1), mix(colour, t.light, s.r(0, 0.15)));
    }
  }
  return out;
}

function stadium(s: Scene): string {
  const { w, h, t } = s, cx = w / 2, cy = h * 0.62;
  let out = rect(0, 0, w, h, s.linear([t.ink, mix(t.dark, t.ink, 0.3)]));
  const masts: Pt[] = [[0.12, 0.16], [0.88, 0.16], [0.04, 0.42], [0.96, 0.42]].map(([x, y]): Pt => [x * w, y * h]);
  for (const [x, y] of masts) out += halo(s, x, y, h * 0.3, t.glow, 0.35);
  // Stands: concentric tiers, then speckled spectators inside the ring.
  out += ellipse(cx, cy, w * 0.62, h * 0.46, mix(t.ink, t.dark, 0.5));
  const tier = ` stroke="${mix(t.dark, t.light, 0.25)}" stroke-width="${n(h * 0.006)}"`;
  for (let k = 1; k <= 3; k++) out += ellipse(cx, cy, w * (0.62 - k * 0.045), h * (0.46 - k * 0.035), 'none', tier);
  const fans = [t.light, t.accent, t.glow, t.dark];
  for (let i = 0; i < 240; i++) {
    const a = s.r(0, Math.PI * 2), f = s.r(0.72, 0.98);
    out += circle(cx + Math.cos(a) * w * 0.62 * f, cy + Math.sin(a) * h * 0.46 * f, h * 0.004, s.pick(fans), op(0.55));
  }
  out += ellipse(cx, cy, w * 0.45, h * 0.31, shade(t.dark, 0.2));
  // Pitch in perspective: map unit (u, v) onto a trapezoid so markings stay consistent.
  const top = cy - h * 0.2, bottom = cy + h * 0.24, tw = w * 0.29, bw = w * 0.38;
  const P = (u: number, v: number): Pt => { const hw = tw + (bw - tw) * v; return [cx - hw + 2 * hw * u, top + (bottom - top) * v]; };
  const quad = (u0: number, v0: number, u1: number, v1: number): Pt[] => [P(u0, v0), P(u1, v0), P(u1, v1), P(u0, v1)];
  for (let i = 0; i < 10; i++) out += polygon(quad(i / 10, 0, (i + 1) / 10, 1), i % 2 ? t.light : mix(t.light, t.dark, 0.25));
  const chalk = ` stroke="${t.accent}" stroke-width="${n(h * 0.004)}"`;
  for (const [u0, v0, u1, v1] of [[0, 0, 1, 1], [0.5, 0, 0.5, 1], [0, 0.22, 0.15, 0.78], [0.85, 0.22, 1, 0.78]]) {
    out += polygon(quad(u0, v0, u1, v1), 'none', chalk); // touchline, halfway line, penalty areas
  }
  out += ellipse(cx, P(0.5, 0.5)[1], w * 0.045, h * 0.055, 'none', chalk);
  for (const [x, y] of masts) {
    out += rect(x - 3, y, 6, h, t.ink) + rect(x - w * 0.025, y - h * 0.03, w * 0.05, h * 0.035, t.glow);
  }
  return out;
}

function circuit(s: Scene): string {
  const { w, h, t } = s, g = w / 32;
  let out = rect(0, 0, w, h, s.linear([t.ink, mix(t.dark, t.ink, 0.5)], 1, 1));
  const dots = s.def('pattern', `width="${n(g)}" height="${n(g)}" patternUnits="userSpaceOnUse"`, circle(g / 2, g / 2, g * 0.05, t.light, op(0.25)));
  out += rect(0, 0, w, h, dots);
  const snap = (v: number) => (Math.floor(v / g) + 0.5) * g;
  // Traces keep their heading or turn 45°, like routed copper; nodes mark both ends.
  const dirs: Pt[] = [[1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1]];
  const stroke = ` stroke="${t.light}" stroke-width="${n(g * 0.12)}" stroke-linejoin="round" opacity="0.85"`;
  for (let i = 0; i < 38; i++) {
    let p: Pt = [snap(s.r(0, w)), snap(s.r(0, h))], d = s.int(0, 7);
    const trace: Pt[] = [p];
    for (let k = s.int(2, 5); k > 0; k--) {
      d = (d + s.pick([0, 0, 1, 7])) % 8;
      const len = s.int(1, 5) * g;
      p = [p[0] + dirs[d][0] * len, p[1] + dirs[d][1] * len];
      trace.push(p);
    }
    out += pathEl(line(trace), 'none', stroke);
    out += circle(trace[0][0], trace[0][1], g * 0.18, t.ink, ` stroke="${t.light}" stroke-width="${n(g * 0.08)}"`) + circle(p[0], p[1], g * 0.2, t.glow);
  }
  for (let c = s.int(2, 3); c > 0; c--) {
    const cw = s.int(3, 6) * g, ch = s.int(2, 4) * g, x = snap(s.r(0, w - cw)), y = snap(s.r(0, h - ch));
    const pins = ` stroke="${t.light}" stroke-width="${n(g * 0.3)}" stroke-dasharray="${n(g * 0.15)} ${n(g * 0.35)}"`;
    out += pathEl(`M${n(x + g * 0.3)},${n(y - g * 0.2)}H${n(x + cw - g * 0.2)}M${n(x + g * 0.3)},${n(y + ch + g * 0.2)}H${n(x + cw - g * 0.2)}`, 'none', pins);
    out += rect(x, y, cw, ch, mix(t.ink, t.dark, 0.6), ` rx="${n(g * 0.15)}" stroke="${t.accent}" stroke-width="${n(g * 0.06)}"`);
    out += circle(x + g * 0.5, y + g * 0.5, g * 0.12, t.accent);
  }
  return out;
}

function fields(s: Scene): string {
  const { w, h, t } = s, sun: Pt = [s.r(0.15, 0.85) * w, h * s.r(0.12, 0.25)];
  let out = rect(0, 0, w, h, s.linear([tint(t.dark, 0.7), tint(t.light, 0.55)]));
  out += halo(s, sun[0], sun[1], h * 0.4, t.glow, 0.6) + circle(sun[0], sun[1], h * 0.06, tint(t.glow, 0.3));
  const crops = [t.accent, t.light, t.dark, mix(t.accent, t.light, 0.5)];
  const layers = 4;
  for (let i = 0; i < layers; i++) {
    const crest = rollingEdge(s, h * (0.42 + i * 0.14), h * s.r(0.03, 0.07), w * s.r(0.12, 0.25), 0.5);
    const d = below(crest, h);
    // Far hills are washed toward the sky colour (aerial perspective).
    const colour = mix(crops[(i + s.int(0, 3)) % crops.length], tint(t.light, 0.6), 0.45 * (1 - i / (layers - 1)));
    const gap = h * (0.008 + i * 0.006);
    const furrows = s.def('pattern', `width="${n(gap * 2)}" height="${n(gap * 2)}" patternUnits="userSpaceOnUse" patternTransform="rotate(${n(s.r(-35, 35))})"`,
      rect(0, 0, gap * 2, gap * 0.7, shade(colour, 0.3)));
    out += pathEl(d, colour) + pathEl(d, furrows, op(0.5));
    if (i === layers - 2) for (let k = s.int(3, 8); k > 0; k--) { // a few trees along a crest
      const [tx, ty] = crest[s.int(0, crest.length - 1)], tr = h * s.r(0.015, 0.03);
      out += rect(tx - tr * 0.12, ty - tr * 1.2, tr * 0.24, tr * 1.4, t.ink) + circle(tx, ty - tr * 1.6, tr, shade(t.accent, 0.35));
    }
  }
  return out;
}

function abstract(s: Scene): string {
  const { w, h, t } = s;
  let out = rect(0, 0, w, h, s.linear([t.dark, t.ink], 1, 1));
  const colours = [t.light, t.accent, t.glow, tint(t.dark, 0.3)];
  // Translucent overlaps create the in-between tints, so a three-colour palette still looks rich.
  for (let i = s.int(10, 16); i > 0; i--) {
    const x = s.r(-0.1, 1.1) * w, y = s.r(-0.1, 1.1) * h, size = h * s.r(0.15, 0.55), fill = s.pick(colours), o = op(s.r(0.3, 0.7));
    const kind = s.int(0, 3), rot = ` transform="rotate(${n(s.r(0, 360))} ${n(x)} ${n(y)})"`;
    if (kind === 0) out += circle(x, y, size / 2, fill, o);
    else if (kind === 1) out += rect(x - size / 2, y - size / 3, size, size * 0.66, fill, o + rot);
    else if (kind === 2) out += polygon([[x, y - size / 2], [x + size / 2, y + size / 2], [x - size / 2, y + size / 2]], fill, o + rot);
    else out += circle(x, y, size / 2, 'none', ` stroke="${fill}" stroke-width="${n(size * 0.12)}"` + o);
  }
  for (let i = 0; i < 6; i++) { const x = s.r(0, w); out += pathEl(`M${n(x)},0L${n(x - h * 0.6)},${h}`, 'none', ` stroke="${t.light}" stroke-width="2"${op(0.25)}`); }
  return out;
}

const MOTIFS: Record<DemoMotif, (s: Scene) => string> = { skyline, waves, mountains, studio, stadium, circuit, fields, crowd, abstract };

// ---- public API ----------------------------------------------------------

/** Builds the SVG for a spec; exported for debugging only. */
export function demoImageSvg(spec: DemoImageSpec): string {
  const { width: w, height: h } = spec;
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 16 || h < 16 || w > 8000 || h > 8000) throw new Error(`bad size ${w}x${h} for ${spec.file}`);
  const draw = MOTIFS[spec.motif];
  if (!draw) throw new Error(`unknown motif ${JSON.stringify(spec.motif)} for ${spec.file}`);
  const s = new Scene(spec);
  const body = draw(s);
  // A gentle vignette pulls every motif toward the same photographic look.
  const vignette = s.def('radialGradient', 'cx="0.5" cy="0.5" r="0.75"', stopTags([['#000000', 0], ['#000000', 0], ['#000000', 0.35]]));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><defs>${s.defs.join('')}</defs>${body}${rect(0, 0, w, h, vignette)}</svg>`;
}

/** Draws one demo picture as JPEG bytes: deterministic for the same spec. */
export async function renderDemoImage(spec: DemoImageSpec): Promise<Buffer> {
  return sharp(Buffer.from(demoImageSvg(spec))).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}

const exists = (file: string) => access(file).then(() => true, () => false);

/** Writes every spec's JPEG to path.join(outDir, spec.file), creating folders; skips files that already exist. */
export async function writeDemoImages(specs: DemoImageSpec[], outDir: string): Promise<void> {
  const root = path.resolve(outDir);
  let next = 0;
  // A few workers keep the cores busy without holding every raster in memory at once.
  const worker = async () => {
    for (let i = next++; i < specs.length; i = next++) {
      const target = path.resolve(root, specs[i].file);
      if (!target.startsWith(root + path.sep)) throw new Error(`image path escapes the output folder: ${specs[i].file}`);
      if (await exists(target)) continue;
      await mkdir(path.dirname(target), { recursive: true });
      // Write then rename, so an interrupted run never leaves a truncated file that later runs would skip.
      const tmp = `${target}.${process.pid}.${i}.tmp`;
      await writeFile(tmp, await renderDemoImage(specs[i]));
      await rename(tmp, target);
    }
  };
  await Promise.all(Array.from({ length: Math.min(os.availableParallelism(), specs.length) }, worker));
}
