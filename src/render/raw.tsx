/**
 * The one way raw markup reaches a page, named so that it is easy to find:
 * spread its result on an element, as in
 * `<script type="application/ld+json" {...raw(text)} />`. Preact escapes
 * everything else. Only the JSON-LD data block uses it, with text made safe
 * by `scriptJson` (json-ld.tsx).
 */
export function raw(html: string): { dangerouslySetInnerHTML: { __html: string } } {
  return { dangerouslySetInnerHTML: { __html: html } };
}
