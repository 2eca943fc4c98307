import type { Suite } from '../harness.js';
import { agentSuite } from './agent.js';
import { searchSuite } from './search.js';
import { startupSuite } from './shell-session.js';
import { turnsSuite } from './turns.js';
import { alsBenchSuite } from './als-bench.js';
import { alsEvalSuite } from './als-eval.js';
import { loadSuite } from './load.js';
import { qdrantSuite } from './qdrant.js';
import { emotionsEvalSuite } from './emotions-eval.js';

/** Every bench and eval suite, explicitly listed. */
export const SUITES: Suite[] = [startupSuite, turnsSuite, searchSuite, alsEvalSuite, alsBenchSuite, qdrantSuite, loadSuite, agentSuite, emotionsEvalSuite];
