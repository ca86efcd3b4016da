import { extractArchive, DEFAULT_LIMITS } from './src/content/archive.tar.ts';
import fs from 'node:fs/promises';
const dir = await fs.mkdtemp('/tmp/h8imp/x-');
const t = setTimeout(()=>{console.log('timeout; files:'); }, 5000);
try { const r = await extractArchive('/tmp/h8imp/bomb.tar.gz', dir, { ...DEFAULT_LIMITS, maxFileBytes: 25*1024*1024 }); console.log('ok', r.media); } catch (e) { console.log('err', e); }
clearTimeout(t);
