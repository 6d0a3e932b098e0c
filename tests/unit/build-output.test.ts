import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { collectIO, runCommand } from '../support/command-io.ts';
import { BUILD_MARKER, outputProblem, publishedFolder } from '../../src/build/output-guard.ts';
import { BuildLockedError, buildsFolderOf, lockOutput, OutputChangedError, publish, stagingFolder, UnsafeBuildsFolderError } from '../../src/build/publish.ts';
import { runBuild } from '../../src/build/run-build.ts';
import { scratchFolder } from '../../src/build/scratch-folder.ts';
import { CATALOG_CACHE_NAME } from '../../src/build/catalog/catalog-cache.ts';
import { run as buildCommand } from '../../src/cli/build-command.ts';
import { run as mergeCommand } from '../../src/cli/merge-command.ts';

const temp = (prefix: string) => realpathSync(mkdtempSync(join(tmpdir(), prefix)));

function catalogIn(root: string): string {
  const catalog = join(root, 'catalog');
  mkdirSync(join(catalog, 'servers'), { recursive: true });
  writeFileSync(join(catalog, 'servers/keep.json'), JSON.stringify({ name: 'Keep', tools: [{ name: 'list_things' }] }));
  return catalog;
}

describe('the build output guard', () => {
  const root = temp('atlas-guard-');
  const catalog = catalogIn(root);
  const project = join(root, 'project');
  const home = join(root, 'home');
  mkdirSync(project);
  mkdirSync(home);
  const paths = { catalog, project, cwd: project, home };

  it.each([
    ['the catalog itself', catalog, /it is the catalog/],
    ['a folder that contains the catalog', root, /it contains the catalog/],
    ['a folder inside the catalog', join(catalog, 'site'), /lies inside the catalog/],
    ['the project', project, /it is the project/],
    ['the current directory', project, /it is the project|it is the current directory/],
    ['HOME', home, /it is your home directory/],
  ])('refuses %s', (_label, out, message) => {
    expect(outputProblem({ ...paths, out })).toMatch(message);
  });

  it('refuses a non-empty folder no build made, and a file', () => {
    const out = join(root, 'photos');
    mkdirSync(out);
    writeFileSync(join(out, 'holiday.jpg'), 'not a site');
    expect(outputProblem({ ...paths, out })).toMatch(/not empty and no Policy Atlas build made it/);
    expect(outputProblem({ ...paths, out: join(out, 'holiday.jpg') })).toMatch(/is a file/);
  });

  it('accepts a new folder, an empty one, an earlier build and a link to one', () => {
    expect(outputProblem({ ...paths, out: join(root, 'new/dist') })).toBeUndefined();
    mkdirSync(join(root, 'empty'));
    expect(outputProblem({ ...paths, out: join(root, 'empty') })).toBeUndefined();
    const built = join(root, 'built');
    mkdirSync(built);
    writeFileSync(join(built, 'index.html'), '<p>site</p>');
    writeFileSync(join(built, BUILD_MARKER), '{}');
    expect(outputProblem({ ...paths, out: built })).toBeUndefined();
    symlinkSync(built, join(root, 'linked'));
    const older = join(root, 'older');
    mkdirSync(older);
    writeFileSync(join(older, 'catalog.json'), JSON.stringify({ generator: 'Policy Atlas', totals: {} }));
    expect(outputProblem({ ...paths, out: older })).toBeUndefined();
    expect(outputProblem({ ...paths, out: join(root, 'linked') })).toBeUndefined();
  });
});

/** A build copied the way the README says to deploy one (`rsync -a dist/ site/`), marker and all. */
function copiedBuild(root: string): string {
  const site = join(root, 'gh-pages');
  mkdirSync(join(site, 'servers/keep'), { recursive: true });
  writeFileSync(join(site, BUILD_MARKER), '{"generator":"policy-atlas","servers":{},"files":{}}');
  writeFileSync(join(site, 'catalog.json'), JSON.stringify({ generator: 'Policy Atlas' }));
  writeFileSync(join(site, 'index.html'), '<p>site</p>');
  writeFileSync(join(site, 'sitemap-0.xml'), '<urlset/>');
  writeFileSync(join(site, 'servers/keep/index.html'), '<p>keep</p>');
  return site;
}

/** What the user added to the copy: a repository, the host's domain file, their notes. */
function addOwnFiles(site: string): void {
  mkdirSync(join(site, '.git'));
  writeFileSync(join(site, '.git/HEAD'), 'ref: refs/heads/gh-pages\n');
  writeFileSync(join(site, 'CNAME'), 'atlas.example.org');
  writeFileSync(join(site, 'notes.md'), 'mine');
}

