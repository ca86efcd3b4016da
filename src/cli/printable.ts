/**
 * Text that comes from data (an imported key, a slug, a feed's or a source's
 * name, an error quoting input) is printed with its control characters
 * escaped, as JSON writes them (`\u001b`): an escape sequence in a name must
 * not retitle, clear or reprogram the terminal, nor a newline fake a line.
 * C0 and C1 controls, DEL, and the Unicode marks that reorder or split what is
 * shown (bidi overrides and isolates, line and paragraph separators) are all
 * escaped.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One value, as it may be shown on a terminal. */
export function printable(value: unknown): string {
  return String(value).replace(UNSAFE, escape);
}

/**
 * A line of output: the template's own text as written, every value in it
 * through printable(). `say\`imported ${slug} ${url}\n\``.
 */
export function say(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? printable(values[i]) : ''), '');
}

/**
 * Output already written (the command's own lines, with data through say):
 * its line breaks kept, anything else unsafe escaped. The last guard on the
 * way to the terminal, for text that did not come through say.
 */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

// eslint-disable-next-line no-control-regex
const LEFT_RAW_BY_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** JSON for --json: valid JSON still, with what JSON.stringify leaves raw (DEL, C1, bidi marks) escaped too. */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(LEFT_RAW_BY_JSON, escape);
}
