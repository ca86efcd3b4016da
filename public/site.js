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

  // Suggestions under the header's search box as one types.
  document.querySelectorAll('input[data-suggest]').forEach(function (input) {
    var form = input.form;
    var list = document.createElement('ul');
    var timer, asked, pending;
    list.id = input.id + '-list';
    list.className = 'search-suggestions';
    list.setAttribute('aria-label', input.getAttribute('data-suggest-label'));
    form.appendChild(list);
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-autocomplete', 'list');
    function show(items) {
      list.replaceChildren.apply(list, items.map(function (s) {
        var li = document.createElement('li');
        var a = li.appendChild(document.createElement('a'));
        a.href = s.path;
        a.textContent = s.label;
        return li;
      }));
      list.hidden = !items.length;
      if (!items.length) asked = '';
    }
    show([]);
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) return show([]);
      timer = setTimeout(function () {
        if (q === asked) return;
        asked = q;
        if (pending) pending.abort();
        pending = new AbortController();
        fetch(input.getAttribute('data-suggest') + '&q=' + encodeURIComponent(q), { signal: pending.signal })
          .then(function (r) { return r.json(); })
          .then(function (b) { if (input.value.trim() === q) show(b.suggestions || []); })
          .catch(function () {});
      }, 150);
    });
    form.addEventListener('keydown', function (e) {
      var links = [input].concat([].slice.call(list.querySelectorAll('a')));
      var i = links.indexOf(document.activeElement);
      var to = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : -1;
      if (e.key === 'Escape') show([]), input.focus();
      else if (links[to] && !list.hidden) e.preventDefault(), links[to].focus();
    });
    form.addEventListener('focusout', function (e) {
      if (!form.contains(e.relatedTarget)) show([]);
    });
  });
})();
