import type { FieldIssue } from '../errors.ts';

/** The networks an account may be on; `other` for any further one. */
export const SOCIAL_NETWORKS = ['x', 'facebook', 'instagram', 'youtube', 'tiktok', 'linkedin', 'bluesky', 'mastodon', 'threads', 'telegram', 'whatsapp', 'other'] as const;
export const MAX_SOCIAL = 12;

/** The edition's social accounts: each a known network and an https address, at most MAX_SOCIAL. */
export function checkSocial(value: unknown): { social: Array<{ network: string; url: string }>; issues: FieldIssue[] } {
  if (!Array.isArray(value)) return { social: [], issues: [{ field: 'social', message: 'expected a list of { network, url }, or null' }] };
  if (value.length > MAX_SOCIAL) return { social: [], issues: [{ field: 'social', message: `at most ${MAX_SOCIAL} accounts` }] };
  const issues: FieldIssue[] = [];
  const social: Array<{ network: string; url: string }> = [];
  value.forEach((item, i) => {
    const at = `social[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return issues.push({ field: at, message: 'expected { network, url }' });
    const { network, url, ...rest } = item as Record<string, unknown>;
    for (const k of Object.keys(rest)) issues.push({ field: `${at}.${k}`, message: 'unknown field; expected network, url' });
    if (typeof network !== 'string' || !(SOCIAL_NETWORKS as readonly string[]).includes(network)) issues.push({ field: `${at}.network`, message: `expected one of ${SOCIAL_NETWORKS.join(', ')}` });
    let u: URL | undefined;
    try {
      u = typeof url === 'string' && url.length <= 500 ? new URL(url.trim()) : undefined;
    } catch {
      u = undefined;
    }
    if (!u || u.protocol !== 'https:' || u.username || u.password) issues.push({ field: `${at}.url`, message: 'expected the account’s https:// address, at most 500 characters' });
    else if (typeof network === 'string') social.push({ network, url: u.toString() });
  });
  return { social, issues };
}
