import type { Suite } from '../harness.js';
import { alsBenchSuite } from './als-bench.js';
import { alsEvalSuite } from './als-eval.js';

/** Every bench and eval suite, explicitly listed. */
export const SUITES: Suite[] = [alsEvalSuite, alsBenchSuite];
