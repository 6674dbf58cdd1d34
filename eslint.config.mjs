// Lint rules the compiler does not enforce: promises nobody awaits, focused or
// skipped tests, and the layers' import boundaries. Type-aware (typescript-eslint
// reads tsconfig.json); `npm test` runs it on the compiler's own programs (scripts/typecheck-and-lint.ts).
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';

/** A folder may not import from these (its layer's boundary). */
const boundary = (folder, forbidden, message) => ({
  files: [`${folder}/**/*.ts`],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'cdktf.out/**', 'node_modules/**', '.local-data/**', '**/*.generated.ts', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    plugins: { jest },
    rules: { 'jest/no-focused-tests': 'error', 'jest/no-disabled-tests': 'error', 'jest/no-identical-title': 'error' },
  },
  boundary('platform', ['../*', '!./*'], 'platform/ holds the definitions everything else reads: it imports nothing of the project'),
  boundary('stacks', ['**/lambdas/**', '**/offline/**'], 'stacks/, lambdas/ and offline/ never import each other'),
  boundary('lambdas', ['**/stacks/**', '**/offline/**'], 'stacks/, lambdas/ and offline/ never import each other'),
  boundary('offline', ['**/stacks/**', '**/lambdas/**'], 'stacks/, lambdas/ and offline/ never import each other'),
  boundary('web', ['**/stacks/**', '**/lambdas/**', '**/offline/**', '**/bundling/**'], 'the web app runs in a browser: it reads platform/ and the OpenAPI types, nothing of the server'),
);
