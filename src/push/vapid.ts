import webpush from 'web-push';
import type { Db } from '../store/db.ts';

/** The site's VAPID key pair (base64url), as push services check it, and the contact they may write to. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const SECRET_KEY = 'vapid';

/**
 * Reads the site's VAPID key pair from site_secrets, generating it the first
 * time. Every node shares the one pair: when two nodes start at once, the
 * first insert wins and both read it back. Subscriptions are bound to this
 * public key, so it must never change (a backup of the database keeps it).
 */
export async function loadVapidKeys(db: Db, subject: string, now: Date): Promise<VapidKeys> {
  const read = () => db.selectFrom('site_secrets').select('value').where('key', '=', SECRET_KEY).executeTakeFirst();
  let row = await read();
  if (!row) {
    const fresh = webpush.generateVAPIDKeys();
    await db
      .insertInto('site_secrets')
      .values({ key: SECRET_KEY, value: JSON.stringify({ publicKey: fresh.publicKey, privateKey: fresh.privateKey }), created_at: now.toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    row = await read();
  }
  const v = JSON.parse(row!.value) as { publicKey: string; privateKey: string };
  return { publicKey: v.publicKey, privateKey: v.privateKey, subject };
}

/** Loads the keys once per process, on first use. */
export function vapidSource(db: Db, subject: string, now: () => Date): () => Promise<VapidKeys> {
  let keys: Promise<VapidKeys> | undefined;
  return () => {
    keys ??= loadVapidKeys(db, subject, now()).catch((e) => {
      keys = undefined;
      throw e;
    });
    return keys;
  };
}
