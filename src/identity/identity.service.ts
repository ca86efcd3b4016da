import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { SITE_KEY } from '../cdn/keys.ts';
import { mediaHref } from '../content/paths.ts';
import { NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import { ImageRejected, type ImageCodec, type ImageVariant } from '../media/images.ts';
import type { MediaStorage } from '../media/storage.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { checkColours, DEFAULT_COLOURS, type BrandColours } from './colours.ts';
import { makeIcons } from './icons.ts';
import { parseIdentity, type EditionIdentity } from './identity.ts';
import { checkSocial, SOCIAL_NETWORKS } from './social.ts';
import { looksLikeSvg, sanitiseSvg, SvgRefused } from './svg.ts';

export interface IdentityDeps {
  db: Db;
  media: MediaStorage;
  images: ImageCodec;
  now: () => Date;
  /** The media host (MEDIA_PUBLIC_URL), for the addresses the admin shows. */
  mediaUrl?: string;
}

/** An edition's identity as the Admin API shows it: what is set, with the addresses of its files. */
export interface ApiIdentity {
  edition: string;
  name: string;
  logo: { url: string; mime: string; width: number; height: number } | null;
  /** The icon files by size ("32", "180", "192", "512") and "ico". */
  icons: Record<string, string> | null;
  colours: BrandColours;
  /** The theme's colours, which stand in for those not set. */
  defaultColours: Required<BrandColours>;
  social: Array<{ network: string; url: string }>;
  socialNetworks: readonly string[];
  socialImageId: number | null;
  socialImage: { url: string; width: number; height: number } | null;
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function editionRow(db: Db, code: string) {
  const row = await db.selectFrom('editions').select(['code', 'name', 'identity']).where('code', '=', code).executeTakeFirst();
  if (!row) throw new NotFound(`no edition ${code}`);
  return row;
}

function present(deps: IdentityDeps, row: { code: string; name: string }, id: EditionIdentity): ApiIdentity {
  const url = (key: string) => mediaHref(key, '', deps.mediaUrl);
  return {
    edition: row.code,
    name: row.name,
    logo: id.logo ? { url: url(id.logo.key), mime: id.logo.mime, width: id.logo.width, height: id.logo.height } : null,
    icons: id.icons ? Object.fromEntries(Object.entries(id.icons).map(([k, v]) => [k, url(v)])) : null,
    colours: id.colours ?? {},
    defaultColours: DEFAULT_COLOURS,
    social: id.social ?? [],
    socialNetworks: SOCIAL_NETWORKS,
    socialImageId: id.socialImageId ?? null,
    socialImage: id.socialImage ? { url: url(id.socialImage.key), width: id.socialImage.width, height: id.socialImage.height } : null,
  };
}

export async function getIdentity(deps: IdentityDeps, edition: string): Promise<ApiIdentity> {
  const row = await editionRow(deps.db, edition);
  return present(deps, row, parseIdentity(row.identity));
}

/**
 * Writes the edition's identity in one transaction with its audit line and
 * the content version (every page's frame shows it: SITE_KEY).
 */
async function save(deps: IdentityDeps, edition: string, actor: Actor, action: string, change: (id: EditionIdentity) => EditionIdentity, details?: unknown): Promise<ApiIdentity> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await editionRow(trx, edition);
    const next = change(parseIdentity(row.identity));
    // Parts left empty are left out, so the stored JSON says only what is set.
    for (const k of Object.keys(next) as Array<keyof EditionIdentity>) if (next[k] === undefined) delete next[k];
    await trx.updateTable('editions').set({ identity: Object.keys(next).length ? JSON.stringify(next) : null }).where('code', '=', edition).execute();
    await audit(trx, deps.now(), actor, action, `edition:${edition}`, details);
    await bumpContentVersion(trx, [SITE_KEY]);
    return present(deps, row, next);
  });
}

const PATCH_FIELDS = ['colours', 'social', 'socialImageId'];

/**
 * Changes the colours, the social accounts and the default social picture.
 * Each field given replaces its value (null clears it); the others are kept.
 * Colours are checked together with those already set, so a new paper is
 * refused when the ink set earlier would not read on it.
 */
export async function updateIdentity(deps: IdentityDeps, edition: string, body: unknown, actor: Actor): Promise<ApiIdentity> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ValidationFailed([{ field: 'body', message: 'expected a JSON object' }]);
  const v = body as Record<string, unknown>;
  const issues: FieldIssue[] = Object.keys(v)
    .filter((k) => !PATCH_FIELDS.includes(k))
    .map((k) => ({ field: k, message: `unknown field; expected ${PATCH_FIELDS.join(', ')}` }));
  const current = parseIdentity((await editionRow(deps.db, edition)).identity);
  let colours: BrandColours | undefined = current.colours;
  if (v.colours !== undefined) {
    if (v.colours !== null && (typeof v.colours !== 'object' || Array.isArray(v.colours))) issues.push({ field: 'colours', message: 'expected an object of colours written #rrggbb, or null' });
    else {
      const checked = checkColours((v.colours as Record<string, unknown>) ?? {});
      issues.push(...checked.issues);
      colours = Object.keys(checked.colours).length ? checked.colours : undefined;
    }
  }
  let social = current.social;
  if (v.social !== undefined) {
    const checked = checkSocial(v.social ?? []);
    issues.push(...checked.issues);
    social = checked.social.length ? checked.social : undefined;
  }
  let picture: Pick<EditionIdentity, 'socialImageId' | 'socialImage'> = { socialImageId: current.socialImageId, socialImage: current.socialImage };
  if (v.socialImageId !== undefined) {
    if (v.socialImageId === null) picture = {};
    else if (typeof v.socialImageId !== 'number' || !Number.isSafeInteger(v.socialImageId) || v.socialImageId < 1) issues.push({ field: 'socialImageId', message: 'expected the number of a picture of the library, or null' });
    else {
      const img = await deps.db.selectFrom('images').select(['id', 'original', 'width', 'height', 'variants', 'alt']).where('id', '=', v.socialImageId).executeTakeFirst();
      if (!img) issues.push({ field: 'socialImageId', message: `no picture ${v.socialImageId} in the library` });
      else picture = { socialImageId: img.id, socialImage: { ...cardOf(img), ...(img.alt ? { alt: img.alt } : {}) } };
    }
  }
  if (issues.length) throw new ValidationFailed(issues);
  return save(deps, edition, actor, 'identity.update', (id) => ({ ...id, colours, social, ...{ socialImageId: undefined, socialImage: undefined }, ...picture }), {
    fields: Object.keys(v),
  });
}

