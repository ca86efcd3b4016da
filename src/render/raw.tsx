/**
 * The one way raw markup reaches a page, named so that it is easy to find:
 * spread its result on an element, as in
 * `<script type="application/ld+json" {...raw(text)} />`. Preact escapes
 * everything else. Two things use it: the JSON-LD data block, with text
 * made safe by `scriptJson` (json-ld.tsx), and the layout's header and footer
 * (layout.tsx), which Preact itself rendered (and escaped) once per catalog
 * load and which are inserted again as that finished markup.
 */
export function raw(html: string): { dangerouslySetInnerHTML: { __html: string } } {
  return { dangerouslySetInnerHTML: { __html: html } };
}
