import { useEffect, useState } from 'preact/hooks';
import { api, query } from './api.ts';
import { t } from './i18n.ts';
import type { Edition, Media, Section } from './types.ts';

/** Small lists read once per page load and shared by the screens that need them. */

let editions: Promise<Edition[]> | null = null;
const sections = new Map<string, Promise<Section[]>>();

export function useEditions(): Edition[] {
  const [list, setList] = useState<Edition[]>([]);
  useEffect(() => {
    editions ??= api.get<{ editions: Edition[] }>('/api/admin/editions').then((r) => r.editions ?? []);
    editions.then(setList, () => {
      editions = null;
    });
  }, []);
  return list;
}

/** Forgets the cached editions (one was just added or changed). */
export function forgetEditions(): void {
  editions = null;
}

/** The sections of an edition, or of every edition when `edition` is '*'. */
export function useSections(edition: string): Section[] {
  const [list, setList] = useState<Section[]>([]);
  useEffect(() => {
    if (!edition) return setList([]);
    let p = sections.get(edition);
    if (!p) {
      p = api.get<{ sections: Section[] }>(`/api/admin/sections${query({ edition: edition === '*' ? undefined : edition })}`).then((r) => r.sections ?? []);
      sections.set(edition, p);
      p.catch(() => sections.delete(edition));
    }
    let live = true;
    p.then(
      (l) => live && setList(l),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, [edition]);
  return list;
}

/** Forgets the cached sections (a new one may have been created by a save). */
export function forgetSections(): void {
  sections.clear();
}

// ------------------------------------------------------------------ media

/**
 * Media rows known to this page, by id, so that figures show their picture.
 * Filled by the library and the picker; an id not seen yet is asked for once.
 */
const media = new Map<number, Media | null>();
const pending = new Map<number, Promise<Media | null>>();
const mediaListeners = new Set<() => void>();

export function rememberMedia(items: Media[]): void {
  for (const m of items) media.set(m.id, m);
  for (const l of mediaListeners) l();
}

function loadMedia(id: number): Promise<Media | null> {
  let p = pending.get(id);
  if (!p) {
    p = api
      .get<Media | { media: Media }>(`/api/admin/media/${id}`)
      .then((r) => ((r as { media: Media }).media ?? (r as Media)) || null)
      .catch(() => null)
      .then((m) => {
        if (!media.has(id) || m) media.set(id, m);
        for (const l of mediaListeners) l();
        return m;
      });
    pending.set(id, p);
  }
  return p;
}

/** The media row of an id (null while unknown or when it cannot be read). */
export function useMedia(id: unknown): Media | null {
  const [, bump] = useState(0);
  useEffect(() => {
    const l = () => bump((n) => n + 1);
    mediaListeners.add(l);
    if (typeof id === 'number' && !media.has(id)) loadMedia(id);
    return () => {
      mediaListeners.delete(l);
    };
  }, [id]);
  return typeof id === 'number' ? (media.get(id) ?? null) : null;
}

/** Uploads one file to the library. */
export async function uploadMedia(file: File): Promise<Media> {
  const form = new FormData();
  form.append('file', file, file.name);
  const m = await api.post<Media>('/api/admin/media', form);
  const item = (m as unknown as { media?: Media }).media ?? m;
  rememberMedia([item]);
  return item;
}

/**
 * What was typed beside a picture just uploaded (alt, caption, credit) becomes
 * the library's own words where the library has none, so the picture brings
 * them along wherever it is placed again. Words already in the library stay.
 * A refusal (another's picture) leaves the placement's words as they are.
 */
export async function adoptWords(m: Media, typed: { alt?: string; caption?: string; credit?: string }): Promise<void> {
  const patch: Record<string, string> = {};
  for (const k of ['alt', 'caption', 'credit'] as const) {
    const v = (typed[k] ?? '').trim();
    if (v && !m[k]) patch[k] = v;
  }
  if (!Object.keys(patch).length) return;
  try {
    const updated = await api.patch<Media>(`/api/admin/media/${m.id}`, patch);
    rememberMedia([updated]);
  } catch {
    // The placement keeps what was typed; the library is only a default.
  }
}

/** A picture's name for people: its file name, or its number. */
export function mediaName(m: Pick<Media, 'id' | 'filename'>): string {
  return m.filename || t.blocks.imageN(m.id);
}
