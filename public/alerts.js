// Breaking-news alerts and web push opt-in, on every reader page.
// 1. Keeps the alert banner current on a cached page: asks the alerts endpoint every
//    few seconds while the tab is visible, shows new alerts, drops ended ones.
//    A reader may dismiss an alert; the choice is kept in localStorage.
// 2. Web push buttons (the footer's "Recevoir les alertes", a live's "Suivre ce direct"):
//    register /sw.js and subscribe for this edition, only when pressed.
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

  // ---- web push: the footer's alerts button and a live's "Suivre ce direct" each change one choice
  // (alerts, lives) of the browser's one subscription; the server keeps the other.
  if (!('serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window)) return;

  function key64(s) {
    var pad = '='.repeat((4 - (s.length % 4)) % 4);
    var raw = atob((s + pad).replace(/-/g, '+').replace(/_/g, '/'));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function registration() {
    return navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(function () {
      return navigator.serviceWorker.ready;
    });
  }
  function send(body) {
    return fetch('/api/content/push/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit' }).then(function (r) {
      if (!r.ok) throw new Error('push subscription answered ' + r.status);
      return r.json();
    });
  }
  // What this browser asked for, per edition and choice: the server does not say (it answers by endpoint only).
  function remember(edition, choice, on) {
    try {
      localStorage.setItem('depeche-push-' + choice + '-' + edition, on ? '1' : '0');
    } catch (e) {}
  }
  function remembered(edition, choice) {
    try {
      return localStorage.getItem('depeche-push-' + choice + '-' + edition);
    } catch (e) {
      return null;
    }
  }

  function toggle(box) {
    var choice = box.getAttribute('data-push-choice');
    var other = choice === 'alerts' ? 'lives' : 'alerts';
    var edition = box.getAttribute('data-edition');
    var button = box.querySelector('button');
    var status = box.querySelector('[role="status"]');
    function setState(on, message) {
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      button.textContent = box.getAttribute(on ? 'data-off' : 'data-on');
      status.textContent = message || '';
    }
    box.hidden = false;
    navigator.serviceWorker.getRegistration('/').then(function (reg) {
      return reg && reg.pushManager.getSubscription();
    }).then(function (sub) {
      var was = remembered(edition, choice);
      // A subscription wants alerts unless this browser said otherwise; lives only once asked for.
      if (sub && (was === '1' || (choice === 'alerts' && was === null))) setState(true);
    }).catch(function () {});

    button.addEventListener('click', function () {
      button.disabled = true;
      var done = function () { button.disabled = false; };
      var body = { edition: edition };
      if (button.getAttribute('aria-pressed') === 'true') {
        body[choice] = false;
        registration()
          .then(function (reg) { return reg.pushManager.getSubscription(); })
          .then(function (sub) {
            if (!sub) return;
            body.subscription = sub.toJSON();
            return send(body).then(function (r) {
              // It wanted nothing else: the server forgot it, the browser does too.
              if (!r.subscribed) return sub.unsubscribe();
            });
          })
          .then(function () { remember(edition, choice, false); setState(false); }, function () { setState(true); })
          .then(done);
        return;
      }
      body[choice] = true;
      Notification.requestPermission()
        .then(function (p) {
          if (p !== 'granted') throw new Error('denied');
          return Promise.all([registration(), fetch('/api/content/push/key').then(function (r) { return r.json(); })]);
        })
        .then(function (got) {
          return got[0].pushManager.getSubscription().then(function (existing) {
            if (existing) return existing;
            // A new subscription wants only what was pressed.
            body[other] = false;
            remember(edition, other, false);
            return got[0].pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key64(got[1].publicKey) });
          });
        })
        .then(function (sub) {
          body.subscription = sub.toJSON();
          return send(body);
        })
        .then(
          function () { remember(edition, choice, true); setState(true, box.getAttribute('data-done')); },
          function (e) { setState(false, box.getAttribute(e && e.message === 'denied' ? 'data-denied' : 'data-unsupported')); }
        )
        .then(done);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-push-choice]'), toggle);
})();
