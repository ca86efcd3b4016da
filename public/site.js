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
})();
