import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';

describe('CDN configuration', () => {
  it('purges nothing and sends Surrogate-Key by default', () => {
    const c = loadConfig({}).cdn;
    expect(c).toMatchObject({ purge: 'none', purgeUrls: [], keyHeader: 'surrogate-key', fastly: null, cloudflare: null });
  });

  it('reads Varnish hosts, Fastly and Cloudflare settings', () => {
    expect(loadConfig({ CDN_PURGE: 'varnish', CDN_PURGE_URLS: 'http://10.0.0.5:6081, http://10.0.0.6:6081', CDN_KEY_HEADER: 'xkey' }).cdn).toMatchObject({
      purge: 'varnish',
      purgeUrls: ['http://10.0.0.5:6081', 'http://10.0.0.6:6081'],
      keyHeader: 'xkey',
    });
    expect(loadConfig({ CDN_PURGE: 'fastly', FASTLY_API_TOKEN: 'tok', FASTLY_SERVICE_ID: 'SU1Z0isxPaozGVKXdv0eY' }).cdn.fastly).toEqual({ token: 'tok', serviceId: 'SU1Z0isxPaozGVKXdv0eY', apiUrl: 'https://api.fastly.com' });
    expect(loadConfig({ CDN_PURGE: 'cloudflare', CLOUDFLARE_API_TOKEN: 'tok', CLOUDFLARE_ZONE_ID: '023e105f4ecef8ad9ca31a8372d0c353' }).cdn.cloudflare).toMatchObject({ zoneId: '023e105f4ecef8ad9ca31a8372d0c353' });
  });

  it('stops at start naming the variable an adapter lacks', () => {
    expect(() => loadConfig({ CDN_PURGE: 'fastly' })).toThrow(/FASTLY_API_TOKEN: required when CDN_PURGE=fastly[\s\S]*FASTLY_SERVICE_ID: required/);
    expect(() => loadConfig({ CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: 'abc' })).toThrow(/CLOUDFLARE_API_TOKEN: required when CDN_PURGE=cloudflare/);
    expect(() => loadConfig({ CDN_PURGE: 'varnish' })).toThrow(/CDN_PURGE_URLS: required when CDN_PURGE=varnish/);
  });

  it('refuses an unknown adapter or header, and a purge URL that is not one', () => {
    expect(() => loadConfig({ CDN_PURGE: 'akamai' })).toThrow(/CDN_PURGE: expected none, varnish, fastly or cloudflare/);
    expect(() => loadConfig({ CDN_KEY_HEADER: 'x-keys' })).toThrow(/CDN_KEY_HEADER: expected surrogate-key, xkey or cache-tag/);
    expect(() => loadConfig({ CDN_PURGE: 'varnish', CDN_PURGE_URLS: 'varnish:6081' })).toThrow(/CDN_PURGE_URLS: "varnish:6081" is not an http\(s\) base URL/);
    expect(() => loadConfig({ CDN_PURGE: 'fastly', FASTLY_API_TOKEN: 't', FASTLY_SERVICE_ID: 'a/../b' })).toThrow(/FASTLY_SERVICE_ID: expected a Fastly service id/);
  });
});
