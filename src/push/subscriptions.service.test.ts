import { describe, expect, it } from 'vitest';
import { internalHost } from './subscriptions.service.ts';

describe('push endpoints on internal hosts', () => {
  it('refuses this machine and private networks, written any way', () => {
    for (const h of ['localhost', 'a.localhost', 'printer.local', 'db.internal', '127.0.0.1', '127.8.9.1', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[::1]', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1'])
      expect(internalHost(h), h).toBe(true);
  });

  it('accepts the push services browsers use', () => {
    for (const h of ['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'web.push.apple.com', 'wns2-par02p.notify.windows.com', '172.32.0.1', '8.8.8.8', '2001:db8::1'])
      expect(internalHost(h), h).toBe(false);
  });
});
