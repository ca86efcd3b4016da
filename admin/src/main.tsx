import { render } from 'preact';
import { adminLang, rememberedLang, setAdminLang } from './lang.ts';
import './styles.css';

/**
 * The admin speaks the signed-in person's language: it is asked first (the
 * session answer carries it), and only then are the screens and their labels
 * loaded, each choosing its words once through pick(). Before sign-in, the
 * language last used in this browser, else the browser's own.
 */
async function start(): Promise<void> {
  let lang: string | null = null;
  try {
    const r = await fetch('/api/admin/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (r.ok) lang = ((await r.json()) as { user?: { language?: string } }).user?.language ?? null;
  } catch {
    // The app says the server does not answer, once it runs.
  }
  setAdminLang(lang ?? rememberedLang() ?? (navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'fr'));
  document.documentElement.lang = adminLang();
  const { App } = await import('./app.tsx');
  render(<App />, document.getElementById('app')!);
}

void start();
