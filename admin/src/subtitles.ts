import { formatTime, parseTime } from '../../src/video/cue-times.ts';
import { ts } from './i18n-subtitles.ts';

/**
 * The cue editor's model: rows of typed text (start, end, text) turned into
 * cues for the API, and the API's answers turned into French lines. Pure, so
 * that the unit tests run it without a browser.
 */

export interface Cue {
  startMs: number;
  endMs: number;
  text: string;
}

export interface CueRow {
  start: string;
  end: string;
  text: string;
}

/** A new cue lasts this long by default. */
const NEW_CUE_MS = 2000;

export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

export function rowsFromCues(cues: Cue[]): CueRow[] {
  return cues.map((c) => ({ start: formatTime(c.startMs), end: formatTime(c.endMs), text: c.text }));
}

/** A cue after the last one (or at 0), two seconds long. */
export function addRow(rows: CueRow[]): CueRow[] {
  const last = rows[rows.length - 1];
  const from = last ? (parseTime(last.end) ?? 0) : 0;
  return [...rows, { start: formatTime(from), end: formatTime(from + NEW_CUE_MS), text: '' }];
}

export function removeRow(rows: CueRow[], i: number): CueRow[] {
  return rows.filter((_, n) => n !== i);
}

/**
 * Splits a cue in two at the middle of its time, its words shared at the word
 * nearest the middle of its text. A cue whose times do not read is left as it is.
 */
export function splitRow(rows: CueRow[], i: number): CueRow[] {
  const r = rows[i];
  const start = parseTime(r?.start ?? '');
  const end = parseTime(r?.end ?? '');
  if (!r || start === null || end === null || end - start < 2) return rows;
  const mid = Math.round((start + end) / 2);
  const words = r.text.split(/\s+/).filter(Boolean);
  const cut = Math.ceil(words.length / 2);
  const first = { start: r.start, end: formatTime(mid), text: words.slice(0, cut).join(' ') };
  const second = { start: formatTime(mid), end: r.end, text: words.slice(cut).join(' ') };
  return [...rows.slice(0, i), first, second, ...rows.slice(i + 1)];
}

export type RowsResult = { ok: true; cues: Cue[] } | { ok: false; errors: Array<{ row: number; message: string }> };

/** The rows as cues, or what is wrong with each row (in French), as the server would say it. */
export function cuesFromRows(rows: CueRow[]): RowsResult {
  const e = ts.editor;
  if (!rows.length) return { ok: false, errors: [{ row: -1, message: e.noCues }] };
  const errors: Array<{ row: number; message: string }> = [];
  const cues: Cue[] = [];
  rows.forEach((r, i) => {
    const startMs = parseTime(r.start);
    const endMs = parseTime(r.end);
    if (startMs === null) errors.push({ row: i, message: e.badTime(e.start) });
    if (endMs === null) errors.push({ row: i, message: e.badTime(e.end) });
    if (!r.text.trim()) errors.push({ row: i, message: e.emptyText });
    if (r.text.includes('-->')) errors.push({ row: i, message: e.arrow });
    if (startMs !== null && endMs !== null && endMs <= startMs) errors.push({ row: i, message: e.endBeforeStart });
    if (startMs !== null && i > 0 && cues[i - 1] && startMs < cues[i - 1].startMs) errors.push({ row: i, message: e.outOfOrder });
    cues.push({ startMs: startMs ?? 0, endMs: endMs ?? 0, text: r.text });
  });
  return errors.length ? { ok: false, errors } : { ok: true, cues };
}

/** A validator's message in French, when we have it. */
export function frenchMessage(message: string): string {
  const bare = message.replace(/^line \d+: /, '');
  return ts.errors.messages[bare] ?? bare;
}

/** The lines of an API error about subtitles: "Ligne 6 : …" for a file, "Réplique 2 : …" for typed cues. */
export function subtitleErrorLines(body: { message?: string; issues?: Array<{ field?: string; line?: number; message: string }> }): string[] {
  const issues = body.issues ?? [];
  if (!issues.length) return body.message ? [body.message] : [];
  return issues.map((i) => {
    if (typeof i.line === 'number') return ts.errors.line(i.line, frenchMessage(i.message));
    const cue = /^cues\[(\d+)\]/.exec(i.field ?? '');
    if (cue) return ts.errors.cue(Number(cue[1]) + 1, frenchMessage(i.message));
    return frenchMessage(i.message);
  });
}
