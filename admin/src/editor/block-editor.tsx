import { Editor } from '@tiptap/core';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ATOM_ATTRS, blocksToDoc, docToBlocks, type Block } from '../blocks.ts';
import { Dialog } from '../components/dialog.tsx';
import { useUniqueId } from '../components/ui.tsx';
import { t } from '../i18n.ts';
import { EmbedForm, FigureForm, LinkForm, PullquoteForm, QuoteForm, VideoForm, type AtomFormProps } from './forms.tsx';
import { ts } from '../i18n-subtitles.ts';
import { atomNodeViews } from './node-views.tsx';
import { editorExtensions, type AtomName } from './schema.ts';

/**
 * The article body editor: Tiptap over ProseMirror, with a document that maps
 * one to one onto our blocks (blocks.ts). Text is typed in place; figures,
 * quotes, pull quotes and embeds are cards edited through small forms.
 */
export interface BlockEditorProps {
  /** The blocks to show; read at mount and whenever `resetKey` changes. */
  blocks: Block[];
  resetKey: number;
  onChange: (blocks: Block[]) => void;
  /** Id of the visible label of the editor. */
  labelId: string;
  /** The language of the text (the edition's), for spelling and screen readers. */
  lang?: string;
}

type FormState = { kind: 'atom'; name: AtomName; pos: number | null; attrs: Record<string, any> } | { kind: 'link'; href: string; hasLink: boolean } | null;

const FORMS: Record<string, (p: AtomFormProps) => preact.JSX.Element> = {
  figure: FigureForm,
  quote: QuoteForm,
  pullquote: PullquoteForm,
  embed: EmbedForm,
  video: VideoForm,
};

export function BlockEditor(props: BlockEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const [, setTick] = useState(0);
  const [form, setForm] = useState<FormState>(null);
  const firstReset = useRef(props.resetKey);
  const id = useUniqueId('e');
  const helpId = `${id}-help`;

  const openLink = () => {
    const ed = editorRef.current;
    if (!ed) return;
    const href = (ed.getAttributes('link').href as string | undefined) ?? '';
    setForm({ kind: 'link', href, hasLink: !!href });
  };

  useEffect(() => {
    const editor = new Editor({
      element: host.current!,
      extensions: editorExtensions({
        nodeView: atomNodeViews({
          onEdit: (name, pos) => {
            const node = editor.state.doc.nodeAt(pos);
            if (node) setForm({ kind: 'atom', name, pos, attrs: { ...node.attrs } });
          },
        }),
        onEditAtom: (name, pos) => {
          const node = editor.state.doc.nodeAt(pos);
          if (node) setForm({ kind: 'atom', name, pos, attrs: { ...node.attrs } });
        },
        onLink: openLink,
      }),
      content: blocksToDoc(props.blocks),
      // The page's CSP forbids inline styles: the editor's CSS is in styles.css.
      injectCSS: false,
      editorProps: {
        attributes: {
          id,
          class: 'prose-editor',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': props.labelId,
          'aria-describedby': helpId,
          spellcheck: 'true',
          // The text's language is the edition's, not the admin's: spelling is checked in it.
          lang: props.lang || 'fr',
        },
      },
      onUpdate: ({ editor }) => onChange.current(docToBlocks(editor.getJSON() as any)),
      onTransaction: () => setTick((n) => n + 1),
    });
    editorRef.current = editor;
    setTick((n) => n + 1);
    return () => {
      editor.destroy();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (props.resetKey === firstReset.current) return;
    editorRef.current?.commands.setContent(blocksToDoc(props.blocks) as any, { emitUpdate: false });
  }, [props.resetKey]);

  const ed = editorRef.current;
  const inPlainBlock = !!ed && (ed.isActive('heading') || ed.isActive('listItem'));

  /** What to do to the document once the form's dialog has closed (and given focus back): then the editor takes focus. */
  const afterClose = useRef<(() => void) | null>(null);
  const closeForm = (then?: () => void) => {
    afterClose.current = then ?? null;
    setForm(null);
  };
  const onDialogClosed = () => {
    const run = afterClose.current;
    afterClose.current = null;
    setForm(null);
    run?.();
  };

  const submitAtom = (attrs: Record<string, any>) => {
    if (!ed || form?.kind !== 'atom') return;
    const { name, pos } = form;
    closeForm(() => applyAtom(name, pos, attrs));
  };

  const applyAtom = (name: AtomName, pos: number | null, attrs: Record<string, any>) => {
    if (!ed) return;
    if (pos === null) {
      // A new block never replaces a selected one: it goes after it.
      const sel = ed.state.selection;
      const content = { type: name, attrs };
      const chain = sel instanceof NodeSelection ? ed.chain().focus().insertContentAt(sel.to, content) : ed.chain().focus().insertContent(content);
      // Then the cursor goes into the paragraph after the new block (made if there is none), so typing never replaces it.
      chain
        .command(({ tr }) => {
          const at = tr.selection instanceof NodeSelection ? tr.selection.to : tr.selection.$from.after(1);
          const next = tr.doc.resolve(at).nodeAfter;
          if (!next || !next.isTextblock) tr.insert(at, ed.schema.nodes.paragraph.create());
          tr.setSelection(TextSelection.create(tr.doc, at + 1));
          return true;
        })
        .run();
    } else {
      ed.chain()
        .focus()
        .command(({ tr }) => {
          tr.setNodeMarkup(pos, undefined, attrs);
          return true;
        })
        .setNodeSelection(pos)
        .run();
    }
  };

  const newAtom = (name: AtomName) => setForm({ kind: 'atom', name, pos: null, attrs: { ...ATOM_ATTRS[name] } });

  const s = t.blocks.short;
  const buttons: ToolButton[] = ed
    ? [
        { label: t.blocks.bold, text: s.bold, keys: 'Control+B', active: ed.isActive('bold'), disabled: inPlainBlock, run: () => ed.chain().focus().toggleBold().run(), cls: 'tb-bold' },
        { label: t.blocks.italic, text: s.italic, keys: 'Control+I', active: ed.isActive('italic'), disabled: inPlainBlock, run: () => ed.chain().focus().toggleItalic().run(), cls: 'tb-italic' },
        { label: t.blocks.link, text: s.link, keys: 'Control+K', active: ed.isActive('link'), disabled: inPlainBlock, run: openLink },
        { sep: true },
        { label: t.blocks.paragraph, text: s.paragraph, active: ed.isActive('paragraph') && !ed.isActive('listItem'), run: () => ed.chain().focus().setParagraph().run() },
        { label: t.blocks.heading, text: s.heading, active: ed.isActive('heading'), run: () => ed.chain().focus().toggleHeading({ level: 2 }).run() },
        { label: t.blocks.bulletList, text: s.bulletList, active: ed.isActive('bulletList'), run: () => ed.chain().focus().toggleBulletList().run() },
        { label: t.blocks.orderedList, text: s.orderedList, active: ed.isActive('orderedList'), run: () => ed.chain().focus().toggleOrderedList().run() },
        { sep: true },
        { label: t.blocks.figure, text: s.figure, run: () => newAtom('figure') },
        { label: t.blocks.quote, text: s.quote, run: () => newAtom('quote') },
        { label: t.blocks.pullquote, text: s.pullquote, run: () => newAtom('pullquote') },
        { label: t.blocks.embed, text: s.embed, run: () => newAtom('embed') },
        { label: ts.video.blockLabel, text: ts.video.blockButton, run: () => newAtom('video') },
        { sep: true },
        { label: t.blocks.undo, text: s.undo, keys: 'Control+Z', disabled: !ed.can().undo(), run: () => ed.chain().focus().undo().run() },
        { label: t.blocks.redo, text: s.redo, keys: 'Control+Shift+Z', disabled: !ed.can().redo(), run: () => ed.chain().focus().redo().run() },
      ]
    : [];

  const FormView = form?.kind === 'atom' ? FORMS[form.name] : null;
  const formTitle =
    form?.kind === 'link'
      ? t.blocks.linkTitle
      : form?.kind === 'atom'
        ? ({ figure: t.blocks.figureTitle, quote: t.blocks.quoteTitle, pullquote: t.blocks.pullquoteTitle, embed: t.blocks.embedTitle, video: ts.video.blockTitle } as Record<string, string>)[form.name] ?? ''
        : '';

  return (
    <div class="block-editor">
      <Toolbar buttons={buttons} controls={id} />
      <div ref={host} class="block-editor__host" />
      <p id={helpId} class="hint">
        {t.blocks.help}
      </p>
      <Dialog title={formTitle} open={!!form} wide={form?.kind === 'atom' && (form.name === 'figure' || form.name === 'video')} onClose={onDialogClosed}>
        {form?.kind === 'atom' && FormView ? <FormView attrs={form.attrs} isNew={form.pos === null} onSubmit={submitAtom} /> : null}
        {form?.kind === 'link' ? (
          <LinkForm
            href={form.href}
            onSubmit={(href) =>
              closeForm(() => {
                if (!ed) return;
                if (ed.state.selection.empty && !ed.isActive('link')) {
                  // No text selected: the address itself becomes the linked text, and typing goes on unlinked.
                  ed.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).unsetMark('link').run();
                } else {
                  ed.chain().focus().extendMarkRange('link').setLink({ href }).run();
                }
              })
            }
            onRemove={form.hasLink ? () => closeForm(() => ed?.chain().focus().extendMarkRange('link').unsetLink().run()) : null}
          />
        ) : null}
      </Dialog>
    </div>
  );
}

