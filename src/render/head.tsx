import type { PageMeta } from './layout.tsx';
import { JsonLd } from './json-ld.tsx';

/** What a page tells crawlers, feed readers and link previews about itself, after its canonical link. */
export function HeadExtras({ meta }: { meta: PageMeta }) {
  return (
    <>
      {meta.alternates?.map((a) => <link rel="alternate" hreflang={a.hreflang} href={a.href} />)}
      {meta.feeds?.map((f) => <link rel="alternate" type={f.type} title={f.title} href={f.href} />)}
      {meta.oembed && <link rel="alternate" type="application/json+oembed" title={meta.oembed.title} href={meta.oembed.href} />}
      {meta.social?.map((tag) => ('property' in tag ? <meta property={tag.property} content={tag.content} /> : <meta name={tag.name} content={tag.content} />))}
      {meta.jsonLd && meta.jsonLd.length > 0 && <JsonLd data={meta.jsonLd} />}
    </>
  );
}
