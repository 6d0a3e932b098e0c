import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BIN } from '../support/run-cli.ts';

const verbs = ['get', 'list', 'delete', 'create', 'send'];

/** A catalog whose pages take the page process several seconds to render. */
function mediumCatalog(root: string): string {
  const servers = join(root, 'catalog', 'servers');
  mkdirSync(servers, { recursive: true });
  for (let s = 0; s < 40; s++) {
    const tools = Array.from({ length: 200 }, (_, i) => ({
      name: `${verbs[i % verbs.length]}_item_${i}`,
      description: `Works on item ${i} of collection ${s}.`,
      inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
    }));
    writeFileSync(join(servers, `server-${s}.json`), JSON.stringify({ name: `Server ${s}`, tools }));
  }
  return join(root, 'catalog');
}

/** The page processes among a process's children. */
function pageProcesses(parent: number): number[] {
  let listing: string;
  try {
    listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are none
  }
  return listing
    .split('\n')
    .filter((line) => line.includes('page-process.ts'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** Running, not ended: a zombie (ended, not yet reaped by whoever adopted it) counts as ended. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

describe('a build killed with -9', () => {
  it('takes its page processes with it, mid-render', { timeout: 120_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'atlas-killed-'));
    const build = spawn(process.execPath, [BIN, 'build', '--quiet', '--jobs', '1', '--catalog', mediumCatalog(root), '--out', join(root, 'site')], {
      stdio: 'ignore',
    });
    let renderers: number[] = [];
    await vi.waitFor(() => expect((renderers = pageProcesses(build.pid!))).not.toEqual([]), { timeout: 60_000, interval: 100 });
    build.kill('SIGKILL');
    // Rendering 8,000 tool pages takes far longer than this: only its parent's death ends it so soon.
    await vi.waitFor(() => expect(renderers.filter(alive)).toEqual([]), { timeout: 4_000, interval: 100 });
  });
});