type ToolButton = { sep: true } | { sep?: false; label: string; text: string; keys?: string; active?: boolean; disabled?: boolean; run: () => void; cls?: string };

/** A toolbar as ARIA describes it: one tab stop, arrow keys move between buttons. */
function Toolbar(props: { buttons: ToolButton[]; controls: string }) {
  const [current, setCurrent] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const all = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % all.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + all.length) % all.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = all.length - 1;
    if (next < 0) return;
    e.preventDefault();
    setCurrent(next);
    all[next].focus();
  };
  let n = -1;
  return (
    <div role="toolbar" aria-label={t.blocks.toolbar} aria-controls={props.controls} class="toolbar" ref={ref} onKeyDown={onKeyDown}>
      {props.buttons.map((b, i) => {
        if (b.sep) return <span key={i} class="toolbar__sep" aria-hidden="true" />;
        n++;
        const index = n;
        const toggle = b.active !== undefined;
        return (
          <button
            key={i}
            type="button"
            class={`tb${b.active ? ' tb--active' : ''}${b.cls ? ` ${b.cls}` : ''}`}
            tabIndex={index === current ? 0 : -1}
            aria-label={b.label}
            aria-pressed={toggle ? (b.active ? 'true' : 'false') : undefined}
            aria-keyshortcuts={b.keys}
            aria-disabled={b.disabled ? 'true' : undefined}
            // Keep the text selection in the editor when the button is clicked.
            onMouseDown={(e) => e.preventDefault()}
            onFocus={() => setCurrent(index)}
            onClick={() => {
              if (!b.disabled) b.run();
            }}
          >
            {b.text}
          </button>
        );
      })}
    </div>
  );
}
