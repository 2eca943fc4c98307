import type { Suite } from '../harness.js';
import { agentSuite } from './agent.js';
import { loadSuite } from './load.js';
import { qdrantSuite } from './qdrant.js';
import { alsBenchSuite } from './als-bench.js';
import { alsEvalSuite } from './als-eval.js';

/** Every bench and eval suite, explicitly listed. */
export const SUITES: Suite[] = [alsEvalSuite, alsBenchSuite, qdrantSuite, loadSuite, agentSuite];
