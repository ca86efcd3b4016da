// Live pages: new, edited and removed entries arrive by Server-Sent Events. The page reads completely without it.
(function () {
  'use strict';
  var feed = document.querySelector('.live-feed[data-events]');
  if (!feed) return;
  var target = document.querySelector('.live-entry.is-target');
  if (target && !location.hash) target.scrollIntoView();
  if (feed.getAttribute('data-active') !== 'true' || !window.EventSource) return;

  var list = feed.querySelector('.live-entries');
  var slot = feed.querySelector('.live-new');
  var many = feed.getAttribute('data-new-entries');
  var one = feed.getAttribute('data-new-entry');
  var url = feed.getAttribute('data-events');
  var last = feed.getAttribute('data-last-event') || '0';
  var pending = []; // { id, html }, oldest first
  var button = null;
  var source = null;
  // The fallback reconnect's delay: it only runs when the server refused the stream (a node at its cap
  // answers 503), so it starts at seconds, doubles, and is spread at random so refused readers do not
  // all come back at once.
  var RETRY_FIRST = 4000;
  var retry = RETRY_FIRST;

  function parse(html) {
    var box = document.createElement('div');
    box.innerHTML = html;
    return box.firstElementChild;
  }

  // The first entry the reader sees: what must not move when something is put above it.
  function anchor() {
    var items = document.querySelectorAll('.live-entry');
    for (var i = 0; i < items.length; i++) {
      var r = items[i].getBoundingClientRect();
      if (r.bottom > 0) return items[i];
    }
    return null;
  }

  function keepPlace(change) {
    var a = anchor();
    var before = a ? a.getBoundingClientRect().top : 0;
    change();
    if (a && a.isConnected) {
      var moved = a.getBoundingClientRect().top - before;
      if (moved) window.scrollBy(0, moved);
    }
  }

  function atTop() {
    return list.getBoundingClientRect().top > -40;
  }

  function showButton() {
    if (!pending.length) {
      if (button) button.remove();
      button = null;
      return;
    }
    if (!button) {
      button = document.createElement('button');
      button.type = 'button';
      button.className = 'live-new-button';
      button.addEventListener('click', function () {
        insertPending();
        list.scrollIntoView({ block: 'start' });
      });
      slot.appendChild(button);
    }
    button.textContent = pending.length === 1 ? one : many.replace('{n}', String(pending.length));
  }

  function insertPending() {
    var items = pending;
    pending = [];
    keepPlace(function () {
      for (var i = 0; i < items.length; i++) {
        var el = parse(items[i].html);
        if (!el) continue;
        el.classList.add('is-new');
        list.insertBefore(el, list.firstElementChild);
      }
    });
    showButton();
  }

  // Every copy of an entry (the timeline's, and the pinned list's, which has no anchor).
  function copies(id) {
    return document.querySelectorAll('.live-entry[data-entry="' + id + '"]');
  }

  function replace(id, html) {
    var found = copies(id);
    keepPlace(function () {
      for (var i = 0; i < found.length; i++) {
        var el = parse(html);
        if (!el) continue;
        if (!found[i].id) {
          el.removeAttribute('id');
          el.removeAttribute('aria-labelledby');
          var t = el.querySelector('time[id]');
          if (t) t.removeAttribute('id');
        }
        found[i].replaceWith(el);
      }
    });
    return found.length > 0;
  }

  function onEntry(e) {
    var msg;
    try {
      msg = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    if (e.lastEventId) last = e.lastEventId;
    var id = String(msg.id);
    var queued = -1;
    for (var i = 0; i < pending.length; i++) if (String(pending[i].id) === id) queued = i;
    if (msg.kind === 'deleted') {
      if (queued >= 0) pending.splice(queued, 1);
      var gone = copies(id);
      keepPlace(function () {
        for (var j = 0; j < gone.length; j++) gone[j].remove();
      });
    } else if (queued >= 0) {
      pending[queued].html = msg.html;
    } else if (!replace(id, msg.html) && msg.kind === 'published') {
      pending.push({ id: msg.id, html: msg.html });
      if (atTop()) insertPending();
    }
    showButton();
  }

  function connect() {
    source = new EventSource(url + (url.indexOf('?') < 0 ? '?' : '&') + 'lastEventId=' + encodeURIComponent(last));
    source.addEventListener('entry', onEntry);
    source.addEventListener('open', function () {
      retry = RETRY_FIRST;
    });
    source.addEventListener('ended', function () {
      source.close();
      var label = document.querySelector('.live-label');
      if (label) label.remove();
    });
    source.addEventListener('error', function () {
      // EventSource retries by itself (with Last-Event-ID); when it gives up (the server answered an error, such
      // as 503 from a node holding all the streams it may), start again later from the last event seen.
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, retry / 2 + Math.random() * retry);
        retry = Math.min(retry * 2, 120000);
      }
    });
  }

  // Reading at the top again: what waited is shown.
  window.addEventListener('scroll', function () {
    if (pending.length && atTop()) insertPending();
  }, { passive: true });

  connect();
})();
