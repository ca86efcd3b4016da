import { createRequire } from 'node:module';
import { formatTime } from './cue-times.ts';

export { formatTime, parseTime } from './cue-times.ts';

/**
 * WebVTT subtitles (docs/subtitles.md): checked by the W3C's own parser
 * (webvtt-parser), which knows the whole format (timings, settings, cue text
 * tags, entities, NOTE and STYLE blocks); we add only what a published file
 * needs beyond it (cues, a size bound). Cues typed in the admin are written
 * out here and then go through the same parser, so both ways in meet the same
 * rules.
 */

const require = createRequire(import.meta.url);
const { WebVTTParser } = require('webvtt-parser') as { WebVTTParser: new (entities?: Record<string, string>) => { parse(input: string, mode?: string): ParsedVtt } };
// The whole HTML entity table: the parser's small default one decodes `&amp;` as `&;`.
const ENTITIES = require('webvtt-parser/html-entities.json') as Record<string, string>;
const parser = () => new WebVTTParser(ENTITIES);

interface CueNode {
  type: 'text' | 'object' | 'timestamp';
  name?: string;
  value?: string | number;
  children?: CueNode[];
}
interface ParsedCue {
  id: string;
  startTime: number;
  endTime: number;
  text: string;
  tree: { children: CueNode[] };
}
interface ParsedVtt {
  cues: ParsedCue[];
  errors: Array<{ message: string; line: number; col?: number }>;
}

/** The largest subtitles file taken (a two-hour programme's subtitles weigh about 150 KB). */
export const MAX_VTT_BYTES = 2 * 1024 * 1024;
/** Cues in one file at most. */
export const MAX_CUES = 20_000;
/** A cue's text at most, in characters. */
export const MAX_CUE_TEXT = 1000;

/** One cue: its times in milliseconds and its text as WebVTT cue text (tags such as <i> allowed). */
export interface Cue {
  startMs: number;
  endMs: number;
  text: string;
}

/** A problem of a file, on its line (1 is the WEBVTT line). */
export interface VttProblem {
  line: number;
  message: string;
}

export type VttResult = { ok: true; cues: Cue[]; vtt: string } | { ok: false; problems: VttProblem[] };

/** Parses and checks a WebVTT text; the problems come in file order, each with its line. */
export function parseVtt(input: string): VttResult {
  if (Buffer.byteLength(input) > MAX_VTT_BYTES) return { ok: false, problems: [{ line: 1, message: `the file is over ${MAX_VTT_BYTES} bytes` }] };
  // The parser reads a byte order mark itself; U+0000 it turns into U+FFFD, which we refuse rather than store.
  const nul = input.indexOf('\0');
  if (nul >= 0) return { ok: false, problems: [{ line: input.slice(0, nul).split(/\r\n|\r|\n/).length, message: 'the file holds a NUL character' }] };
  const parsed = parser().parse(input, 'subtitles');
  const problems: VttProblem[] = parsed.errors.map((e) => ({ line: e.line, message: e.message }));
  if (!problems.length && parsed.cues.length > MAX_CUES) problems.push({ line: 1, message: `more than ${MAX_CUES} cues` });
  if (!problems.length && parsed.cues.length === 0) problems.push({ line: 1, message: 'no cues: the file has a WEBVTT line and nothing to show' });
  if (problems.length) return { ok: false, problems: problems.sort((x, y) => x.line - y.line) };
  const cues = parsed.cues.map((c) => ({ startMs: Math.round(c.startTime * 1000), endMs: Math.round(c.endTime * 1000), text: c.text }));
  // Stored with Unix line ends and no byte order mark: the file we publish is the one we checked, only tidier.
  const vtt = input.replace(/^\ufeff/, '').replace(/\r\n|\r/g, '\n').replace(/\n*$/, '\n');
  return { ok: true, cues, vtt };
}

/** A problem as the API answers it: `line 3: No timestamp found.` */
export function problemText(p: VttProblem): string {
  return `line ${p.line}: ${p.message}`;
}

/**
 * Writes cues as a WebVTT file. The text of each cue is WebVTT cue text as the
 * editor typed it; blank lines inside it would end the cue, so they are
 * dropped, and the result is parsed again by `cuesToVtt`'s caller.
 */
export function serialiseCues(cues: Cue[]): string {
  const out = ['WEBVTT', ''];
  for (const c of cues) {
    const lines = c.text
      .replace(/\r\n|\r/g, '\n')
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l.trim() !== '');
    out.push(`${formatTime(c.startMs)} --> ${formatTime(c.endMs)}`, ...lines, '');
  }
  return out.join('\n');
}

/** A problem of one typed cue: its index in the list. */
export interface CueProblem {
  cue: number;
  message: string;
}

export type CuesResult = { ok: true; cues: Cue[]; vtt: string } | { ok: false; problems: CueProblem[] };