/** The file link previews show of a picture: its 1200×630 card when made, else its widest JPEG, else the original. */
export function cardOf(img: { original: string; width: number; height: number; variants: string }): { key: string; width: number; height: number } {
  let variants: ImageVariant[] = [];
  try {
    variants = JSON.parse(img.variants) as ImageVariant[];
  } catch {
    // No variants: the original stands in.
  }
  const card = variants.find((x) => x.purpose === 'social') ?? variants.filter((x) => x.format === 'jpeg' && !x.purpose).sort((a, b) => b.width - a.width)[0];
  return card ? { key: card.key, width: card.width, height: card.height } : { key: img.original, width: img.width, height: img.height };
}

const refused = (field: string, message: string) => new ValidationFailed([{ field, message }]);

/** Files of the identity live under identity/, named by their content: they never change, so they are cached for good. */
function identityKey(data: Buffer, name: string): string {
  return `identity/${createHash('sha256').update(data).digest('hex').slice(0, 24)}/${name}`;
}

/**
 * The edition's logo: a PNG, or an SVG cleaned of anything that would run or
 * fetch (an SVG holding such things is refused, saying what was found).
 * Anything else is refused, naming the field `logo`.
 */
export async function setLogo(deps: IdentityDeps, edition: string, data: Buffer, actor: Actor): Promise<ApiIdentity> {
  await editionRow(deps.db, edition);
  let logo: NonNullable<EditionIdentity['logo']>;
  let bytes: Buffer;
  if (data.subarray(0, 8).equals(PNG_MAGIC)) {
    try {
      const img = await deps.images.inspect(data);
      if (img.format !== 'png') throw new ImageRejected('expected a PNG');
      bytes = data;
      logo = { key: identityKey(bytes, 'logo.png'), mime: 'image/png', width: img.width, height: img.height };
    } catch (e) {
      if (e instanceof ImageRejected) throw refused('logo', e.message);
      throw e;
    }
  } else if (looksLikeSvg(data)) {
    try {
      bytes = Buffer.from(await sanitiseSvg(data));
    } catch (e) {
      if (e instanceof SvgRefused) throw refused('logo', e.message);
      throw e;
    }
    // Its drawn size (from width and height, else the viewBox) gives the page the logo's proportions.
    const meta = await sharp(bytes).metadata().catch(() => null);
    if (!meta?.width || !meta.height) throw refused('logo', 'the SVG cannot be drawn or has no size: give its <svg> a viewBox, or a width and height');
    logo = { key: identityKey(bytes, 'logo.svg'), mime: 'image/svg+xml', width: meta.width, height: meta.height };
  } else {
    throw refused('logo', 'expected an SVG or PNG file');
  }
  await deps.media.write(logo.key, bytes, logo.mime);
  return save(deps, edition, actor, 'identity.logo', (id) => ({ ...id, logo }), { key: logo.key });
}

export function removeLogo(deps: IdentityDeps, edition: string, actor: Actor): Promise<ApiIdentity> {
  return save(deps, edition, actor, 'identity.logo_removed', (id) => ({ ...id, logo: undefined }));
}

/** The favicon and touch icons, made from one picture (src/identity/icons.ts); refusals name the field `icon`. */
export async function setIcons(deps: IdentityDeps, edition: string, data: Buffer, actor: Actor): Promise<ApiIdentity> {
  const row = await editionRow(deps.db, edition);
  const paper = parseIdentity(row.identity).colours?.paper ?? DEFAULT_COLOURS.paper;
  let made: Awaited<ReturnType<typeof makeIcons>>;
  try {
    made = await makeIcons(deps.images, data, paper);
  } catch (e) {
    if (e instanceof ImageRejected || e instanceof SvgRefused) throw refused('icon', e.message);
    throw e;
  }
  const icons: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(made)) {
    const key = identityKey(bytes, name === 'ico' ? 'favicon.ico' : `icon-${name}.png`);
    await deps.media.write(key, bytes, name === 'ico' ? 'image/x-icon' : 'image/png');
    icons[name] = key;
  }
  return save(deps, edition, actor, 'identity.icons', (id) => ({ ...id, icons }), { icons: Object.keys(icons) });
}

export function removeIcons(deps: IdentityDeps, edition: string, actor: Actor): Promise<ApiIdentity> {
  return save(deps, edition, actor, 'identity.icons_removed', (id) => ({ ...id, icons: undefined }));
}
