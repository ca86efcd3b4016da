/**
 * An edition's identity (docs/theming.md): what makes its pages its own. Kept as
 * JSON in `editions.identity`; every part is optional, and a missing part falls
 * back to the theme's default (the edition's name as a text wordmark, the
 * theme's colours, no social accounts).
 */
export interface EditionIdentity {
  /** The logo as stored (SVG cleaned of scripts, or PNG), with its size for the page's layout. */
  logo?: { key: string; mime: 'image/svg+xml' | 'image/png'; width: number; height: number };
  /** Favicon and touch icons made from one picture: the media keys by size ("32", "180", "192", "512", "ico"). */
  icons?: Record<string, string>;
  /** Brand colours (#rrggbb), each checked for WCAG AA contrast against what it is shown with. */
  colours?: { accent?: string; accentInk?: string; link?: string; ink?: string; paper?: string; header?: string; headerInk?: string };
  /** Social accounts shown in the footer and in the publisher's sameAs. */
  social?: Array<{ network: string; url: string }>;
  /** The picture social cards use when an article has none (an image id of the library). */
  socialImageId?: number;
  /** That picture's file as link previews show it (its 1200×630 card, or its largest JPEG), resolved when it is chosen. */
  socialImage?: { key: string; width: number; height: number; alt?: string };
}

/** The stored JSON, read leniently: a part that is not what it should be is left out. */
export function parseIdentity(json: string | null | undefined): EditionIdentity {
  if (!json) return {};
  try {
    const v = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as EditionIdentity) : {};
  } catch {
    return {};
  }
}
