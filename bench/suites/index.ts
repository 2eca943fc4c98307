import type { Suite } from '../harness.js';

/** Every bench and eval suite, explicitly listed. */
export const SUITES: Suite[] = [];
