// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Built output, build scratch folders and the catalog data are not source.
  globalIgnores(['dist/', 'dist.*/', '.dist-*/', '.*.builds/', '.astro/', '.cache/', 'tests/.site/', 'test-results/', 'data/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs.recommended,
  {
    // The CLI, the build, the scripts and the tests run in Node; the pages' island scripts in the browser.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // `const { overrides: _o, ...rest } = tool` is how this codebase drops a key: the named one is unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Control characters in a regex are deliberate here: ANSI escapes in Astro's output, and the
      // C0/C1 controls that hostile tool text is scrubbed of (src/core/text/terminal-safe.ts) and tested with.
      'no-control-regex': 'off',
    },
  },
);
