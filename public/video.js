// The video player (docs/video-player.md). The server writes a poster that links to the MP4 (or the live stream),
// links to each subtitle file and the transcript: all of it works without this script. On the reader's first
// play this builds the player: a <video> with a <track> per subtitle file, the browser's own HLS where it has it,
// otherwise hls.js (our own copy, fetched only then), and controls a keyboard and a screen reader can use.
// Nothing but the poster loads before that.
(function () {
  'use strict';
  var HLS_TYPE = 'application/vnd.apple.mpegurl';
  var STEP = 5; // seconds, for the arrow keys
  var STORE = 'depeche.subtitles'; // the reader's last subtitles choice: a language, or "off"
  var hlsLoading = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function clock(s) {
    if (!isFinite(s) || s < 0) s = 0;
    s = Math.floor(s);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = h ? (m < 10 ? '0' + m : '' + m) : '' + m;
    return (h ? h + ':' : '') + mm + ':' + (r < 10 ? '0' + r : r);
  }

  // hls.js, once per page, from the fingerprinted URL the server gave (the same origin: no third party).
  function loadHls(src) {
    if (window.Hls) return Promise.resolve(window.Hls);
    if (!hlsLoading) {
      hlsLoading = new Promise(function (resolve, reject) {
        var s = el('script', { src: src, async: '' });
        s.onload = function () { window.Hls ? resolve(window.Hls) : reject(new Error('hls.js did not load')); };
        s.onerror = function () { hlsLoading = null; reject(new Error('hls.js did not load')); };
        document.head.appendChild(s);
      });
    }
    return hlsLoading;
  }

  function savedChoice() {
    try { return localStorage.getItem(STORE); } catch (e) { return null; }
  }
  function saveChoice(v) {
    try { localStorage.setItem(STORE, v); } catch (e) { /* private browsing: the choice lasts the page */ }
  }

  // The thumbnail sprite's WebVTT index: cues whose text is "sprite.jpg#xywh=x,y,w,h".
  function parseSprite(text, base) {
    var cues = [];
    var blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
    for (var i = 0; i < blocks.length; i++) {
      var m = /(\d+:)?(\d\d):(\d\d)\.(\d{3})\s*-->\s*(\d+:)?(\d\d):(\d\d)\.(\d{3})[^\n]*\n([^\n]+)/.exec(blocks[i]);
      if (!m) continue;
      var from = (parseInt(m[1] || '0', 10) * 3600) + parseInt(m[2], 10) * 60 + parseInt(m[3], 10) + parseInt(m[4], 10) / 1000;
      var to = (parseInt(m[5] || '0', 10) * 3600) + parseInt(m[6], 10) * 60 + parseInt(m[7], 10) + parseInt(m[8], 10) / 1000;
      var ref = m[9].trim().split('#xywh=');
      if (ref.length !== 2) continue;
      var xywh = ref[1].split(',').map(Number);
      cues.push({ from: from, to: to, url: new URL(ref[0], base).href, x: xywh[0], y: xywh[1], w: xywh[2], h: xywh[3] });
    }
    return cues;
  }

  function Player(fig) {
    this.fig = fig;
    this.labels = JSON.parse(fig.getAttribute('data-labels') || '{}');
    this.live = fig.hasAttribute('data-live');
    this.built = false;
    this.startAt = 0;
  }

  Player.prototype.build = function () {
    if (this.built) return;
    this.built = true;
    var self = this, fig = this.fig, L = this.labels;
    var stage = fig.querySelector('.player__stage');
    var poster = fig.querySelector('.player__poster img');
    var hls = fig.getAttribute('data-hls');
    var cross = false;
    try { cross = new URL(hls, location.href).origin !== location.origin; } catch (e) { cross = false; }

    var ui = el('div', { class: 'player__ui', role: 'region', 'aria-label': L.player, tabindex: '-1' });
    var video = el('video', { preload: 'none', playsinline: '', poster: poster ? poster.currentSrc || poster.src : undefined });
    // Subtitles from the media host are read across origins: the host sends CORS headers (docs/video-player.md).
    if (cross) video.crossOrigin = 'anonymous';
    var subs = fig.querySelectorAll('.player__subtitles a[hreflang]');
    var tracks = [];
    for (var i = 0; i < subs.length; i++) {
      var t = el('track', { kind: 'subtitles', src: subs[i].getAttribute('href'), srclang: subs[i].getAttribute('hreflang'), label: subs[i].getAttribute('data-label') || subs[i].textContent });
      video.appendChild(t);
      tracks.push({ lang: subs[i].getAttribute('hreflang'), label: subs[i].getAttribute('data-label') || subs[i].textContent });
    }
    this.video = video;
    this.tracks = tracks;

    var bar = el('div', { class: 'player__controls' });
    var play = el('button', { type: 'button', class: 'player__button player__toggle', 'aria-label': L.play });
    bar.appendChild(play);
    var seek = null, time = null, preview = null;
    if (!this.live) {
      var seekWrap = el('div', { class: 'player__seek' });
      seek = el('input', { type: 'range', min: '0', max: '0', step: 'any', value: '0', 'aria-label': L.seek, 'aria-valuetext': clock(0) });
      seekWrap.appendChild(seek);
      preview = el('div', { class: 'player__preview', hidden: '', 'aria-hidden': 'true' });
      seekWrap.appendChild(preview);
      bar.appendChild(seekWrap);
      time = el('span', { class: 'player__time', 'aria-label': L.time }, '0:00');
      bar.appendChild(time);
    } else {
      bar.appendChild(el('span', { class: 'player__live-badge' }, L.live));
    }
    var mute = el('button', { type: 'button', class: 'player__button player__mute', 'aria-label': L.mute });
    var volume = el('input', { type: 'range', class: 'player__volume', min: '0', max: '1', step: '0.05', value: '1', 'aria-label': L.volume });
    bar.appendChild(mute);
    bar.appendChild(volume);

    var menuButton = null, menu = null, items = [];
    if (tracks.length) {
      var menuWrap = el('div', { class: 'player__menu-wrap' });
      var menuId = 'player-menu-' + Math.random().toString(36).slice(2);
      menuButton = el('button', { type: 'button', class: 'player__button player__cc', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': menuId, 'aria-label': L.subtitles });
      menu = el('ul', { class: 'player__menu', role: 'menu', id: menuId, 'aria-label': L.subtitles, hidden: '' });
      var choices = [{ lang: 'off', label: L.subtitlesOff }].concat(tracks);
      choices.forEach(function (c) {
        var li = el('li', { role: 'none' });
        var b = el('button', { type: 'button', role: 'menuitemradio', 'aria-checked': 'false', 'data-lang': c.lang, tabindex: '-1' }, c.label);
        if (c.lang !== 'off') b.setAttribute('lang', c.lang);
        li.appendChild(b);
        menu.appendChild(li);
        items.push(b);
      });
      menuWrap.appendChild(menuButton);
      menuWrap.appendChild(menu);
      bar.appendChild(menuWrap);
    }
    var full = el('button', { type: 'button', class: 'player__button player__full', 'aria-label': L.fullscreen });
    if (ui.requestFullscreen || video.webkitEnterFullscreen) bar.appendChild(full);
    var status = el('p', { class: 'player__status', role: 'status' });

    ui.appendChild(video);
    ui.appendChild(bar);
    ui.appendChild(status);
    stage.replaceChildren(ui);
    fig.classList.add('is-built');
    this.ui = ui;

    // State to controls.
    function syncPlay() {
      var paused = video.paused;
      play.setAttribute('aria-label', paused ? L.play : L.pause);
      play.classList.toggle('is-playing', !paused);
    }
    function syncTime() {
      if (!seek) return;
      var d = isFinite(video.duration) ? video.duration : 0;
      if (seek.max !== String(d)) seek.max = String(d);
      if (!self.dragging) seek.value = String(video.currentTime);
      var text = clock(video.currentTime) + ' / ' + clock(d);
      time.textContent = text;
      seek.setAttribute('aria-valuetext', text);
    }
    function syncVolume() {
      var muted = video.muted || video.volume === 0;
      mute.setAttribute('aria-label', muted ? L.unmute : L.mute);
      mute.classList.toggle('is-muted', muted);
      volume.value = String(video.muted ? 0 : video.volume);
    }
    video.addEventListener('play', syncPlay);
    video.addEventListener('pause', syncPlay);
    video.addEventListener('ended', syncPlay);
    video.addEventListener('timeupdate', syncTime);
    video.addEventListener('durationchange', syncTime);
    video.addEventListener('loadedmetadata', function () {
      syncTime();
      if (self.startAt) { video.currentTime = self.startAt; self.startAt = 0; }
    });
    video.addEventListener('volumechange', syncVolume);
    video.addEventListener('click', function () { self.toggle(); });

    play.addEventListener('click', function () { self.toggle(); });
    mute.addEventListener('click', function () { video.muted = !video.muted; });
    volume.addEventListener('input', function () { video.volume = Number(volume.value); video.muted = video.volume === 0; });
    if (seek) {
      seek.addEventListener('input', function () { self.dragging = true; video.currentTime = Number(seek.value); syncTime(); });
      seek.addEventListener('change', function () { self.dragging = false; });
      this.sprite(seek, preview);
    }
    full.addEventListener('click', function () { self.fullscreen(); });
    document.addEventListener('fullscreenchange', function () {
      var on = document.fullscreenElement === ui;
      full.setAttribute('aria-label', on ? L.exitFullscreen : L.fullscreen);
      full.classList.toggle('is-full', on);
    });

    if (menu) {
      this.menu = { button: menuButton, list: menu, items: items };
      menuButton.addEventListener('click', function () { self.openMenu(menu.hidden); });
      items.forEach(function (b, i) {
        b.addEventListener('click', function () {
          self.subtitles(b.getAttribute('data-lang'), true);
          self.openMenu(false);
          menuButton.focus();
        });
        b.addEventListener('keydown', function (ev) {
          var k = ev.key;
          if (k === 'ArrowDown' || k === 'ArrowUp') {
            ev.preventDefault();
            items[(i + (k === 'ArrowDown' ? 1 : items.length - 1)) % items.length].focus();
          } else if (k === 'Home' || k === 'End') {
            ev.preventDefault();
            items[k === 'Home' ? 0 : items.length - 1].focus();
          } else if (k === 'Escape' || k === 'Tab') {
            self.openMenu(false);
            if (k === 'Escape') { ev.preventDefault(); menuButton.focus(); }
          }
          ev.stopPropagation();
        });
      });
      document.addEventListener('click', function (ev) {
        if (!menu.hidden && !menu.parentNode.contains(ev.target)) self.openMenu(false);
      });
      // The tracks' modes are only settled once the browser parsed them: apply the choice when it has.
      var saved = savedChoice();
      this.subtitles(saved && (saved === 'off' || tracks.some(function (t) { return t.lang === saved; })) ? saved : 'off', false);
    }

    ui.addEventListener('keydown', function (ev) { self.key(ev); });
    // The browser's own HLS (or the MP4) failed: the MP4 when that was not it, else the reader is told.
    video.addEventListener('error', function () {
      if (fig.getAttribute('data-engine') === 'native' && fig.getAttribute('data-mp4')) self.fallback();
      else if (!self.hls) self.failed();
    });
    syncPlay();
    syncVolume();
  };

  // Keyboard control while focus is in the player: space/k play or pause, arrows seek 5 s, m mute, f full screen, c subtitles.
  Player.prototype.key = function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target, k = ev.key, video = this.video;
    var onButton = t && t.tagName === 'BUTTON';
    var onRange = t && t.tagName === 'INPUT';
    if ((k === ' ' || k === 'Spacebar') && !onButton) { ev.preventDefault(); this.toggle(); }
    else if (k === 'k' || k === 'K') { ev.preventDefault(); this.toggle(); }
    else if ((k === 'ArrowLeft' || k === 'ArrowRight') && !this.live && !(onRange && t.classList.contains('player__volume'))) {
      ev.preventDefault();
      var d = isFinite(video.duration) ? video.duration : Infinity;
      video.currentTime = Math.max(0, Math.min(d, video.currentTime + (k === 'ArrowRight' ? STEP : -STEP)));
    }
    else if (k === 'm' || k === 'M') { ev.preventDefault(); video.muted = !video.muted; }
    else if (k === 'f' || k === 'F') { ev.preventDefault(); this.fullscreen(); }
    else if ((k === 'c' || k === 'C') && this.menu) {
      ev.preventDefault();
      // Cycles off → each language → off.
      var order = ['off'].concat(this.tracks.map(function (x) { return x.lang; }));
      this.subtitles(order[(order.indexOf(this.current || 'off') + 1) % order.length], true);
    }
  };

  Player.prototype.toggle = function () {
    var v = this.video;
    if (v.paused || v.ended) this.play();
    else v.pause();
  };

  Player.prototype.play = function () {
    var self = this;
    return this.attach().then(function () {
      var p = self.video.play();
      if (p && p.catch) p.catch(function () { /* refused autoplay: the reader presses play again */ });
    });
  };

  // Chooses the engine on the first play: the browser's own HLS, hls.js, or the MP4.
  Player.prototype.attach = function () {
    if (this.attaching) return this.attaching;
    var self = this, fig = this.fig, video = this.video;
    var hls = fig.getAttribute('data-hls'), mp4 = fig.getAttribute('data-mp4'), lib = fig.getAttribute('data-hlsjs');
    function engine(name) { fig.setAttribute('data-engine', name); }
    if (video.canPlayType(HLS_TYPE)) {
      engine('native');
      video.src = hls;
      this.attaching = Promise.resolve();
    } else if (lib && window.MediaSource) {
      engine('hls.js');
      this.attaching = loadHls(lib).then(function (Hls) {
        if (!Hls.isSupported()) throw new Error('no MSE');
        var h = new Hls({ capLevelToPlayerSize: true, startPosition: self.startAt || -1 });
        self.hls = h;
        h.on(Hls.Events.ERROR, function (_e, data) {
          if (!data.fatal) return;
          if (data.type === Hls.ErrorTypes.NETWORK_ERROR && !self.retried) { self.retried = true; h.startLoad(); return; }
          h.destroy();
          self.hls = null;
          self.fallback();
        });
        h.loadSource(hls);
        h.attachMedia(video);
      }).catch(function () { self.fallback(); });
    } else {
      this.fallback();
      this.attaching = Promise.resolve();
    }
    return this.attaching;
  };

  // hls.js could not play (no MediaSource, a fatal error): the MP4, which any browser plays.
  Player.prototype.fallback = function () {
    var mp4 = this.fig.getAttribute('data-mp4');
    if (!mp4) return this.failed();
    this.fig.setAttribute('data-engine', 'mp4');
    this.video.src = mp4;
    var p = this.video.play();
    if (p && p.catch) p.catch(function () {});
  };

  Player.prototype.failed = function () {
    var s = this.ui && this.ui.querySelector('.player__status');
    if (s) s.textContent = this.labels.failed;
  };

  Player.prototype.fullscreen = function () {
    var ui = this.ui, v = this.video;
    if (document.fullscreenElement) document.exitFullscreen();
    else if (ui.requestFullscreen) ui.requestFullscreen().catch(function () {});
    else if (v.webkitEnterFullscreen) v.webkitEnterFullscreen();
  };

  Player.prototype.openMenu = function (open) {
    var m = this.menu;
    m.list.hidden = !open;
    m.button.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) {
      var checked = m.list.querySelector('[aria-checked="true"]') || m.items[0];
      checked.focus();
    }
  };

  // Shows one language's track (or none) and marks it in the menu; `remember` keeps the choice for the next videos.
  Player.prototype.subtitles = function (lang, remember) {
    this.current = lang;
    var list = this.video.textTracks;
    for (var i = 0; i < list.length; i++) list[i].mode = list[i].language === lang ? 'showing' : 'disabled';
    if (this.menu) {
      this.menu.items.forEach(function (b) { b.setAttribute('aria-checked', b.getAttribute('data-lang') === lang ? 'true' : 'false'); });
      this.menu.button.classList.toggle('is-on', lang !== 'off');
    }
    if (remember) saveChoice(lang);
  };

  // The thumbnail under the pointer while it moves over the seek bar, from the sprite, fetched the first time.
  Player.prototype.sprite = function (seek, preview) {
    var url = this.fig.getAttribute('data-sprite-vtt');
    if (!url || !window.fetch) return;
    var self = this, cues = null, loading = false;
    seek.addEventListener('pointermove', function (ev) {
      if (!cues) {
        if (!loading) {
          loading = true;
          fetch(url, { credentials: 'omit' }).then(function (r) { return r.ok ? r.text() : ''; }).then(function (t) { cues = parseSprite(t, new URL(url, location.href).href); }).catch(function () { cues = []; });
        }
        return;
      }
      var r = seek.getBoundingClientRect();
      var d = self.video.duration;
      if (!isFinite(d) || !r.width) return;
      var at = Math.max(0, Math.min(1, (ev.clientX - r.left) / r.width)) * d;
      var cue = null;
      for (var i = 0; i < cues.length; i++) if (at >= cues[i].from && at < cues[i].to) { cue = cues[i]; break; }
      if (!cue) { preview.hidden = true; return; }
      preview.style.width = cue.w + 'px';
      preview.style.height = cue.h + 'px';
      preview.style.backgroundImage = 'url("' + cue.url.replace(/"/g, '%22') + '")';
      preview.style.backgroundPosition = -cue.x + 'px ' + -cue.y + 'px';
      preview.style.left = Math.max(0, Math.min(r.width - cue.w, ev.clientX - r.left - cue.w / 2)) + 'px';
      preview.hidden = false;
    });
    seek.addEventListener('pointerleave', function () { preview.hidden = true; });
  };

  function start(player, at) {
    if (at) player.startAt = at;
    var first = !player.built;
    player.build();
    if (!first && at) player.video.currentTime = at;
    player.play();
    // The keyboard's focus moves into the player it started, on its play button.
    var b = player.ui.querySelector('.player__toggle');
    if (b && first) b.focus();
  }

  function playerOf(fig) {
    if (!fig.__player) fig.__player = new Player(fig);
    return fig.__player;
  }

  var players = [];
  var figs = document.querySelectorAll('[data-player]');
  for (var i = 0; i < figs.length; i++) players.push(playerOf(figs[i]));

  // The poster starts its player: listened to on the document, so that players put on the page later (a live's
  // entries arriving by its event stream) start as well as those it was served with.
  document.addEventListener('click', function (ev) {
    var link = ev.target && ev.target.closest && ev.target.closest('.player__poster');
    var fig = link && link.closest('[data-player]');
    if (!fig || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) return; // opening the file in a new tab stays possible
    ev.preventDefault();
    start(playerOf(fig), 0);
  });

  // Chapter links: seek the player they name (building it if needed); the href (the MP4 at that time) is for readers without this script.
  document.addEventListener('click', function (ev) {
    var a = ev.target && ev.target.closest && ev.target.closest('a[data-seek]');
    if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    var box = document.getElementById(a.getAttribute('data-player-ref') || '');
    var fig = box && (box.matches('[data-player]') ? box : box.querySelector('[data-player]'));
    if (!fig || !fig.__player) return;
    ev.preventDefault();
    start(fig.__player, Number(a.getAttribute('data-seek')) || 0);
    fig.scrollIntoView({ block: 'nearest' });
  });

  // A link to a time in a video (?t=65, as chapter clips in search results give it) starts the page's first player there.
  var t = Number(new URLSearchParams(location.search).get('t'));
  if (players.length && t > 0) players[0].startAt = t;
})();
