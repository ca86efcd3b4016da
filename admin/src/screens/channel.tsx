import type { User } from '../api.ts';

// Scaffolding of the video work (issue 12): replaced by the screen itself.
export function ChannelScreen(_props: { user: User; query: URLSearchParams }) {
  return null;
}
