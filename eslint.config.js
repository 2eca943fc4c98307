// ESLint flat config: type-checked rules, Prettier owns formatting, and the one-way import zones from
// DESIGN.md (bot → agents → tools → core, ingestion → core), enforced with the core no-restricted-imports rule.
// (eslint-plugin-import-x would need unrs-resolver, whose other-platform bindings this registry mirror lacks,
// which makes `npm ci` reject the lockfile.)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Import patterns (relative paths into a top-level folder) a folder must not use. */
const into = (...folders) => folders.map((f) => `**/${f}/**`);
const zone = (folder, forbidden, message) => ({
  files: [`${folder}/**/*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: into(...forbidden), message }] }],
  },
});

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'var/**', 'coverage/**', 'bench/results/**', 'eslint.config.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  zone('core', ['bot', 'agents', 'tools', 'ingestion'], 'core/ imports nothing above it (DESIGN.md)'),
  zone('tools', ['bot', 'agents', 'ingestion'], 'tools/ may import only core/ (DESIGN.md)'),
  zone('agents', ['bot', 'ingestion'], 'agents/ may import tools/ and core/ (DESIGN.md)'),
  zone('ingestion', ['bot', 'agents', 'tools'], 'ingestion/ may import only core/ (DESIGN.md)'),
  zone('bot', ['ingestion'], 'bot/ does not run batch jobs (DESIGN.md)'),
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
