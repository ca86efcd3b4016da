import { describe, expect, it } from 'vitest';
import { judge, VideoRejected } from '../../src/video/probe.ts';
import { reasonInFrench } from './i18n-video.ts';

const LIMITS = { maxPixels: 4096 * 2304, maxDurationMs: 6 * 3600_000 };
const video = { codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '25/1' };

/** The server's own reason for a probe answer (src/video/probe.ts), as the admin receives it. */
function reason(data: object): string {
  try {
    judge(data, LIMITS);
  } catch (e) {
    if (e instanceof VideoRejected) return e.message;
  }
  throw new Error('accepted');
}

describe('the reasons of a refused or failed video, in French', () => {
  it('turns every refusal of the probe into its French sentence, keeping the file name', () => {
    const cases: Array<[object, RegExp]> = [
      [{ format: { format_name: 'tty', duration: '3' }, streams: [video] }, /^ce fichier n’est pas une vidéo \(format reconnu : tty\)/],
      [{ format: { format_name: 'mpegts', duration: '3' }, streams: [] }, /^ce fichier n’a pas de piste vidéo$/],
      [{ format: { format_name: 'mpegts' }, streams: [video] }, /^la vidéo n’a pas de durée/],
      [{ format: { format_name: 'mpegts', duration: '3' }, streams: [{ ...video, width: 5000, height: 5000 }] }, /^l’image \(5000 × 5000\) dépasse les 9\u202f437\u202f184 pixels acceptés$/],
      [{ format: { format_name: 'mpegts', duration: String(7 * 3600) }, streams: [video] }, /^la vidéo dure 7 h 00 min, plus que les 6 h 00 min acceptées$/],
    ];
    for (const [data, french] of cases) expect(reasonInFrench(reason(data))).toMatch(french);
    expect(reasonInFrench(`faux.mp4: ${reason({ format: { format_name: 'tty', duration: '1' }, streams: [video] })}`)).toMatch(/^faux\.mp4 : ce fichier n’est pas une vidéo/);
  });

  it('keeps ffmpeg’s own words as a detail, and an unknown reason as it came', () => {
    expect(reasonInFrench('ffmpeg stopped (exit 1): Invalid data found when processing input')).toBe('ffmpeg s’est arrêté (exit 1) : Invalid data found when processing input');
    expect(reasonInFrench('could not start ffmpeg: spawn ffmpeg ENOENT')).toBe('impossible de lancer ffmpeg: spawn ffmpeg ENOENT');
    expect(reasonInFrench('the transcode stopped 3 times without finishing (the worker may have run out of memory)')).toMatch(/^le transcodage s’est interrompu 3 fois/);
    expect(reasonInFrench('something new')).toBe('something new');
  });
});
