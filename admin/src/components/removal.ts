import { announce } from './ui.tsx';

export interface Removal {
  /** The question put to the user first; "Cancel" does nothing. */
  question: string;
  /** The request that removes (or revokes) the thing. */
  remove: () => Promise<unknown>;
  /** Said in the live region once it is done. */
  done: string;
  /** Loads the list again, without the removed row. */
  reload: () => Promise<unknown>;
  /** Cleared before the request, given the refusal if there is one. */
  setError: (err: unknown) => void;
}

/** Asks, removes, says so and reloads the list; a refusal (or a failed reload) is shown instead. */
export async function confirmAndRemove(r: Removal): Promise<void> {
  if (!confirm(r.question)) return;
  r.setError(null);
  try {
    await r.remove();
    announce(r.done);
    await r.reload();
  } catch (err) {
    r.setError(err);
  }
}
