// Flat ESLint config for the whole workspace: TypeScript (type-aware), Lit, Lit a11y, web components.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/coverage/**', '**/generated/**', '**/node_modules/**', 'storybook-static/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  lit.configs['flat/recommended'],
  litA11y.configs.recommended,
  wc.configs['flat/recommended'],
  {
    rules: {
      // `@click=${this.onClick}` passes methods that Lit binds to the host.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/test/**/*.ts', '**/*.stories.ts'],
    rules: {
      // Tests poke at shadow roots and fake browser objects on purpose.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      'wc/guard-super-call': 'off',
    },
  },
  {
    files: ['apps/server/test/**/*.ts'],
    // node:test's describe/it return promises that the runner itself awaits.
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    // Plain-JavaScript test runners, benchmarks and scripts: the same rules without type information.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node, ...globals.browser } },
  },
);
