import { mkdir, writeFile, rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** `metrics[row][metric] = number`: one row per system/configuration, one column per measured quantity. */
export type Metrics = Record<string, Record<string, number>>;

export interface SuiteResult {
  suite: string;
  date: string;
  machine: { cpus: number; node: string };
  metrics: Metrics;
  /** Free-form context (data set sizes, parameters) — not compared across runs. */
  notes?: Record<string, unknown>;
}

export interface Suite {
  /** Used on the command line; unique within its kind (`npm run eval -- als` and `npm run bench -- als`). */
  name: string;
  kind: 'bench' | 'eval';
  /** Results file stem (`bench/results/<results>.json`); defaults to `name`. */
  results?: string;
  description: string;
  /** Returns metrics, or a string saying why the suite was skipped (e.g. a data set is absent). */
  run(
    ctx: SuiteContext,
  ): Promise<{ metrics: Metrics; notes?: Record<string, unknown> } | { skipped: string }>;
}

export interface SuiteContext {
  /** Repository root. */
  root: string;
  /** `../shared/data` relative to the repository, or MOODTUNE_SHARED_DATA. */
  sharedData: string;
  /** Extra command-line arguments after the suite name. */
  args: string[];
  log(message: string): void;
}

export const RESULTS_DIR = path.resolve(import.meta.dirname, 'results');

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samples: readonly number[]): { p50: number; p95: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean };
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Writes `bench/results/<suite>.json` atomically and returns the path. */
export async function writeResult(result: SuiteResult, dir = RESULTS_DIR): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${result.suite}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(result, null, 2)}\n`);
  await rename(tmp, file);
  return file;
}

export function machine(): { cpus: number; node: string } {
  return { cpus: os.cpus().length, node: process.version };
}

/** A markdown table: rows are metric rows, columns the union of metric names. */
export function markdownTable(title: string, metrics: Metrics): string {
  const rows = Object.keys(metrics);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(metrics[r] ?? {})))];
  const fmt = (v: number | undefined) =>
    v === undefined ? '' : Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(3);
  const lines = [
    `### ${title}`,
    '',
    `| | ${columns.join(' | ')} |`,
    `| --- | ${columns.map(() => '---:').join(' | ')} |`,
    ...rows.map((r) => `| ${r} | ${columns.map((c) => fmt(metrics[r]?.[c])).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** Peak resident set size of this process so far, in MB (Linux reports ru_maxrss in KB). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
