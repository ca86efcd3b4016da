import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { SelectField, TextField } from '../components/fields.tsx';
import { MediaBrowser } from '../components/media.tsx';
import { removePart, UploadForm } from './identity-upload.tsx';
import { ErrorSummary, PageHeading, announce, issueFor } from '../components/ui.tsx';
import { useEditions } from '../data.ts';
import { identityWords } from '../i18n-identity.ts';
import { pick } from '../lang.ts';

const COLOURS = ['ink', 'paper', 'link', 'accent', 'accentInk', 'header', 'headerInk'] as const;
type ColourName = (typeof COLOURS)[number];

export interface Identity {
  edition: string;
  name: string;
  logo: { url: string; mime: string; width: number; height: number } | null;
  icons: Record<string, string> | null;
  colours: Partial<Record<ColourName, string>>;
  defaultColours: Record<ColourName, string>;
  social: Array<{ network: string; url: string }>;
  socialNetworks: string[];
  socialImageId: number | null;
  socialImage: { url: string; width: number; height: number } | null;
}

const path = (code: string) => `/api/admin/editions/${encodeURIComponent(code)}/identity`;

/** An edition's identity (admins): logo, icons, brand colours, social accounts and default sharing picture, one section each. */
export function IdentityScreen() {
  const w = identityWords();
  const editions = useEditions();
  const [edition, setEdition] = useState('');
  const code = edition || editions.find((e) => (e as { isDefault?: boolean }).isDefault)?.code || editions[0]?.code || '';
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!code) return;
    setIdentity(null);
    api
      .get<{ identity: Identity }>(path(code))
      .then((r) => setIdentity(r.identity))
      .catch(setError);
  }, [code]);

  return (
    <>
      <PageHeading title={w.title} />
      <p>{w.intro}</p>
      {editions.length > 1 ? <SelectField label={w.edition} value={code} onChange={setEdition} options={editions.map((e) => ({ value: e.code, label: `${e.name} (${e.code})` }))} /> : null}
      <ErrorSummary error={error} />
      {identity ? (
        <div key={identity.edition}>
          <LogoSection identity={identity} onSaved={setIdentity} />
          <IconsSection identity={identity} onSaved={setIdentity} />
          <ColoursSection identity={identity} onSaved={setIdentity} />
          <SocialSection identity={identity} onSaved={setIdentity} />
          <SocialImageSection identity={identity} onSaved={setIdentity} />
        </div>
      ) : null}
    </>
  );
}

type SectionProps = { identity: Identity; onSaved: (i: Identity) => void };