const everyFile = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => !lstatSync(join(dir, name)).isDirectory())
    .sort();

describe('a copied build that holds files of its own', () => {
  it('is refused, naming every file that would be lost', () => {
    const root = temp('atlas-copied-');
    const site = copiedBuild(root);
    const paths = { catalog: catalogIn(root), project: join(root, 'project'), cwd: root };
    expect(outputProblem({ ...paths, out: site })).toBeUndefined();
    addOwnFiles(site);
    expect(outputProblem({ ...paths, out: site })).toMatch(/it holds "\.git", "CNAME" and "notes\.md", which no build writes/);
  });

  it.each([['build'], ['merge']])('survives `policy-atlas %s --out` with every file', async (command) => {
    const root = temp('atlas-copied-');
    const catalog = catalogIn(root);
    const site = copiedBuild(root);
    addOwnFiles(site);
    const before = everyFile(site);
    const shard = copiedBuild(join(root, 'shard-parent'));
    const result =
      command === 'build'
        ? await runCommand(buildCommand, ['--catalog', catalog, '--out', site])
        : await runCommand(mergeCommand, [shard, '--catalog', catalog, '--out', site]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to build into .*gh-pages: it holds "\.git", "CNAME" and "notes\.md"/);
    expect(everyFile(site)).toEqual(before);
    expect(readFileSync(join(site, '.git/HEAD'), 'utf8')).toMatch(/gh-pages/);
  });

  it('is not replaced by publish when the files were added while the build ran', () => {
    const root = temp('atlas-copied-');
    const site = copiedBuild(root);
    const staging = stagingFolder(site);
    addOwnFiles(site);
    expect(() => publish(site, staging)).toThrow(OutputChangedError);
    expect(lstatSync(site).isDirectory()).toBe(true);
    expect(readFileSync(join(site, 'CNAME'), 'utf8')).toBe('atlas.example.org');
  });
});

describe('publishing a build', () => {
  it('points the output at the new build through a link and removes the one it replaced', async () => {
    const root = temp('atlas-publish-');
    const out = join(root, 'dist');
    const first = stagingFolder(out);
    writeFileSync(join(first, 'index.html'), 'one');
    publish(out, first);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('one');
    expect(existsSync(join(out, BUILD_MARKER))).toBe(true);

    const second = stagingFolder(out);
    writeFileSync(join(second, 'index.html'), 'two');
    publish(out, second);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('two');
    expect(readdirSync(buildsFolderOf(out))).toEqual([second.split('/').pop()]);
    // The replaced build is deleted after publishing, in the background.
    await vi.waitFor(() => expect(readdirSync(root).filter((name) => name !== 'dist' && name !== '.dist.builds')).toEqual([]), { timeout: 10_000 });
  });

  it('replaces an earlier build that is a real folder', () => {
    const root = temp('atlas-publish-');
    const out = join(root, 'dist');
    mkdirSync(out);
    writeFileSync(join(out, BUILD_MARKER), '{}');
    mkdirSync(join(out, 'servers/gone'), { recursive: true });
    writeFileSync(join(out, 'servers/gone/index.html'), 'old');
    const staging = stagingFolder(out);
    writeFileSync(join(staging, 'index.html'), 'new');
    publish(out, staging);
    expect(publishedFolder(out)).toBe(staging);
    expect(existsSync(join(out, 'servers/gone'))).toBe(false);
    expect(readdirSync(buildsFolderOf(out))).toHaveLength(1);
  });

  it('lets one build at a time write an output, and takes over the lock of a build that died', () => {
    const root = temp('atlas-lock-');
    const out = join(root, 'dist');
    const release = lockOutput(out);
    expect(() => lockOutput(out)).toThrow(BuildLockedError);
    release();
    lockOutput(out)();
    // A lock left by a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
    writeFileSync(join(root, '.dist.lock'), String(4_194_305));
    expect(() => lockOutput(out)()).not.toThrow();
  });
});

