import { Tokenizer } from 'htmlparser2';

/**
 * A linear walk over untrusted HTML: htmlparser2's tokenizer, with our own
 * element stack. htmlparser2's Parser keeps its open elements with
 * Array.unshift/indexOf, so each open or stray close tag costs the current
 * depth: 200,000 nested <div> took 18 s. Here every open element is pushed
 * once and popped once, and a close tag finds its element through a count per
 * name, so the walk costs the length of the input whatever the nesting.
 *
 * Past `maxDepth` open elements, further tags are not followed: their text
 * still reaches the handler (the content is flattened to text, never lost) and
 * `flattened` counts them so the caller can report it. Elements named in
 * `followAtAnyDepth` (script, style and the like, whose content the handler
 * drops) are announced at any depth.
 */

export interface WalkHandler {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text(t: string): void;
}

export interface WalkOptions {
  maxDepth: number;
  followAtAnyDepth?: ReadonlySet<string>;
}

/** How deep conversions of wire copy and migrated posts follow markup; deeper tags are flattened to text and reported. */
export const MAX_HTML_DEPTH = 64;

/** Characters converted between two yields to the event loop in the asynchronous walk. */
export const WALK_SLICE = 64 * 1024;

const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const BLOCK = ['address', 'article', 'aside', 'blockquote', 'div', 'dl', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul'];
/** Opening the key closes the element on top of the stack when it is one of these (a subset of HTML's implied end tags). */
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ...BLOCK.map((b) => [b, new Set(/^h[1-6]$/.test(b) ? ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'] : ['p'])] as [string, ReadonlySet<string>]),
  ['li', new Set(['li'])],
  ['dt', new Set(['dt', 'dd'])],
  ['dd', new Set(['dt', 'dd'])],
  ['tr', new Set(['tr', 'td', 'th'])],
  ['td', new Set(['td', 'th'])],
  ['th', new Set(['td', 'th'])],
  ['option', new Set(['option'])],
]);

interface Excess {
  name: string;
  followed: boolean;
}

export class HtmlWalk {
  /** Tags not followed because they sat deeper than maxDepth. */
  flattened = 0;
  private readonly stack: string[] = [];
  private readonly open = new Map<string, number>();
  /** Elements opened past maxDepth; they sit above the whole stack. */
  private readonly excess: Excess[] = [];
  private readonly excessOpen = new Map<string, number>();
  private readonly tokenizer: Tokenizer;
  private tag = '';
  private attrs: Record<string, string> = {};
  private attrName = '';
  private attrValue = '';
  private pos = 0;

  constructor(
    private readonly html: string,
    private readonly handler: WalkHandler,
    private readonly opts: WalkOptions,
  ) {
    const src = html;
    this.tokenizer = new Tokenizer(
      { decodeEntities: true, recognizeSelfClosing: true },
      {
        ontext: (s, e) => handler.text(src.slice(s, e)),
        ontextentity: (cp) => handler.text(String.fromCodePoint(cp)),
        onopentagname: (s, e) => {
          this.tag = src.slice(s, e).toLowerCase();
          this.attrs = {};
        },
        onattribname: (s, e) => {
          this.attrName = src.slice(s, e).toLowerCase();
          this.attrValue = '';
        },
        onattribdata: (s, e) => {
          this.attrValue += src.slice(s, e);
        },
        onattribentity: (cp) => {
          this.attrValue += String.fromCodePoint(cp);
        },
        onattribend: () => {
          if (!Object.hasOwn(this.attrs, this.attrName)) this.attrs[this.attrName] = this.attrValue;
          this.attrValue = '';
        },
        onopentagend: () => this.startTag(false),
        onselfclosingtag: () => this.startTag(true),
        onclosetag: (s, e) => this.endTag(src.slice(s, e).toLowerCase()),
        oncdata: () => {},
        oncomment: () => {},
        ondeclaration: () => {},
        onprocessinginstruction: () => {},
        onend: () => {
          this.popExcess();
          while (this.stack.length) this.pop();
        },
      },
    );
  }

  /** Feeds up to `chars` more characters; false once the whole input has been walked. */
  step(chars: number): boolean {
    if (this.pos >= this.html.length) return false;
    const next = Math.min(this.html.length, this.pos + chars);
    this.tokenizer.write(this.html.slice(this.pos, next));
    this.pos = next;
    if (this.pos >= this.html.length) this.tokenizer.end();
    return this.pos < this.html.length;
  }

  /** Walks the whole input now. */
  run(): void {
    while (this.step(Number.MAX_SAFE_INTEGER));
  }

  /** Walks the input a slice at a time, letting the event loop answer other requests between slices. */
  async runYielding(slice = WALK_SLICE): Promise<void> {
    while (this.step(slice)) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  get depth(): number {
    return this.stack.length;
  }

  private startTag(selfClosing: boolean): void {
    const name = this.tag;
    const attrs = this.attrs;
    if (!this.excess.length) {
      const closes = IMPLIES_CLOSE.get(name);
      while (closes && this.stack.length && closes.has(this.stack[this.stack.length - 1])) this.pop();
    }
    const isVoid = VOID.has(name) || selfClosing;
    if (this.excess.length || this.stack.length >= this.opts.maxDepth) {
      const followed = !!this.opts.followAtAnyDepth?.has(name);
      if (followed) this.handler.open(name, attrs);
      else this.flattened++;
      if (isVoid) {
        if (followed) this.handler.close(name);
        return;
      }
      this.excess.push({ name, followed });
      this.excessOpen.set(name, (this.excessOpen.get(name) ?? 0) + 1);
      return;
    }
    this.handler.open(name, attrs);
    if (isVoid) {
      this.handler.close(name);
      return;
    }
    this.stack.push(name);
    this.open.set(name, (this.open.get(name) ?? 0) + 1);
  }

  private endTag(name: string): void {
    if (VOID.has(name)) {
      if (name === 'br') {
        this.handler.open('br', {});
        this.handler.close('br');
      }
      return;
    }
    if (this.excessOpen.get(name)) {
      for (;;) {
        const e = this.excess.pop()!;
        this.excessOpen.set(e.name, this.excessOpen.get(e.name)! - 1);
        if (e.followed) this.handler.close(e.name);
        if (e.name === name) return;
      }
    }
    if (this.open.get(name)) {
      this.popExcess();
      while (this.pop() !== name);
      return;
    }
    if (name === 'p' && !this.excess.length) {
      // A stray </p> is an empty paragraph, as browsers read it.
      this.handler.open('p', {});
      this.handler.close('p');
    }
  }

  private popExcess(): void {
    while (this.excess.length) {
      const e = this.excess.pop()!;
      this.excessOpen.set(e.name, this.excessOpen.get(e.name)! - 1);
      if (e.followed) this.handler.close(e.name);
    }
  }

  private pop(): string {
    const name = this.stack.pop()!;
    this.open.set(name, this.open.get(name)! - 1);
    this.handler.close(name);
    return name;
  }
}
