import { raw } from './raw.tsx';

/** Characters that could end a script element or an HTML comment, or that JavaScript reads as line ends. */
const UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON for a `<script>` data block: the same value, with `<`, `>`, `&`,
 * U+2028 and U+2029 written as `\u003c`-style escapes, so no text inside
 * (a headline `</script><script>…`) can close the element.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Structured data as one JSON-LD data block; a data block runs no code, so the CSP allows it. */
export function JsonLd({ data }: { data: object[] }) {
  return <script type="application/ld+json" {...raw(scriptJson(data.length === 1 ? data[0] : data))} />;
}
