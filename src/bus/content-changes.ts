import type { Bus } from './bus.ts';

/** The topic on which a process says that it committed a content change (the content version moved). */
export const CONTENT_TOPIC = 'content';

/**
 * Tells every node that content changed, after the commit. The message carries
 * nothing they must trust: each node reads the version from the database, so a
 * message too many costs one small query and a lost one is caught by the poll.
 */
export function announceContentChange(bus: Bus): void {
  void bus.publish(CONTENT_TOPIC, { at: Date.now() });
}
