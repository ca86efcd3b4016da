// The site's service worker: shows web push notifications (breaking-news alerts,
// key points of lives) and opens the page a notification links to.
'use strict';
self.addEventListener('install', function () {
  self.skipWaiting();
});
self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});
self.addEventListener('push', function (event) {
  var m = {};
  try {
    m = event.data ? event.data.json() : {};
  } catch (e) {
    m = { body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(
    self.registration.showNotification(m.title || '', {
      body: m.body || '',
      tag: m.tag || undefined,
      renotify: Boolean(m.tag),
      data: { url: m.url || '/' },
    })
  );
});
self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(self.clients.openWindow(url));
});