/** Saves a part of the identity: the refusal to show, whether a save is under way, and the save (the new identity, or undefined when refused). */
function useIdentityPatch({ identity, onSaved }: SectionProps, saved: string) {
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async (body: Record<string, unknown>): Promise<Identity | undefined> => {
    setErr(null);
    setBusy(true);
    try {
      const r = await api.patch<{ identity: Identity }>(path(identity.edition), body);
      onSaved(r.identity);
      announce(saved);
      return r.identity;
    } catch (x) {
      setErr(x);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { err, busy, save };
}

function LogoSection({ identity, onSaved }: SectionProps) {
  const w = identityWords().logo;
  const [err, setErr] = useState<unknown>(null);
  const logo = identity.logo;
  return (
    <section aria-labelledby="identity-logo">
      <h2 id="identity-logo">{w.heading}</h2>
      <ErrorSummary error={err} />
      {logo ? (
        <figure class="identity-preview">
          <img src={logo.url} width={logo.width} height={logo.height} alt={w.current} style={{ maxHeight: '4rem', width: 'auto' }} />
          <figcaption>
            {logo.mime === 'image/svg+xml' ? 'SVG' : 'PNG'}, {w.size(logo.width, logo.height)}
          </figcaption>
        </figure>
      ) : (
        <p>{w.none(identity.name)}</p>
      )}
      <UploadForm edition={identity.edition} field="logo" label={w.file} hint={w.hint} accept=".svg,.png,image/svg+xml,image/png" submit={w.upload} saved={w.saved} onSaved={onSaved} />
      {logo ? (
        <button type="button" class="btn btn--danger" onClick={() => removePart(identity.edition, 'logo', onSaved, w.removed, setErr)}>
          {w.remove}
        </button>
      ) : null}
    </section>
  );
}

function IconsSection({ identity, onSaved }: SectionProps) {
  const w = identityWords().icons;
  const [err, setErr] = useState<unknown>(null);
  const icons = identity.icons;
  return (
    <section aria-labelledby="identity-icons">
      <h2 id="identity-icons">{w.heading}</h2>
      <p>{w.intro}</p>
      <ErrorSummary error={err} />
      {icons ? (
        <ul class="identity-icons">
          {['32', '180', '192'].map((size) => (
            <li key={size}>
              <img src={icons[size]} width={Number(size) / 2} height={Number(size) / 2} alt={w.alt(size)} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{w.none}</p>
      )}
      <UploadForm edition={identity.edition} field="icon" label={w.file} hint={w.hint} accept=".png,.jpg,.jpeg,.webp,.svg,image/*" submit={w.upload} saved={w.saved} onSaved={onSaved} />
      {icons ? (
        <button type="button" class="btn btn--danger" onClick={() => removePart(identity.edition, 'icon', onSaved, w.removed, setErr)}>
          {w.remove}
        </button>
      ) : null}
    </section>
  );
}

/**
 * The server's refusal of a colour, said in the admin's language: the
 * contrast refusal carries the measured ratio and the two colours compared.
 */
export function colourIssue(message: string | null, w: ReturnType<typeof identityWords>["colours"]): string | null {
  if (!message) return null;
  const m = /contrast ([\d.]+):1 between (\w+) \(#[0-9a-f]{6}\) and (\w+) \(#[0-9a-f]{6}\)/.exec(message);
  if (m) return w.tooPale(m[1], w.names[m[2]] ?? m[2], w.names[m[3]] ?? m[3]);
  if (message.includes('#rrggbb')) return w.notHex;
  return message;
}

function ColoursSection(props: SectionProps) {
  const { identity } = props;
  const w = identityWords().colours;
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(COLOURS.map((c) => [c, identity.colours[c] ?? ''])));
  const { err, busy, save } = useIdentityPatch(props, w.saved);
  const submit = async (e: Event) => {
    e.preventDefault();
    const colours = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
    await save({ colours });
  };
  return (
    <section aria-labelledby="identity-colours">
      <h2 id="identity-colours">{w.heading}</h2>
      <p>{w.intro}</p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={err} issues={err instanceof ApiError ? err.issues.map((i) => ({ ...i, message: colourIssue(i.message, w) ?? i.message })) : undefined} />
        {COLOURS.map((c) => (
          <div class="identity-colour" key={c}>
            <span class="identity-swatch" aria-hidden="true" style={{ background: values[c] || identity.defaultColours[c] }} />
            <TextField
              label={w.names[c]}
              hint={w.themeDefault(identity.defaultColours[c])}
              value={values[c]}
              maxLength={7}
              spellcheck={false}
              error={colourIssue(issueFor(err, `colours.${c}`), w)}
              onInput={(v) => setValues({ ...values, [c]: v })}
            />
          </div>
        ))}
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {w.save}
        </button>
      </form>
    </section>
  );
}

function SocialSection(props: SectionProps) {
  const { identity } = props;
  const w = identityWords().social;
  const [rows, setRows] = useState(identity.social.map((s) => ({ ...s })));
  const { err, busy, save } = useIdentityPatch(props, w.saved);
  const submit = async (e: Event) => {
    e.preventDefault();
    const saved = await save({ social: rows.filter((r) => r.url.trim() !== '').map((r) => ({ network: r.network, url: r.url.trim() })) });
    if (saved) setRows(saved.social.map((s) => ({ ...s })));
  };
  const set = (i: number, patch: Partial<{ network: string; url: string }>) => setRows(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  return (
    <section aria-labelledby="identity-social">
      <h2 id="identity-social">{w.heading}</h2>
      <p>{w.intro}</p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={err instanceof ApiError && err.issues.length ? undefined : err} />
        {rows.length ? null : <p>{w.none}</p>}
        {rows.map((r, i) => (
          <fieldset class="identity-social" key={i}>
            <legend class="visually-hidden">{`${w.heading} ${i + 1}`}</legend>
            <SelectField label={w.network} value={r.network} onChange={(v) => set(i, { network: v })} options={identity.socialNetworks.map((n) => ({ value: n, label: w.networks[n] ?? n }))} error={issueFor(err, `social[${i}].network`)} />
            <TextField label={w.url} type="url" value={r.url} onInput={(v) => set(i, { url: v })} error={issueFor(err, `social[${i}].url`)} />
            <button type="button" class="btn btn--small btn--danger" aria-label={w.removeLabel(i + 1)} onClick={() => setRows(rows.filter((_, n) => n !== i))}>
              {w.remove}
            </button>
          </fieldset>
        ))}
        <p>
          <button type="button" class="btn" onClick={() => setRows([...rows, { network: identity.socialNetworks[0] ?? 'other', url: '' }])}>
            {w.add}
          </button>
        </p>
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {w.save}
        </button>
      </form>
    </section>
  );
}

function SocialImageSection(props: SectionProps) {
  const { identity } = props;
  const w = identityWords().socialImage;
  const { err, save } = useIdentityPatch(props, w.saved);
  const choose = (id: number | null) => save({ socialImageId: id });
  const img = identity.socialImage;
  return (
    <section aria-labelledby="identity-social-image">
      <h2 id="identity-social-image">{w.heading}</h2>
      <p>{w.intro}</p>
      <ErrorSummary error={err} />
      {img ? (
        <>
          <img src={img.url} width={img.width} height={img.height} alt={w.current} style={{ maxWidth: '20rem', height: 'auto' }} />
          <p>
            <button type="button" class="btn btn--danger" onClick={() => choose(null)}>
              {w.remove}
            </button>
          </p>
        </>
      ) : (
        <p>{w.none}</p>
      )}
      <MediaBrowser headingLevel={3} action={{ label: w.choose, ariaLabel: (m) => w.chooseLabel(m.alt || m.filename || String(m.id)), run: (m) => choose(m.id) }} />
    </section>
  );
}
