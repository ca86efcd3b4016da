import type { AlertTable } from '../store/schema.ts';
import type { Selectable } from 'kysely';

export type AlertLevel = AlertTable['level'];
export const ALERT_LEVELS: readonly AlertLevel[] = ['breaking', 'urgent', 'info'];
export type AlertRow = Selectable<AlertTable>;

/** An alert as the Admin API answers it. */
export interface ApiAlert {
  id: number;
  text: string;
  url: string | null;
  level: AlertLevel;
  editions: string[];
  startsAt: string;
  expiresAt: string | null;
  endedAt: string | null;
  ingestItemId: number | null;
  createdBy: string;
  createdAt: string;
  /** Shown to readers now: started, not expired, not ended. */
  current: boolean;
}

/** An alert as readers' pages and the Content API show it. */
export interface PublicAlert {
  id: number;
  text: string;
  url: string | null;
  level: AlertLevel;
  startsAt: string;
  expiresAt: string | null;
}

export function isCurrent(r: Pick<AlertRow, 'starts_at' | 'expires_at' | 'ended_at'>, at: string): boolean {
  return r.ended_at === null && r.starts_at <= at && (r.expires_at === null || r.expires_at > at);
}

export function presentAlert(r: AlertRow, at: string): ApiAlert {
  return {
    id: r.id,
    text: r.text,
    url: r.url,
    level: r.level,
    editions: JSON.parse(r.editions) as string[],
    startsAt: r.starts_at,
    expiresAt: r.expires_at,
    endedAt: r.ended_at,
    ingestItemId: r.ingest_item_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    current: isCurrent(r, at),
  };
}

export function publicAlert(r: AlertRow): PublicAlert {
  return { id: r.id, text: r.text, url: r.url, level: r.level, startsAt: r.starts_at, expiresAt: r.expires_at };
}
