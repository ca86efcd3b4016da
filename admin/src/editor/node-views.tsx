import type { Editor, NodeViewRenderer } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { NodeSelection } from '@tiptap/pm/state';
import { render } from 'preact';
import { useMedia } from '../data.ts';
import { t } from '../i18n.ts';
import type { AtomName } from './schema.ts';
import { VideoCard } from '../components/video-picker.tsx';
import { ts } from '../i18n-subtitles.ts';

/**
 * The atoms (figure, quote, pull quote, embed) as cards inside the editor,
 * rendered by Preact into ProseMirror node views. The card is not editable
 * text: its buttons open the block's form, move it or remove it.
 */

export interface NodeViewContext {
  onEdit: (name: AtomName, pos: number) => void;
}

export function atomNodeViews(ctx: NodeViewContext): (name: AtomName) => NodeViewRenderer {
  return (name) => (props) => {
    const editor = props.editor as Editor;
    const getPos = props.getPos as () => number | undefined;
    let node = props.node as PMNode;
    const dom = document.createElement('div');
    dom.className = `atom atom--${name}`;
    dom.contentEditable = 'false';
    dom.setAttribute('data-block', name);

    const pos = () => getPos() ?? -1;
    const remove = () => {
      const p = pos();
      if (p < 0) return;
      editor.chain().focus().deleteRange({ from: p, to: p + node.nodeSize }).run();
    };
    const move = (dir: -1 | 1) => {
      const p = pos();
      if (p < 0) return;
      const { doc } = editor.state;
      const $p = doc.resolve(p);
      const index = $p.index();
      const parent = $p.parent;
      const target = index + dir;
      if (target < 0 || target >= parent.childCount) return;
      const other = parent.child(target);
      const tr = editor.state.tr.delete(p, p + node.nodeSize);
      const insertAt = dir < 0 ? p - other.nodeSize : p + other.nodeSize;
      tr.insert(insertAt, node);
      tr.setSelection(NodeSelection.create(tr.doc, insertAt));
      editor.view.dispatch(tr.scrollIntoView());
      editor.view.focus();
    };

    const draw = () =>
      render(
        <AtomCard name={name} attrs={node.attrs} onEdit={() => ctx.onEdit(name, pos())} onRemove={remove} onMove={move} />,
        dom,
      );
    draw();

    return {
      dom,
      update(next) {
        if (next.type !== node.type) return false;
        node = next;
        draw();
        return true;
      },
      selectNode() {
        dom.classList.add('is-selected');
      },
      deselectNode() {
        dom.classList.remove('is-selected');
      },
      // The card's own controls handle their events; ProseMirror handles the rest (selection, drag).
      stopEvent(event) {
        const target = event.target as Element | null;
        return !!target?.closest?.('button, a, input, textarea, select');
      },
      ignoreMutation() {
        return true;
      },
      destroy() {
        render(null, dom);
      },
    };
  };
}

function AtomCard(props: { name: AtomName; attrs: Record<string, any>; onEdit: () => void; onRemove: () => void; onMove: (dir: -1 | 1) => void }) {
  const kind = t.blocks.kinds[props.name] ?? (props.name === 'video' ? ts.video.blockTitle : props.name);
  return (
    <div class="atom__card" role="group" aria-label={kind}>
      <p class="atom__kind" aria-hidden="true">
        {kind}
      </p>
      <div class="atom__body">
        <AtomBody name={props.name} attrs={props.attrs} />
      </div>
      {props.name !== 'rawBlock' ? (
        <div class="atom__actions">
          <button type="button" class="btn btn--small" onClick={props.onEdit} aria-label={t.blocks.edit(kind)}>
            {t.blocks.editShort}
          </button>
          <button type="button" class="btn btn--small btn--quiet" onClick={() => props.onMove(-1)} aria-label={t.blocks.moveUp(kind)}>
            ↑
          </button>
          <button type="button" class="btn btn--small btn--quiet" onClick={() => props.onMove(1)} aria-label={t.blocks.moveDown(kind)}>
            ↓
          </button>
          <button type="button" class="btn btn--small btn--quiet" onClick={props.onRemove} aria-label={t.blocks.remove(kind)}>
            ✕
          </button>
        </div>
      ) : null}
    </div>
  );
}

function AtomBody(props: { name: AtomName; attrs: Record<string, any> }) {
  const a = props.attrs;
  switch (props.name) {
    case 'figure':
      return <FigureBody attrs={a} />;
    case 'quote':
      return (
        <>
          <blockquote class="atom__quote">{a.text}</blockquote>
          <p class="sub">
            — {a.speakerName}
            {a.speakerRole ? `, ${a.speakerRole}` : ''}
          </p>
        </>
      );
    case 'pullquote':
      return (
        <>
          <p class="atom__pullquote">{a.text}</p>
          {a.attribution ? <p class="sub">— {a.attribution}</p> : null}
        </>
      );
    case 'video':
      return (
        <>
          {typeof a.video === 'number' ? <VideoCard id={a.video} /> : null}
          {a.caption ? <p class="sub">{a.caption}</p> : null}
        </>
      );
    case 'embed':
      return (
        <>
          <p>{a.title || a.url}</p>
          <p class="sub">{a.url}</p>
          {a.caption ? <p class="sub">{a.caption}</p> : null}
        </>
      );
    default:
      return (
        <>
          <p class="sub">{t.blocks.rawBlock}</p>
          <pre class="atom__raw">{JSON.stringify(a.block, null, 1)}</pre>
        </>
      );
  }
}

function FigureBody(props: { attrs: Record<string, any> }) {
  const a = props.attrs;
  const media = useMedia(a.image);
  return (
    <div class="atom__figure">
      {/* The alternative text is shown beside the picture, so the thumbnail itself is not announced. */}
      {media ? <img src={media.url} alt="" /> : <p class="atom__placeholder">{t.blocks.imageN(a.image ?? '?')}</p>}
      <div>
        {a.alt ? <p>{a.alt}</p> : null}
        {a.caption ? <p class="sub">{a.caption}</p> : null}
        {a.credit ? <p class="sub">{a.credit}</p> : null}
        {a.archive ? <p class="tag">{t.blocks.archive}</p> : null}
        {!a.alt && !a.decorative ? <p class="warn">{t.blocks.missingAlt}</p> : null}
        {!a.credit ? <p class="warn">{t.blocks.missingCredit}</p> : null}
      </div>
    </div>
  );
}
