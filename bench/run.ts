/**
 * `npm run bench [-- <suite> …]` and `npm run eval [-- <suite> …]`: runs the suites of that kind (all, or the
 * named ones), prints a markdown table per suite and writes `bench/results/<suite>.json`.
 */
import path from 'node:path';
import { machine, markdownTable, writeResult, type Suite } from './harness.js';
import { SUITES } from './suites/index.js';

async function main(): Promise<number> {
  const [kind, ...rest] = process.argv.slice(2);
  if (kind !== 'bench' && kind !== 'eval') {
    console.error('usage: tsx bench/run.ts bench|eval [suite …] [-- suite args]');
    return 2;
  }
  const dashdash = rest.indexOf('--');
  const names = (dashdash === -1 ? rest : rest.slice(0, dashdash)).filter((a) => !a.startsWith('-'));
  const flags = dashdash === -1 ? rest.filter((a) => a.startsWith('-')) : rest.slice(dashdash + 1);
  const ofKind = SUITES.filter((s) => s.kind === kind);
  const unknown = names.filter((n) => !ofKind.some((s) => s.name === n));
  if (unknown.length > 0) {
    console.error(
      `unknown ${kind} suite(s): ${unknown.join(', ')}. Known: ${ofKind.map((s) => s.name).join(', ')}`,
    );
    return 2;
  }
  const chosen: Suite[] = names.length === 0 ? ofKind : ofKind.filter((s) => names.includes(s.name));
  const root = path.resolve(import.meta.dirname, '..');
  const sharedData = path.resolve(root, process.env.MOODTUNE_SHARED_DATA ?? '../shared/data');
  let failed = 0;
  for (const suite of chosen) {
    console.log(`\n## ${suite.name} — ${suite.description}`);
    try {
      const outcome = await suite.run({
        root,
        sharedData,
        args: flags,
        log: (m) => console.log(`  ${m}`),
      });
      if ('skipped' in outcome) {
        console.log(`skipped: ${outcome.skipped}`);
        continue;
      }
      console.log(markdownTable(suite.name, outcome.metrics));
      const file = await writeResult({
        suite: suite.results ?? suite.name,
        date: new Date().toISOString(),
        machine: machine(),
        metrics: outcome.metrics,
        ...(outcome.notes ? { notes: outcome.notes } : {}),
      });
      console.log(`\nwrote ${path.relative(root, file)}`);
    } catch (error) {
      failed++;
      console.error(`suite ${suite.name} failed:`, error);
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
