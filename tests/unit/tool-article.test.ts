import { describe, expect, it } from 'vitest';
import type { CatalogTool } from '../../src/core/catalog/build-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';
import { buildRelatedIndex } from '../../src/core/catalog/related.ts';
import { toolPage } from '../../src/core/catalog/tool-page.ts';
import { toolArticle } from '../../src/core/site/tool-article.ts';
import { mergeImport } from '../../src/core/import/merge.ts';
import type { ServerFile, Tool } from '../../src/core/schema/server.ts';
import { catalogOf, SMALL_CATALOG, smallTool } from '../support/small-catalog.ts';
import { parseServerFile } from '../../src/core/catalog/server-file.ts';
import { CODE_HOST_SLUG, codeHostServer } from '../fixtures/code-host-server.ts';

const index = buildRelatedIndex(SMALL_CATALOG);
const articleOf = (tool: CatalogTool, relatedIndex = index) => toolArticle(tool, loadDefinition(tool), relatedIndex);
const pageOf = (id: string) => articleOf(smallTool(id));

describe('toolArticle: what a tool page shows around the catalog entry', () => {
  it('links the tool to its server, level and category, and names its trail', () => {
    const tool = smallTool('notebook/delete_note');
    const page = toolArticle(tool, loadDefinition(tool), index);
    expect(page.path).toBe(`/servers/notebook/${tool.slug}/`);
    expect(page.serverPath).toBe('/servers/notebook/');
    expect(page.trail).toEqual([
      { label: 'Home', path: '/' },
      { label: 'Servers', path: '/servers/' },
      { label: 'Notebook Server', path: '/servers/notebook/' },
      { label: 'delete_note' },
    ]);
    expect(page.level.path).toBe(`/risk/${tool.classification.level}/`);
    expect(page.category).toEqual({ label: 'Destructive', path: '/categories/destructive/' });
    expect(page).toMatchObject(toolPage(tool, loadDefinition(tool)));
  });

  it('says where the server policy is stricter than the rule the page recommends, and only there', () => {
    const { data } = parseServerFile(codeHostServer, `${CODE_HOST_SLUG}.json`);
    const host = catalogOf({ [CODE_HOST_SLUG]: data });
    const page = (name: string) =>
      articleOf(
        host.servers[0]!.tools.find((t) => t.name === name)!,
        buildRelatedIndex(host),
      );
    expect(page('push_files').serverPolicyNote).toMatch(/^The server policy is stricter for this tool: a person approves each call/);
    expect(page('push_files').rule.action).toBeUndefined();
    expect(page('get_pull_request')).not.toHaveProperty('serverPolicyNote');
  });

  it('gives confidence in whole percent and flags it low below the threshold only', () => {
    const vague = pageOf('notebook/nbk_frob_state');
    expect(vague.lowConfidence).toBe(true);
    expect(vague.confidencePercent).toBeLessThan(40);
    const clear = pageOf('notebook/delete_note');
    expect(clear.lowConfidence).toBe(false);
    expect(clear.confidencePercent).toBe(Math.round(smallTool('notebook/delete_note').classification.confidence * 100));
    expect(clear.confidencePercent).toBeGreaterThanOrEqual(40);
  });

  it('names each signal with its label', () => {
    const page = pageOf('runner/run_command');
    expect(page.signals.map((s) => s.id)).toEqual(smallTool('runner/run_command').classification.signals);
    expect(page.signals).toContainEqual({ id: 'shell-command', label: expect.stringMatching(/\w/) });
  });

  it('checks the declared annotations against the rating', () => {
    expect(pageOf('notebook/list_notes').annotationCheck.status).toBe('agree');
    expect(pageOf('ledger/send_payment').annotationCheck.status).toBe('undeclared');
  });

  it('relates other tools, never the tool itself, siblings of the same category first', () => {
    const tool = smallTool('notebook/read_note_file');
    const related = toolArticle(tool, loadDefinition(tool), index).related;
    expect(related.length).toBeGreaterThan(0);
    expect(related).not.toContain(tool);
    expect(related[0]!.server).toBe(tool.server);
    expect(related[0]!.classification.category).toBe(tool.classification.category);
  });

  it('has no history for a tool never imported twice, and the change date and diffs for one that changed', () => {
    expect(pageOf('notebook/list_notes').history).toEqual({});
    expect(pageOf('notebook/list_notes').changes).toEqual([]);

    const v1: Tool = { name: 'send_note', description: 'Sends a note.' };
    const v2: Tool = { ...v1, description: 'Sends a note to anyone, anywhere.' };
    let file: ServerFile | undefined;
    [v1, v2].forEach(
      (tool, i) => (file = mergeImport({ existing: file, tools: [tool], now: new Date(`2025-04-0${i + 1}T00:00:00Z`), serverName: 'Notes' }).file),
    );
    const changed = catalogOf({ notes: file! });
    const page = articleOf(changed.tools[0]!, buildRelatedIndex(changed));
    expect(page.history).toEqual({ firstSeen: '2025-04-01', changedOn: '2025-04-02' });
    expect(page.changes.map((c) => [c.date, c.diff.fields])).toEqual([['2025-04-02', ['description']]]);
  });
});
