import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseXmltv } from '../tv/xmltv.ts';
import { demoSchedule, ffmpegMissing, wallClock } from './demo-tv.ts';

const TEMPLATE = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'content', 'schedule.xml'), 'utf8');
const programmes = (today: string, zone: string) => parseXmltv(demoSchedule(TEMPLATE, today, zone), 'fr').programmes;

describe('the demo schedule', () => {
  it('moves the template day to today and tomorrow, with the programme that crosses into today from the day before', () => {
    const list = programmes('2026-12-07', 'Europe/Paris');
    const template = parseXmltv(TEMPLATE, 'fr').programmes.length;
    expect(list).toHaveLength(2 * template + 1);
    // 23:30 the day before, in Paris (UTC+1 in winter), until 00:30 today.
    expect(list[0]).toMatchObject({ title: 'Le Journal de la nuit', startsAt: '2026-12-06T22:30:00.000Z', endsAt: '2026-12-06T23:30:00.000Z' });
    expect(list.find((p) => p.title === 'Le Réveil du monde')).toMatchObject({ startsAt: '2026-12-07T04:30:00.000Z', endsAt: '2026-12-07T08:00:00.000Z' });
    expect(list.at(-1)).toMatchObject({ title: 'Le Journal de la nuit', startsAt: '2026-12-08T22:30:00.000Z', endsAt: '2026-12-08T23:30:00.000Z' });
    // One after the other, nothing overlapping, nothing missing.
    for (let i = 1; i < list.length; i++) expect(list[i]!.startsAt).toBe(list[i - 1]!.endsAt);
  });

  it('keeps the wall-clock times on the day the clocks go forward: the night loses its hour', () => {
    const list = programmes('2026-03-29', 'Europe/Paris');
    const night = list.find((p) => p.title === 'Les Nuits de Dépêche TV')!;
    expect(night).toMatchObject({ startsAt: '2026-03-28T23:30:00.000Z', endsAt: '2026-03-29T03:30:00.000Z' });
    expect(Date.parse(night.endsAt) - Date.parse(night.startsAt)).toBe(4 * 3600_000);
    expect(list.find((p) => p.title === 'Le Réveil du monde')!.startsAt).toBe('2026-03-29T03:30:00.000Z');
  });

  it('follows the edition’s time zone', () => {
    expect(programmes('2026-12-07', 'America/New_York').find((p) => p.title === 'Le Réveil du monde')!.startsAt).toBe('2026-12-07T10:30:00.000Z');
    expect(new Date(wallClock('2026-10-25', 1, 30, 0, 'Europe/Paris')).toISOString()).toBe('2026-10-24T23:30:00.000Z');
  });
});

describe('the ffmpeg check', () => {
  it('says why when a program is missing, and nothing when both answer', async () => {
    expect(await ffmpegMissing({ ffmpeg: '/nonexistent/ffmpeg', ffprobe: 'ffprobe' })).toMatch(/\/nonexistent\/ffmpeg is not installed/);
    expect(await ffmpegMissing({ ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' })).toBeNull();
  });
});
