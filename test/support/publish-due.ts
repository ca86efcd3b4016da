// One "app process" waking up to publish what is due: used by the scheduler test.
import { publishDue } from '../../src/newsroom/workflow.service.ts';
import { openStore } from '../../src/store/db.ts';

const database = JSON.parse(process.env.DEPECHE_TEST_DATABASE!);
const store = openStore(database);
const ids = await publishDue({ db: store.db, now: () => new Date(process.env.DEPECHE_TEST_NOW!), config: { publicUrl: 'https://news.example' } });
await store.close();
process.stdout.write(JSON.stringify(ids));
