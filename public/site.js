// Progressive enhancement for reader pages: everything works without it.
(function () {
  'use strict';

  function status(box, text) {
    var s = box.querySelector('.share-status');
    if (s) s.textContent = text;
  }

  document.querySelectorAll('.share').forEach(function (box) {
    var url = box.getAttribute('data-share-url');
    var title = box.getAttribute('data-share-title');
    var copy = box.querySelector('.share-copy');
    if (copy && navigator.clipboard && window.isSecureContext !== false) {
      copy.hidden = false;
      copy.addEventListener('click', function () {
        navigator.clipboard.writeText(url).then(
          function () {
            copy.classList.add('done');
            status(box, copy.getAttribute('data-copied'));
          },
          function () {
            status(box, url);
          }
        );
      });
    }
    var native = box.querySelector('.share-native');
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener('click', function () {
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }
  });

  // Video embeds stay links until the reader asks: no third-party request before that.
  document.querySelectorAll('.embed-frame').forEach(function (frame) {
    var button = frame.querySelector('.embed-load');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var iframe = document.createElement('iframe');
      iframe.src = frame.getAttribute('data-player');
      iframe.title = frame.getAttribute('data-title') || '';
      iframe.allow = 'autoplay; fullscreen; picture-in-picture';
      iframe.setAttribute('allowfullscreen', '');
      iframe.loading = 'lazy';
      frame.replaceChildren(iframe);
      iframe.focus();
    });
  });

  // Suggestions as one types in the header's search box; without them the box is a plain form.
  document.querySelectorAll('input[data-suggest]').forEach(function (input) {
    var form = input.form;
    var list = document.createElement('ul');
    list.id = input.id + '-suggestions';
    list.className = 'search-suggestions';
    list.hidden = true;
    list.setAttribute('aria-label', input.getAttribute('data-suggest-label') || '');
    form.appendChild(list);
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-autocomplete', 'list');
    var timer = 0;
    var asked = '';
    var pending = null;
    function close() {
      list.hidden = true;
      asked = '';
      input.setAttribute('aria-expanded', 'false');
    }
    function show(items) {
      list.replaceChildren();
      items.forEach(function (s) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = s.path;
        a.textContent = s.label;
        a.className = 'suggestion-' + s.kind;
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', String(items.length > 0));
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) return close();
      timer = setTimeout(function () {
        if (q === asked) return;
        asked = q;
        if (pending) pending.abort();
        pending = new AbortController();
        fetch(input.getAttribute('data-suggest') + '&q=' + encodeURIComponent(q), { signal: pending.signal, headers: { accept: 'application/json' } })
          .then(function (r) {
            return r.ok ? r.json() : { suggestions: [] };
          })
          .then(function (body) {
            if (input.value.trim() === q) show(body.suggestions || []);
          })
          .catch(function () {});
      }, 150);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && !list.hidden) {
        e.preventDefault();
        var first = list.querySelector('a');
        if (first) first.focus();
      } else if (e.key === 'Escape') close();
    });
    list.addEventListener('keydown', function (e) {
      var links = Array.prototype.slice.call(list.querySelectorAll('a'));
      var i = links.indexOf(document.activeElement);
      if (e.key === 'ArrowDown' && i < links.length - 1) {
        e.preventDefault();
        links[i + 1].focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        (i > 0 ? links[i - 1] : input).focus();
      } else if (e.key === 'Escape') {
        close();
        input.focus();
      }
    });
    form.addEventListener('focusout', function (e) {
      if (!form.contains(e.relatedTarget)) close();
    });
  });
})();
