import { transform } from 'lightningcss';

/**
 * A stylesheet as served: minified by Lightning CSS (comments, spaces and
 * redundant values gone), without browser targets, so it rewrites nothing —
 * logical properties stay logical and no prefix is added. The sources in
 * public/ stay readable; readers fetch the small form.
 */
export function minifyCss(filename: string, css: Buffer | string): Buffer {
  const { code } = transform({ filename, code: Buffer.from(css), minify: true });
  return Buffer.from(code);
}
