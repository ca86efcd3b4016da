/**
 * The live channel's player, in the player markup every video of the site
 * uses (docs/tv.md, docs/video.md): a figure that public/video.js turns into
 * the player on the reader's first play. Without JavaScript the poster is a
 * link to the stream itself, which players and most phones open.
 * Kept in this one component so the site's shared player can replace it.
 */
export function LivePlayer({ stream, label, caption }: { stream: string; label: string; caption?: string }) {
  return (
    <figure class="player player--live" data-player="" data-live="" data-hls={stream}>
      <a class="player__poster" href={stream}>
        <span class="player__play">{label}</span>
      </a>
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