describe('two builds of one output at once', () => {
  it("the second is refused before it writes anything the first reads: the catalog's reading stays byte for byte", { timeout: 60_000 }, async () => {
    const root = temp('atlas-race-');
    const out = join(root, 'dist');
    // The first build holds the lock and reads from its cache folder (its reading and its snapshot of it).
    const release = lockOutput(out);
    const cache = join(buildsFolderOf(out), '.cache', CATALOG_CACHE_NAME);
    mkdirSync(dirname(cache), { recursive: true });
    writeFileSync(cache, "the first build's reading\n");
    const before = statSync(cache);
    try {
      const { io, written } = collectIO();
      const code = await runBuild({ catalogDir: catalogIn(root), outDir: out }, io);
      expect(code).toBe(1);
      expect(written.stderr).toContain(`another build (process ${process.pid}) is writing ${out}`);
    } finally {
      release();
    }
    expect(readFileSync(cache, 'utf8')).toBe("the first build's reading\n");
    expect(statSync(cache).ino).toBe(before.ino);
    expect(readdirSync(dirname(cache))).toEqual([CATALOG_CACHE_NAME]);
    expect(readdirSync(buildsFolderOf(out))).toEqual(['.cache']);
  });
});

describe('a builds folder planted in a shared parent', () => {
  /** Another user's link from `/tmp/.dist.builds` to a folder of yours. */
  function planted() {
    const root = temp('atlas-planted-');
    const victim = join(root, 'home/work');
    mkdirSync(victim, { recursive: true });
    writeFileSync(join(victim, 'thesis.tex'), 'years of it');
    const out = join(root, 'tmp/dist');
    mkdirSync(dirname(out));
    symlinkSync(victim, buildsFolderOf(out));
    return { out, victim };
  }

  it('is refused before a build is staged or published, and its target keeps every file', () => {
    const { out, victim } = planted();
    expect(() => stagingFolder(out)).toThrow(UnsafeBuildsFolderError);
    const elsewhere = join(victim, '..', 'staged');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'index.html'), 'site');
    expect(() => publish(out, elsewhere)).toThrow(/is a symbolic link/);
    expect(readdirSync(victim)).toEqual(['thesis.tex']);
  });

  it('makes `policy-atlas build` refuse the output, naming the link', async () => {
    const { out, victim } = planted();
    const result = await runCommand(buildCommand, ['--catalog', catalogIn(join(victim, '..')), '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to build into .*dist: .*\.dist\.builds, where builds of it are kept .* is a symbolic link/);
    expect(readdirSync(victim)).toEqual(['thesis.tex']);
  });
});

describe('the lock of a build that was killed', () => {
  it('is taken over when its process id now belongs to another process', () => {
    const root = temp('atlas-lock-');
    const out = join(root, 'dist');
    // This test's own id, with another start time: the dead build's id, reused.
    writeFileSync(join(root, '.dist.lock'), `${process.pid}.1`);
    const release = lockOutput(out);
    expect(() => lockOutput(out)).toThrow(BuildLockedError);
    release();
    expect(existsSync(join(root, '.dist.lock'))).toBe(false);
  });

  it('is taken over by one build only, when another finds it dead at the same time', () => {
    const root = temp('atlas-lock-');
    const out = join(root, 'dist');
    writeFileSync(join(root, '.dist.lock'), '4194305');
    let other: (() => void) | undefined;
    // While this build has read the dead lock, another takes it over.
    expect(() => lockOutput(out, () => (other = lockOutput(out)))).toThrow(BuildLockedError);
    expect(other).toBeTypeOf('function');
    expect(existsSync(join(root, '.dist.lock.takeover'))).toBe(false);
  });
});

describe('scratch folders of builds killed with -9', () => {
  it("are removed by the next build; a running build's stays", () => {
    const parent = temp('atlas-scratch-');
    const own = scratchFolder(parent, 'build-');
    for (const name of ['build-4194305.77-abcdef', `build-${process.pid}.1-ghijkl`, 'build-Xy12Zw', 'other-4194305-abcdef']) mkdirSync(join(parent, name));
    const next = scratchFolder(parent, 'build-');
    expect(readdirSync(parent).sort()).toEqual([basename(next), basename(own), 'other-4194305-abcdef'].sort());
  });
});

describe('policy-atlas build on a folder it must not replace', () => {
  it('refuses --out pointing at the catalog, and every data file stays', async () => {
    const root = temp('atlas-refuse-');
    const catalog = catalogIn(root);
    const result = await runCommand(buildCommand, ['--catalog', catalog, '--out', catalog]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to build into .*: it is the catalog/);
    expect(readdirSync(join(catalog, 'servers'))).toEqual(['keep.json']);
  });

  it('refuses --out . in a folder with files, and leaves them', async () => {
    const root = temp('atlas-refuse-');
    catalogIn(root);
    writeFileSync(join(root, 'notes.txt'), 'mine');
    const result = await runCommand(buildCommand, ['--catalog', 'catalog', '--out', '.'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/it is the current directory|it contains the catalog/);
    expect(readdirSync(root).sort()).toEqual(['catalog', 'notes.txt']);
  });
});
