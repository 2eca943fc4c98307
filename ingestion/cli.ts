/**
 * `npm run ingest -- <step> [options]`: offline batch jobs. Steps are listed explicitly in STEPS.
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { STEPS } from './steps.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const step = name === undefined ? undefined : STEPS.find((s) => s.name === name);
  if (!step) {
    if (name !== undefined && name !== 'help' && name !== '--help')
      console.error(`Unknown step "${name}".\n`);
    console.error('usage: npm run ingest -- <step> [options]\n\nsteps:');
    for (const s of STEPS) console.error(`  ${s.name.padEnd(18)} ${s.description}`);
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: step.options,
    allowPositionals: true,
    strict: true,
  });
  return step.run(values as Record<string, string | boolean | undefined>, positionals);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exit(1);
  },
);
