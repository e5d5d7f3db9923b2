import Database from 'better-sqlite3';
const db = new Database('/tmp/prof-corpus/corpus.sqlite');
console.log(db.pragma('journal_mode'), db.pragma('synchronous'), db.prepare('select count(*) n from entities').get());
console.log(db.prepare('EXPLAIN QUERY PLAN SELECT id FROM entities WHERE label = ? AND key = ?').all('PERSON', 'x'));
const st = db.prepare('SELECT id FROM entities WHERE label = ? AND key = ?');
let t = performance.now();
for (let i = 0; i < 10000; i++) st.get('PERSON', 'buti dutin' + (i % 50));
console.log('select us', (((performance.now() - t) / 10000) * 1000).toFixed(1));
console.log(db.prepare('select sqlite_version() v').get());
