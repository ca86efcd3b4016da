// One rule for body links, shared by the server's validation and the admin's link form (no dependencies: the admin bundles it).

/** Where relative links are resolved when checking them: any origin of ours would do. */
const SITE = 'https://site.invalid';

/**
 * Whether a body link goes where it says: an absolute http(s) or mailto
 * address, or a path that a browser resolves on the site itself. The check
 * parses the link as a browser does (WHATWG URL), so forms a browser reads
 * differently from how they look (`/\\evil.example`, `//evil.example`, a tab or
 * newline a browser strips) are refused rather than guessed at.
 */
export function isSafeHref(v: string): boolean {
  // Browsers drop tabs and newlines inside URLs and read a backslash as a slash: neither belongs in a link we keep.
  if (/[\u0000-\u0020\u007f-\u009f\\]|\s/.test(v)) return false;
  let u: URL;
  if (v.startsWith('/')) {
    if (v.startsWith('//')) return false;
    try {
      u = new URL(v, SITE);
    } catch {
      return false;
    }
    return u.origin === SITE;
  }
  try {
    u = new URL(v);
  } catch {
    return false;
  }
  if (u.protocol === 'mailto:') return /^mailto:/i.test(v) && u.pathname.length > 0;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  // `https:evil.example` and `https:/evil.example` parse, but say nothing clear: the two slashes are required.
  return /^https?:\/\/[^/?#]/i.test(v) && u.hostname.length > 0;
}
