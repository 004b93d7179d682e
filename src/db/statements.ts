// Runs a script of several SQL statements. PGlite's query() takes one statement at a time
// (extended protocol), so scripts are split here; quoted text and $$ bodies are respected.
import { sql, type Kysely } from 'kysely';

export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inQuote = false;
  let inDollar = false;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (!inQuote && script.startsWith('$$', i)) {
      inDollar = !inDollar;
      current += '$$';
      i++;
      continue;
    }
    if (!inDollar && ch === "'") inQuote = !inQuote;
    if (!inQuote && !inDollar && ch === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end;
      current += '\n';
      continue;
    }
    if (ch === ';' && !inQuote && !inDollar) {
      if (current.trim()) statements.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

export async function runScript(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of splitStatements(script)) {
    await sql.raw(statement).execute(db);
  }
}
