// Placeholder of the subtitles panel (issue 12, helper B replaces this file with the panel itself).
export function SubtitlesPanel(_p: { videoId: number; language: string }) {
  return null;
}
