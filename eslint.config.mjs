// ESLint 9 flat config: LWC rules for the widgets, typescript-eslint for everything else.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import lwcConfig from '@salesforce/eslint-config-lwc';

const LWC = ['force-app/main/default/lwc/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/coverage/',
      '.data/',
      '**/cdk.out/',
      'force-app/**/lwc/**/*.js',
      'force-app/**/staticresources/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.spec.ts', '**/__tests__/**', '**/test/**'], languageOptions: { globals: { ...globals.jest } } },
  // Salesforce's LWC rules, read through the TypeScript parser (their own Babel parser trips on type syntax).
  ...lwcConfig.configs.recommended.map((config) => ({
    ...config,
    files: LWC,
    languageOptions: { ...config.languageOptions, parser: tseslint.parser, globals: { ...globals.browser } },
  })),
  // typescript-eslint's no-unused-vars understands TS function types; the core rule flags their parameters.
  { files: LWC, rules: { 'no-unused-vars': 'off' } },
  { files: ['preview/src/**/*.ts'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },
);
