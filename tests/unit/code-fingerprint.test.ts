import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFingerprint, codeFingerprint } from '../../src/build/code-fingerprint.ts';

describe('the code fingerprint behind every server key', () => {
  it('changes when a source file, the configuration or the deployment URL changes, and only then', () => {
    const root = mkdtempSync(join(tmpdir(), 'atlas-code-'));
    mkdirSync(join(root, 'src/components'), { recursive: true });
    writeFileSync(join(root, 'src/components/Page.astro'), '<p>one</p>');
    writeFileSync(join(root, 'astro.config.mjs'), 'export default {}');
    writeFileSync(join(root, 'README.md'), 'not an input');
    const first = codeFingerprint(root);
    expect(codeFingerprint(root)).toBe(first);
    writeFileSync(join(root, 'README.md'), 'still not an input');
    expect(codeFingerprint(root)).toBe(first);
    writeFileSync(join(root, 'src/components/Page.astro'), '<p>two</p>');
    const second = codeFingerprint(root);
    expect(second).not.toBe(first);
    writeFileSync(join(root, 'astro.config.mjs'), 'export default { base: "/x/" }');
    expect(codeFingerprint(root)).not.toBe(second);
    expect(buildFingerprint(root, { BASE_PATH: '/a/' })).not.toBe(buildFingerprint(root, { BASE_PATH: '/b/' }));
    expect(buildFingerprint(root, { SITE_URL: 'https://a.example' })).not.toBe(buildFingerprint(root, {}));
  });
});
