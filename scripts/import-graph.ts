// The project's import graph, read from the source (TypeScript, Astro frontmatter and <script> blocks,
// MDX imports): for scripts/core-imports.ts and the layering test (tests/unit/import-graph.test.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

export interface ImportEdge {
  /** A project file (absolute path), or the specifier itself for a package or `node:` module. */
  target: string;
  /** `import type` / `export type`: erased, so it loads nothing at run time. */
  typeOnly: boolean;
}

const SOURCE = /\.(ts|mts|mjs|js|astro|mdx)$/;

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => SOURCE.test(path) && statSync(path).isFile())
    .sort();
}

/** The import and export-from declarations (and `import()` of a literal) of a TypeScript text. */
function scriptImports(code: string, fileName: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly ?? false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push({ specifier: argument.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The code blocks of a file: a whole TypeScript file; an Astro file's frontmatter (server side) and
 * its processed `<script>` blocks (bundled for the browser); an MDX file's import lines.
 */
export function codeBlocks(path: string): { code: string; browser: boolean }[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.astro')) {
    const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
    // A bare <script> is processed and bundled; is:inline, JSON-LD and other typed blocks are not modules.
    const scripts = [...text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => ({ code: m[1]!, browser: true }));
    return [{ code: frontmatter, browser: false }, ...scripts];
  }
  if (path.endsWith('.mdx')) {
    return [
      {
        code: text
          .split('\n')
          .filter((line) => /^(import|export) .* from /.test(line))
          .join('\n'),
        browser: false,
      },
    ];
  }
  return [{ code: text, browser: false }];
}

function resolveSpecifier(specifier: string, from: string): string {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return specifier;
  const path = resolve(dirname(from), specifier);
  if (existsSync(path)) return path;
  throw new Error(`${relative(PROJECT_ROOT, from)}: cannot resolve ${specifier}`);
}

/** Each file's imports; `browserOnly` keeps just what its `<script>` blocks import (Astro files). */
export function fileImports(path: string, { browserOnly = false } = {}): ImportEdge[] {
  return codeBlocks(path)
    .filter((block) => !browserOnly || block.browser)
    .flatMap((block) => scriptImports(block.code, path))
    .map(({ specifier, typeOnly }) => ({ target: resolveSpecifier(specifier, path), typeOnly }));
}

const NODE_BUILTINS = new Set(builtinModules);
export const isNodeApi = (specifier: string) => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!);

/** Node APIs that reach the file system or other processes; pure ones (node:path, node:crypto) are not among them. */
const SYSTEM_APIS = new Set(['fs', 'fs/promises', 'child_process', 'worker_threads', 'module']);
export const isSystemApi = (specifier: string) => isNodeApi(specifier) && SYSTEM_APIS.has(specifier.replace(/^node:/, ''));

/** `file -> module` for each value import of a system API under `dir` (src/core: it reads and runs nothing). */
export function systemApiImports(dir = CORE_DIR, root = PROJECT_ROOT): string[] {
  return sourceFiles(dir).flatMap((file) =>
    fileImports(file)
      .filter((edge) => !edge.typeOnly && isSystemApi(edge.target))
      .map((edge) => `${relative(root, file)} -> ${edge.target}`),
  );
}

/** The one module of src/build that pages may import: what a page process is told by the build. */
export const PAGE_JOB_CONTRACT = 'src/build/page-job.ts';

/** `file -> module` for each import from src/pages, src/components or src/layouts into src/build other than PAGE_JOB_CONTRACT. */
export function pageImportsOfBuild(root = PROJECT_ROOT): string[] {
  const build = join(root, 'src/build');
  const contract = join(root, PAGE_JOB_CONTRACT);
  return ['src/pages', 'src/components', 'src/layouts']
    .map((dir) => join(root, dir))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => sourceFiles(dir))
    .flatMap((file) =>
      fileImports(file)
        .filter((edge) => edge.target.startsWith(`${build}/`) && edge.target !== contract)
        .map((edge) => `${relative(root, file)} -> ${relative(root, edge.target)}`),
    );
}

/** The modules the browser bundles: src/lib's, and those the `<script>` blocks of Astro files import. */
export function browserEntries(root = PROJECT_ROOT): string[] {
  const src = join(root, 'src');
  const islands = sourceFiles(src)
    .filter((path) => path.endsWith('.astro'))
    .flatMap((path) => fileImports(path, { browserOnly: true }).map((edge) => edge.target))
    .filter((target) => target.startsWith('/'));
  const lib = existsSync(join(src, 'lib')) ? sourceFiles(join(src, 'lib')) : [];
  return [...new Set([...lib, ...islands])].sort();
}

/**
 * For each Node API that `entries` load at run time (type-only imports load nothing), one chain of
 * imports from an entry to it: `[entry, …, 'node:fs']`.
 */
export function nodeApiChains(entries: readonly string[]): string[][] {
  const parent = new Map<string, string | undefined>(entries.map((entry) => [entry, undefined]));
  const queue = [...entries];
  const chains: string[][] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const { target, typeOnly } of fileImports(file)) {
      if (typeOnly || parent.has(target)) continue;
      parent.set(target, file);
      if (isNodeApi(target)) {
        const chain = [target];
        for (let at: string | undefined = file; at; at = parent.get(at)) chain.unshift(at);
        chains.push(chain);
      } else if (target.startsWith('/')) queue.push(target);
    }
  }
  return chains;
}

/** Strongly connected components with more than one member (or a self-import): the cycles. */
export function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || edges.get(node)?.includes(node)) found.push(component.sort());
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) connect(node);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

export const CORE_DIR = join(PROJECT_ROOT, 'src/core');

/** A core module's name as the report shows it: `catalog/load.ts`. */
export const coreName = (path: string) => relative(CORE_DIR, path);

/** The part of core a module (`catalog/load.ts`) belongs to: its directory, or the file itself at the top (`risk.ts`). */
export const corePart = (module: string) => module.split('/')[0]!;

/** src/core's modules and their imports within src/core, type-only imports included. */
export function coreGraph(): Map<string, { target: string; typeOnly: boolean }[]> {
  const graph = new Map<string, { target: string; typeOnly: boolean }[]>();
  for (const file of sourceFiles(CORE_DIR)) {
    const edges = fileImports(file).filter((edge) => edge.target.startsWith(`${CORE_DIR}/`));
    graph.set(
      coreName(file),
      edges.map((edge) => ({ target: coreName(edge.target), typeOnly: edge.typeOnly })),
    );
  }
  return graph;
}

/** The same graph between parts of core (directories), without edges within a part. */
export function corePartGraph(graph = coreGraph()): Map<string, string[]> {
  const parts = new Map<string, Set<string>>();
  for (const [module, edges] of graph) {
    const from = corePart(module);
    const targets = parts.get(from) ?? new Set<string>();
    parts.set(from, targets);
    for (const { target } of edges) if (corePart(target) !== from) targets.add(corePart(target));
  }
  return new Map([...parts].map(([part, targets]) => [part, [...targets].sort()]));
}
