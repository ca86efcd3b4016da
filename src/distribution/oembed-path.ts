/** The oEmbed endpoint, shared by its route and the discovery link on article pages. */
export const OEMBED_PATH = '/oembed';

export function oembedPath(articleUrl: string): string {
  return `${OEMBED_PATH}?url=${encodeURIComponent(articleUrl)}&format=json`;
}
