import { describe, expect, it } from 'vitest';
import { ladder, masterPlaylist, measureBandwidth, mp4Rung, spriteGrid, spriteVtt } from './ladder.ts';
import { judge, VideoRejected } from './probe.ts';

const LIMITS = { maxPixels: 4096 * 2304, maxDurationMs: 6 * 3600_000 };
const stream = (o: object) => ({ codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '25/1', ...o });

describe('the ladder', () => {
  it('never goes above the source, keeps its shape, and gives a small source one rendition at its own size', () => {
    expect(ladder({ width: 1920, height: 1080, frameRate: 25 }).map((r) => `${r.name} ${r.width}x${r.height}`)).toEqual(['v1080 1920x1080', 'v720 1280x720', 'v480 854x480', 'v360 640x360']);
    expect(ladder({ width: 1280, height: 720, frameRate: 25 }).map((r) => r.name)).toEqual(['v720', 'v480', 'v360']);
    // A phone held upright: the short side decides.
    expect(ladder({ width: 1080, height: 1920, frameRate: 30 }).map((r) => `${r.width}x${r.height}`)).toEqual(['1080x1920', '720x1280', '480x854', '360x640']);
    expect(ladder({ width: 321, height: 181, frameRate: 25 }).map((r) => `${r.name} ${r.width}x${r.height}`)).toEqual(['v182 322x182']);
    expect(mp4Rung(ladder({ width: 1920, height: 1080, frameRate: 25 })).name).toBe('v720');
  });

  it('writes the master playlist tallest first, the audio-only rendition last, with relative addresses', () => {
    const prefix = 'videos/1/abc/';
    const text = masterPlaylist(
      [
        { name: 'v360', width: 640, height: 360, bandwidth: 900_000, averageBandwidth: 800_000, codecs: 'avc1.4d401e,mp4a.40.2', key: `${prefix}v360/index.m3u8` },
        { name: 'audio', width: null, height: null, bandwidth: 100_000, averageBandwidth: 96_000, codecs: 'mp4a.40.2', key: `${prefix}audio/index.m3u8` },
        { name: 'v720', width: 1280, height: 720, bandwidth: 3_000_000, averageBandwidth: 2_800_000, codecs: 'avc1.4d401f,mp4a.40.2', key: `${prefix}v720/index.m3u8` },
      ],
      prefix,
    );
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['v720/index.m3u8', 'v360/index.m3u8', 'audio/index.m3u8']);
    expect(text).toContain('#EXT-X-STREAM-INF:BANDWIDTH=100000,AVERAGE-BANDWIDTH=96000,CODECS="mp4a.40.2"\naudio/index.m3u8');
  });

  it('measures the peak bit rate from the segments, not counting a short last one as a peak', () => {
    const playlist = '#EXTM3U\n#EXTINF:6.000000,\nseg0000.ts\n#EXTINF:6.000000,\nseg0001.ts\n#EXTINF:0.500000,\nseg0002.ts\n';
    const sizes: Record<string, number> = { 'seg0000.ts': 750_000, 'seg0001.ts': 1_500_000, 'seg0002.ts': 200_000 };
    expect(measureBandwidth(playlist, (u) => sizes[u])).toEqual({ bandwidth: 2_000_000, averageBandwidth: Math.ceil((2_450_000 * 8) / 12.5) });
  });

  it('indexes the sprite by #xywh=, ten thumbnails a row, at most a hundred', () => {
    const g = spriteGrid({ width: 1920, height: 1080, durationMs: 25_500 });
    expect(g).toMatchObject({ intervalMs: 1000, count: 26, columns: 10, rows: 3, width: 160, height: 90 });
    const vtt = spriteVtt(g, 25_500, 'sprite.jpg');
    expect(vtt).toContain('00:00:11.000 --> 00:00:12.000\nsprite.jpg#xywh=160,90,160,90');
    expect(vtt.trim().endsWith('00:00:25.000 --> 00:00:25.500\nsprite.jpg#xywh=800,180,160,90')).toBe(true);
    expect(spriteGrid({ width: 1920, height: 1080, durationMs: 3600_000 }).count).toBe(100);
  });
});

describe('the probe verdict', () => {
  const verdict = (data: object) => {
    try {
      return judge(data, LIMITS);
    } catch (e) {
      if (e instanceof VideoRejected) return e.message;
      throw e;
    }
  };

  it('takes an ordinary file, turning a phone’s rotation into the frame as shown', () => {
    expect(verdict({ format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.5' }, streams: [stream({}), { codec_type: 'audio', codec_name: 'aac' }] })).toEqual({
      container: 'mov,mp4,m4a,3gp,3g2,mj2', durationMs: 12_500, width: 1920, height: 1080, videoCodec: 'h264', frameRate: 25, audioCodec: 'aac',
    });
    expect(verdict({ format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '3' }, streams: [stream({ side_data_list: [{ rotation: -90 }] })] })).toMatchObject({ width: 1080, height: 1920, audioCodec: null });
  });

  it('refuses text, pictures, sound alone, endless or empty streams, huge frames and overlong videos', () => {
    expect(verdict({ format: { format_name: 'tty', duration: '10' }, streams: [stream({ codec_name: 'ansi' })] })).toMatch(/not a video \(its format is tty\)/);
    expect(verdict({ format: { format_name: 'matroska,webm', duration: '10' }, streams: [stream({ codec_name: 'png' })] })).toBe('this file has no video track');
    expect(verdict({ format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '10' }, streams: [{ codec_type: 'audio', codec_name: 'aac' }] })).toBe('this file has no video track');
    expect(verdict({ format: { format_name: 'mpegts' }, streams: [stream({})] })).toMatch(/no duration/);
    expect(verdict({ format: { format_name: 'mpegts', duration: '0.000000' }, streams: [stream({})] })).toMatch(/no duration/);
    expect(verdict({ format: { format_name: 'matroska,webm', duration: '10' }, streams: [stream({ width: 16384, height: 16384 })] })).toMatch(/16384×16384\) is larger than/);
    expect(verdict({ format: { format_name: 'matroska,webm', duration: String(7 * 3600) }, streams: [stream({})] })).toMatch(/lasts 7 h 00 min, longer than the 6 h 00 min accepted/);
  });
});
