import { Extension, Node, type AnyExtension, type NodeViewRenderer } from '@tiptap/core';
import { ListItem } from '@tiptap/extension-list';
import { NodeSelection, Plugin, PluginKey } from '@tiptap/pm/state';
import { StarterKit } from '@tiptap/starter-kit';
import { ATOM_ATTRS, NODE } from '../blocks.ts';
import { isSafeHref as isServerSafeHref } from '../../../src/content/safe-href.ts';

/**
 * The block editor's schema: exactly our blocks. Paragraphs carry bold, italic
 * and link marks; headings are h2 only; lists hold one plain paragraph per
 * item; figures, quotes, pull quotes and embeds are atoms edited through forms.
 * Importable without a DOM (the unit tests build the schema from it).
 */

export type AtomName = 'figure' | 'quote' | 'pullquote' | 'embed' | 'video' | 'rawBlock';
export const ATOMS: readonly AtomName[] = [NODE.figure, NODE.quote, NODE.pullquote, NODE.embed, NODE.video, NODE.raw];

export interface EditorHooks {
  /** Renders an atom in the editor (editor/node-views.tsx); without it the atom is a plain div. */
  nodeView?: (name: AtomName) => NodeViewRenderer;
  /** Enter on a selected atom: open its form. */
  onEditAtom?: (name: AtomName, pos: number) => void;
  /** Mod-K: open the link form. */
  onLink?: () => void;
}

function atom(name: AtomName, hooks: EditorHooks) {
  const defaults = ATOM_ATTRS[name] as Record<string, unknown>;
  return Node.create({
    name,
    group: 'block',
    atom: true,
    selectable: true,
    draggable: true,
    isolating: true,
    addAttributes() {
      const attrs: Record<string, { default: unknown; rendered: false }> = {};
      for (const [k, v] of Object.entries(defaults)) attrs[k] = { default: v, rendered: false };
      return attrs;
    },
    // Copy and paste inside the editor keep the attributes as JSON on a div.
    parseHTML() {
      return [
        {
          tag: `div[data-block="${name}"]`,
          getAttrs: (el) => {
            try {
              return JSON.parse((el as HTMLElement).getAttribute('data-attrs') ?? '{}');
            } catch {
              return false;
            }
          },
        },
      ];
    },
    renderHTML({ node }) {
      return ['div', { 'data-block': name, 'data-attrs': JSON.stringify(node.attrs) }];
    },
    addNodeView() {
      return hooks.nodeView ? hooks.nodeView(name) : null;
    },
  });
}

/** Headings and list items are plain text in our blocks: marks typed or pasted there are removed. */
const PlainTextBlocks = Extension.create({
  name: 'plainTextBlocks',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('plainTextBlocks'),
        appendTransaction(transactions, _old, state) {
          if (!transactions.some((t) => t.docChanged)) return null;
          const tr = state.tr;
          state.doc.descendants((node, pos) => {
            if (node.type.name === 'heading' || node.type.name === 'listItem') {
              if (node.textContent && hasMarks(node)) tr.removeMark(pos, pos + node.nodeSize);
              return false;
            }
            return node.isBlock;
          });
          return tr.docChanged ? tr : null;
        },
      }),
    ];
  },
});

function hasMarks(node: import('@tiptap/pm/model').Node): boolean {
  let found = false;
  node.descendants((n) => {
    if (n.isText && n.marks.length) found = true;
    return !found;
  });
  return found;
}

/** Enter on a selected atom opens its form; Mod-K opens the link form. */
function blockKeys(hooks: EditorHooks) {
  return Extension.create({
    name: 'blockKeys',
    addKeyboardShortcuts() {
      return {
        Enter: ({ editor }) => {
          const sel = editor.state.selection;
          if (sel instanceof NodeSelection && (ATOMS as readonly string[]).includes(sel.node.type.name) && hooks.onEditAtom) {
            hooks.onEditAtom(sel.node.type.name as AtomName, sel.from);
            return true;
          }
          return false;
        },
        'Mod-k': () => {
          if (!hooks.onLink) return false;
          hooks.onLink();
          return true;
        },
      };
    },
  });
}

export function editorExtensions(hooks: EditorHooks = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      blockquote: false,
      code: false,
      codeBlock: false,
      hardBreak: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      listItem: false,
      heading: { levels: [2] },
      link: {
        openOnClick: false,
        autolink: false,
        linkOnPaste: true,
        protocols: ['mailto'],
        HTMLAttributes: { target: null, rel: null, class: null },
        // The same rule as the server: web, mail, or a site path.
        isAllowedUri: (url) => isSafeHref(url),
      },
    }),
    ListItem.extend({ content: 'paragraph' }),
    ...ATOMS.map((name) => atom(name, hooks)),
    PlainTextBlocks,
    blockKeys(hooks),
  ];
}

/** Links in body text: the server's own rule (src/content/safe-href.ts), so the form refuses what the API would. */
export function isSafeHref(v: string): boolean {
  return isServerSafeHref(v.trim()) && v.trim().length <= 2000;
}
