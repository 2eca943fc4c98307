import { csrFromCoo, type CsrMatrix } from '../../../../../core/interactions/matrix.js';
import { seededRandom } from '../../../../../core/util/random.js';

/**
 * Users and items split into `blocks` groups; each user interacts with a random `density` share of the items in
 * its own group (weights 1–5) and nothing else.
 */
export function plantedBlocks(options: {
  blocks: number;
  usersPerBlock: number;
  itemsPerBlock: number;
  density: number;
  seed: number;
}): {
  matrix: CsrMatrix;
  userBlock: (u: number) => number;
  itemBlock: (i: number) => number;
} {
  const { blocks, usersPerBlock, itemsPerBlock, density, seed } = options;
  const random = seededRandom(seed);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let u = 0; u < blocks * usersPerBlock; u++) {
    const block = Math.floor(u / usersPerBlock);
    for (let j = 0; j < itemsPerBlock; j++) {
      if (random() < density) {
        rows.push(u);
        cols.push(block * itemsPerBlock + j);
        vals.push(1 + Math.floor(random() * 5));
      }
    }
  }
  return {
    matrix: csrFromCoo(blocks * usersPerBlock, blocks * itemsPerBlock, rows, cols, vals),
    userBlock: (u) => Math.floor(u / usersPerBlock),
    itemBlock: (i) => Math.floor(i / itemsPerBlock),
  };
}

/** A dense random matrix with values in [-1, 1). */
export function randomFactors(n: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n }, () => random() * 2 - 1);
}
