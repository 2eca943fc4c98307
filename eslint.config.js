// ESLint flat config: type-checked rules, Prettier owns formatting, and the one-way import zones
// from DESIGN.md (bot → agents → tools → core, ingestion → core).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';

const zone = (target, from, message) => ({ target, from, message });

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
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { typescript: true, node: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone('./core', './bot', 'core/ imports nothing above it'),
            zone('./core', './agents', 'core/ imports nothing above it'),
            zone('./core', './tools', 'core/ imports nothing above it'),
            zone('./core', './ingestion', 'core/ imports nothing above it'),
            zone('./tools', './bot', 'tools/ may import only core/'),
            zone('./tools', './agents', 'tools/ may import only core/'),
            zone('./tools', './ingestion', 'tools/ may import only core/'),
            zone('./agents', './bot', 'agents/ may import tools/ and core/'),
            zone('./agents', './ingestion', 'agents/ may import tools/ and core/'),
            zone('./ingestion', './bot', 'ingestion/ may import only core/'),
            zone('./ingestion', './agents', 'ingestion/ may import only core/'),
            zone('./ingestion', './tools', 'ingestion/ may import only core/'),
            zone('./bot', './ingestion', 'bot/ does not run batch jobs'),
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
