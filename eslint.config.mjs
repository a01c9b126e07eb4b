// ESLint over the whole repository, run by `npm test` (test/architecture/lint.spec.ts). A small rule set:
// the line length of STYLE ("lines up to 160 characters") and the library entry points of STYLE rule 13
// (the full boundary rules, with their reasons, are test/architecture/*-rules.ts).
// Lines too long today are listed per file in eslint-suppressions.json (`eslint --suppress-rule max-len`):
// a file may not get more of them, and a fixed one must be struck off (`eslint --prune-suppressions`),
// so the list only shrinks. `npx prettier --write <file>` (.prettierrc.json) wraps a file's long lines.
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-artifacts/', '.cluster/'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'max-len': ['error', { code: 160, tabWidth: 2, ignoreUrls: true, ignoreRegExpLiterals: true }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@isac/[a-z-]+/', message: 'A library is imported through its entry point, @isac/<name> (STYLE rule 13).' }] },
      ],
    },
  },
];
