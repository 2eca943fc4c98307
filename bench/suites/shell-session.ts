import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Suite } from '../harness.js';
import { round } from '../harness.js';
import { SCRIPTED_CONVERSATION } from './turns.js';

interface SessionRun {
  firstReplyMs: number;
  totalMs: number;
  peakRssMb: number;
}

/** VmHWM (peak resident set) of a live process, from /proc. */
async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
}

/**
 * Runs `bot/main.ts --channel shell` as a user would (through tsx), types the scripted conversation one line
 * after each reply, and measures time from spawn to the first reply, and the process's peak RSS.
 */
function runSession(root: string, dataDir: string, lines: readonly string[]): Promise<SessionRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts', '--channel', 'shell'], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, MOODTUNE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let buffer = '';
    let replies = 0;
    let firstReplyMs = Number.NaN;
    let next = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      // Piped replies end with a blank line; the welcome also does.
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop()!;
      for (let i = 0; i < blocks.length; i++) {
        if (replies === 1 && Number.isNaN(firstReplyMs)) firstReplyMs = performance.now() - started;
        replies++;
        if (next < lines.length) child.stdin.write(`${lines[next++]}\n`);
        else if (replies === lines.length + 1) {
          peakRss(child.pid!).then(
            (rss) => {
              child.stdin.end();
              child.on('close', () => resolve({ firstReplyMs, totalMs: performance.now() - started, peakRssMb: rss }));
            },
            reject,
          );
        }
      }
    });
    child.on('error', reject);
  });
}

export const startupSuite: Suite = {
  name: 'startup',
  kind: 'bench',
  description: 'npm start as a user: spawn to first reply (fresh and warm data dir), and peak RSS over a 20-turn session',
  async run({ root, log }) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mt-bench-startup-'));
    try {
      const lines = SCRIPTED_CONVERSATION;
      log('fresh data directory (vectors seeded from the shipped cache)…');
      const fresh = await runSession(root, dataDir, lines);
      log('warm data directory…');
      const warm = await runSession(root, dataDir, lines);
      const row = (r: SessionRun) => ({
        first_reply_ms: round(r.firstReplyMs, 0),
        session_20_turns_ms: round(r.totalMs, 0),
        peak_rss_mb: round(r.peakRssMb, 1),
      });
      return { metrics: { 'fresh-data-dir': row(fresh), 'warm-data-dir': row(warm) }, notes: { turns: lines.length } };
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
