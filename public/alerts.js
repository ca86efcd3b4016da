// Breaking-news alerts and web push opt-in, on every reader page.
// 1. Keeps the alert banner current on a cached page: asks the alerts endpoint every
//    few seconds while the tab is visible, shows new alerts, drops ended ones.
//    A reader may dismiss an alert; the choice is kept in localStorage.
// 2. The footer's "Recevoir les alertes" button: registers /sw.js and subscribes to
//    web push for this edition, only when pressed.
(function () {
  'use strict';
  var POLL_MS = 3000;
  var box = document.getElementById('site-alerts');
  var DISMISSED = 'depeche-alerts-dismissed';

  function dismissed() {
    try {
      return JSON.parse(localStorage.getItem(DISMISSED) || '[]');
    } catch (e) {
      return [];
    }
  }
  function dismiss(id) {
    var ids = dismissed().filter(function (x) { return x !== id; });
    ids.push(id);
    try {
      localStorage.setItem(DISMISSED, JSON.stringify(ids.slice(-50)));
    } catch (e) { /* private mode: dismissed for this page only */ }
  }

  function closeButton(p, id) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'site-alert-close';
    b.setAttribute('aria-label', box.getAttribute('data-dismiss') || 'Dismiss');
    b.textContent = '×';
    b.addEventListener('click', function () {
      dismiss(id);
      p.remove();
    });
    p.appendChild(b);
  }

  function item(a, levels) {
    var p = document.createElement('p');
    p.className = 'site-alert site-alert-' + a.level;
    p.setAttribute('data-alert-id', String(a.id));
    var s = document.createElement('strong');
    s.className = 'site-alert-level';
    s.textContent = levels[a.level] || a.level;
    p.appendChild(s);
    p.appendChild(document.createTextNode(' '));
    var t = document.createElement(a.url ? 'a' : 'span');
    if (a.url) t.href = a.url;
    t.textContent = a.text;
    p.appendChild(t);
    return p;
  }

  function show(alerts) {
    var levels = {};
    try {
      levels = JSON.parse(box.getAttribute('data-levels') || '{}');
    } catch (e) { /* the level's code stands in */ }
    var hidden = dismissed();
    var now = Date.now();
    var wanted = alerts.filter(function (a) {
      return hidden.indexOf(a.id) < 0 && (!a.expiresAt || Date.parse(a.expiresAt) > now);
    });
    var have = {};
    Array.prototype.forEach.call(box.querySelectorAll('[data-alert-id]'), function (p) {
      have[p.getAttribute('data-alert-id')] = p;
    });
    var keep = {};
    wanted.forEach(function (a, i) {
      var id = String(a.id);
      keep[id] = true;
      var p = have[id];
      if (!p) {
        p = item(a, levels);
        closeButton(p, a.id);
        var at = box.children[i] || null;
        box.insertBefore(p, at);
      }
    });
    Object.keys(have).forEach(function (id) {
      if (!keep[id]) have[id].remove();
    });
  }

  if (box) {
    var url = box.getAttribute('data-alerts');
    var hidden = dismissed();
    Array.prototype.forEach.call(box.querySelectorAll('[data-alert-id]'), function (p) {
      var id = Number(p.getAttribute('data-alert-id'));
      if (hidden.indexOf(id) >= 0) p.remove();
      else closeButton(p, id);
    });
    var timer = null;
    var poll = function () {
      timer = null;
      if (document.visibilityState === 'hidden') return;
      fetch(url, { cache: 'no-cache', credentials: 'omit' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) { if (body && Array.isArray(body.alerts)) show(body.alerts); })
        .catch(function () { /* offline: the next poll tries again */ })
        .then(schedule);
    };
    var schedule = function () {
      if (timer === null && document.visibilityState !== 'hidden') timer = setTimeout(poll, POLL_MS);
    };
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible' && timer === null) poll();
    });
    schedule();
  }

  // ---- web push opt-in
  var opt = document.querySelector('.push-optin');
  if (!opt) return;
  var button = opt.querySelector('button');
  var status = opt.querySelector('.push-status');
  var edition = opt.getAttribute('data-edition');
  var supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  if (!supported) return;
  opt.hidden = false;

  function key64(s) {
    var pad = '='.repeat((4 - (s.length % 4)) % 4);
    var raw = atob((s + pad).replace(/-/g, '+').replace(/_/g, '/'));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function setState(on, message) {
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    button.textContent = opt.getAttribute(on ? 'data-off' : 'data-on');
    status.textContent = message || '';
  }
  function registration() {
    return navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(function () {
      return navigator.serviceWorker.ready;
    });
  }
  // Changes only `alerts`: the server keeps what else the subscription wants (lives followed on a live page).
  function send(body) {
    return fetch('/api/content/push/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit' }).then(function (r) {
      if (!r.ok) throw new Error('push subscription answered ' + r.status);
      return r.json();
    });
  }
  // A subscription made by a live's "Follow" button wants no alerts: it says so locally.
  function alertsOff() {
    try {
      return localStorage.getItem('depeche-push-alerts-' + edition) === '0';
    } catch (e) {
      return false;
    }
  }
  function remember(on) {
    try {
      localStorage.setItem('depeche-push-alerts-' + edition, on ? '1' : '0');
    } catch (e) {}
  }

  navigator.serviceWorker.getRegistration('/').then(function (reg) {
    return reg && reg.pushManager.getSubscription();
  }).then(function (sub) {
    if (sub && !alertsOff()) setState(true);
  }).catch(function () {});

  button.addEventListener('click', function () {
    button.disabled = true;
    var on = button.getAttribute('aria-pressed') === 'true';
    var done = function () { button.disabled = false; };
    if (on) {
      registration()
        .then(function (reg) { return reg.pushManager.getSubscription(); })
        .then(function (sub) {
          if (!sub) return;
          return send({ subscription: sub.toJSON(), edition: edition, alerts: false }).then(function (r) {
            // It wanted nothing else: the server forgot it, the browser does too.
            if (!r.subscribed) return sub.unsubscribe();
          });
        })
        .then(function () { remember(false); setState(false); }, function () { setState(true); })
        .then(done);
      return;
    }
    Notification.requestPermission()
      .then(function (p) {
        if (p !== 'granted') throw new Error('denied');
        return Promise.all([registration(), fetch('/api/content/push/key').then(function (r) { return r.json(); })]);
      })
      .then(function (got) {
        return got[0].pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key64(got[1].publicKey) });
      })
      .then(function (sub) {
        return send({ subscription: sub.toJSON(), edition: edition, alerts: true });
      })
      .then(
        function () { remember(true); setState(true, opt.getAttribute('data-done')); },
        function (e) { setState(false, opt.getAttribute(e && e.message === 'denied' ? 'data-denied' : 'data-unsupported')); }
      )
      .then(done);
  });
})();
