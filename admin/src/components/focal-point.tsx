import { focalT } from '../i18n-focal.ts';
import { announce } from './ui.tsx';

export interface FocalValue {
  x: number | null;
  y: number | null;
}

/** A coordinate inside the picture, to the whole percent the marker's label says. */
const clamp = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 100) / 100;
const percent = (v: number | null) => Math.round((v ?? 0.5) * 100);
/** What the reader's pages do with the point: the nearest quarter (site.css fx0–fx4, fy0–fy4). */
const quarter = (v: number | null) => `${Math.round((v ?? 0.5) * 4) * 25}%`;

/** Arrow keys move the marker by 5 %, by a quarter with Shift (the reader's own steps). */
const MOVES: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * The focal point picker of the picture editor: a click on the picture puts the
 * point there; the marker on it is a button that the arrow keys move; below,
 * the picture cropped to 16:9 (the reader's cards) and 1:1 around the point as
 * the site will crop it.
 */
export function FocalPointPicker(props: { src: string; width: number; height: number; value: FocalValue; onChange: (v: FocalValue) => void }) {
  const w = focalT();
  const { x, y } = props.value;
  const set = (nx: number, ny: number, say: boolean) => {
    const next = { x: clamp(nx), y: clamp(ny) };
    props.onChange(next);
    if (say) announce(w.moved(percent(next.x), percent(next.y)));
  };
  const click = (e: MouseEvent) => {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    if (!box.width || !box.height) return;
    set((e.clientX - box.left) / box.width, (e.clientY - box.top) / box.height, true);
  };
  const key = (e: KeyboardEvent) => {
    const move = MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    const step = e.shiftKey ? 0.25 : 0.05;
    set((x ?? 0.5) + move[0] * step, (y ?? 0.5) + move[1] * step, true);
  };
  const position = `${quarter(x)} ${quarter(y)}`;
  const centred = x == null && y == null;
  return (
    <fieldset class="focal">
      <legend>{w.legend}</legend>
      <p class="field__hint" id="focal-hint">
        {w.hint}
      </p>
      <div class="focal__frame" onClick={click} data-testid="focal-frame">
        <img src={props.src} width={props.width} height={props.height} alt="" draggable={false} />
        <button
          type="button"
          class="focal__marker"
          style={{ left: `${percent(x)}%`, top: `${percent(y)}%` }}
          aria-label={centred ? w.centre : w.marker(percent(x), percent(y))}
          aria-describedby="focal-hint"
          onKeyDown={key}
          onClick={(e) => e.stopPropagation()}
        />
      </div>
      <p>
        <button
          type="button"
          class="btn"
          disabled={centred}
          onClick={() => {
            props.onChange({ x: null, y: null });
            announce(w.wasReset);
          }}
        >
          {w.reset}
        </button>
      </p>
      <div class="focal__previews" role="group" aria-label={w.previews}>
        <figure>
          <img class="focal__crop focal__crop--wide" src={props.src} alt="" style={{ objectPosition: position }} data-testid="focal-wide" />
          <figcaption>{w.wide}</figcaption>
        </figure>
        <figure>
          <img class="focal__crop focal__crop--square" src={props.src} alt="" style={{ objectPosition: position }} data-testid="focal-square" />
          <figcaption>{w.square}</figcaption>
        </figure>
      </div>
    </fieldset>
  );
}
