import type { User } from '../api.ts';

// Scaffolding of the video work (issue 12): replaced by the screen itself.
export function VideoEditor(_props: { user: User; id: number }) {
  return null;
}
