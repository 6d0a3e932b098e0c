import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { loadCatalogDir } from '../../src/core/catalog/load.ts';
import { NO_DESCRIPTION, searchRecords } from '../../src/core/search/search-records.ts';

const catalog = buildCatalog(loadCatalogDir(fileURLToPath(new URL('../../data', import.meta.url))));
const records = searchRecords(catalog);
const recordOf = (name: string) => records.find((r) => r.meta.kind === 'tool' && r.meta.title === name)!;

describe('search records', () => {
  it('keep the content to the description, since excerpts are cut from it', () => {
    const record = recordOf('getUserProfile');
    expect(record.content).toBe("Returns a workspace member's profile, including name, email address and role.");
    expect(record.meta).toMatchObject({ nameWords: 'get user profile', toolTitle: 'Get user profile', parameters: 'userId' });
  });

  it('put the words added for matching in metadata, never in the content', () => {
    for (const record of records.filter((r) => r.meta.kind === 'tool')) {
      expect(record.content).not.toContain(`(${record.meta.title}:`);
      expect(record.content).not.toMatch(/Parameters:/);
    }
  });

  it('give a tool without a description some content, so Pagefind indexes it', () => {
    expect(recordOf('esm_msk_policy').content).toBe(NO_DESCRIPTION);
    expect(recordOf('esm_msk_policy').meta.nameWords).toBe('esm msk policy');
  });
});