/** Checks cues as the cue editor sends them and writes them as WebVTT, checked by the same parser as a file. */
export function cuesToVtt(input: Cue[]): CuesResult {
  const problems: CueProblem[] = [];
  if (input.length === 0) return { ok: false, problems: [{ cue: -1, message: 'no cues' }] };
  if (input.length > MAX_CUES) return { ok: false, problems: [{ cue: -1, message: `more than ${MAX_CUES} cues` }] };
  input.forEach((c, i) => {
    if (!c.text.trim()) problems.push({ cue: i, message: 'the text is empty' });
    else if (c.text.length > MAX_CUE_TEXT) problems.push({ cue: i, message: `the text is over ${MAX_CUE_TEXT} characters` });
    if (c.text.includes('-->')) problems.push({ cue: i, message: 'the text may not hold "-->"' });
    if (c.endMs <= c.startMs) problems.push({ cue: i, message: 'the end must come after the start' });
    if (i > 0 && c.startMs < input[i - 1].startMs) problems.push({ cue: i, message: 'cues must be in the order of their start' });
  });
  if (problems.length) return { ok: false, problems };
  const vtt = serialiseCues(input);
  const parsed = parseVtt(vtt);
  if (parsed.ok) return parsed;
  // Each line of the file we wrote belongs to one cue: say which.
  const firstLine: number[] = [];
  let line = 3;
  for (const c of input) {
    firstLine.push(line);
    line += 2 + c.text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').length;
  }
  return {
    ok: false,
    problems: parsed.problems.map((p) => {
      let cue = 0;
      while (cue + 1 < firstLine.length && firstLine[cue + 1] <= p.line) cue++;
      return { cue, message: p.message };
    }),
  };
}

/** A cue's words without its tags (voices, italics, timestamps), entities decoded, line by line, spaces tidied. */
export function cueLines(tree: { children: CueNode[] }): string[] {
  const out: string[] = [];
  const walk = (nodes: CueNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') out.push(String(n.value ?? ''));
      else if (n.type === 'object') {
        // Ruby text repeats its base's reading: the base alone is the words.
        if (n.name === 'rt') continue;
        walk(n.children ?? []);
      }
    }
  };
  walk(tree.children);
  return out
    .join('')
    .split('\n')
    // Spaces and tabs run together; the no-break spaces of French punctuation stay.
    .map((l) => l.replace(/[ \t\r]+/g, ' ').replace(/^ | $/g, ''))
    .filter((l) => l !== '');
}

/** The speaker a cue names with <v Name>, if any. */
function voiceOf(tree: { children: CueNode[] }): string | null {
  for (const n of tree.children) if (n.type === 'object' && n.name === 'v' && typeof n.value === 'string' && n.value.trim()) return n.value.trim();
  return null;
}

/** A silence this long between two cues starts a new paragraph. */
const PARAGRAPH_GAP_MS = 2000;
/** Nor does a paragraph grow past this many characters: it ends at the next sentence end after it. */
const PARAGRAPH_CHARS = 600;

/**
 * The transcript of a subtitles file, as readable paragraphs: each cue's words
 * without tags, joined; a line repeated by the next cue (roll-up captions show
 * each line twice) is taken once. A new paragraph starts at a change of
 * speaker, after a silence, or at a sentence end once a paragraph is long.
 * An invalid file has no transcript.
 */
export function transcriptOf(vtt: string): string[] {
  const parsed = parser().parse(vtt.replace(/\0/g, ''), 'subtitles');
  const paragraphs: string[] = [];
  let current: string[] = [];
  let chars = 0;
  let lastEnd = -Infinity;
  let lastVoice: string | null = null;
  let previousLines = new Set<string>();
  const close = () => {
    if (current.length) paragraphs.push(current.join(' '));
    current = [];
    chars = 0;
  };
  for (const cue of parsed.cues) {
    const voice = voiceOf(cue.tree);
    // Line by line, so that a cue repeating the line before it under a new one gives only the new line.
    const lines = cueLines(cue.tree);
    const fresh = lines.filter((l) => !previousLines.has(l));
    previousLines = new Set(lines);
    const startMs = cue.startTime * 1000;
    const speakerChanged = voice !== null && voice !== lastVoice;
    const longEnough = chars >= PARAGRAPH_CHARS && /[.!?…»"]$/.test(current[current.length - 1] ?? '');
    if (current.length && (startMs - lastEnd >= PARAGRAPH_GAP_MS || speakerChanged || longEnough)) close();
    if (voice !== null) lastVoice = voice;
    lastEnd = Math.max(lastEnd, cue.endTime * 1000);
    for (const l of fresh) {
      current.push(l);
      chars += l.length + 1;
    }
  }
  close();
  return paragraphs;
}

/** The transcript as one text (search, JSON-LD). */
export function transcriptText(vtt: string): string {
  return transcriptOf(vtt).join('\n\n');
}
