import type { ShikiTransformer } from 'shiki';

/**
 * Shiki colours code with a style attribute on every token (`color:#005CC5;--shiki-dark:#79B8FF`):
 * that needs `style-src 'unsafe-inline'` in the CSP and is a large share of every page. This
 * transformer writes classes instead (`l005cc5 d79b8ff`, one rule each in `highlightStylesheet`),
 * drops the colours a token shares with its block, and unwraps tokens left with nothing to say and
 * the spans around each line.
 */

export const HIGHLIGHT_THEMES = { light: 'github-light', dark: 'github-dark' } as const;
export const BLOCK_CLASS = 'hl';

/** `#FFF`, `#24292E` → `ffffff`, `24292e`; undefined for anything that is not a hex colour. */
export function hexColor(value: string | undefined): string | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const digits = match[1]!.toLowerCase();
  return digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
}

function declarations(style: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon > 0) found.set(part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).trim());
  }
  return found;
}

const FONT_CLASSES: Record<string, string> = { 'font-style:italic': 'hi', 'font-weight:bold': 'hb', 'text-decoration:underline': 'hu' };

/**
 * The classes for one token's style, or undefined when a declaration has no class (left as it was).
 * A light colour class applies in both schemes, so a token that has one also names its dark colour.
 */
function tokenClasses(style: string, block: { light?: string; dark?: string }): string[] | undefined {
  const found = declarations(style);
  const light = found.has('color') ? hexColor(found.get('color')) : block.light;
  const dark = found.has('--shiki-dark') ? hexColor(found.get('--shiki-dark')) : block.dark;
  if (!light || !dark) return undefined;
  const classes: string[] = [];
  if (light !== block.light) classes.push(`l${light}`);
  if (dark !== block.dark || light !== block.light) classes.push(`d${dark}`);
  for (const [property, value] of found) {
    if (property === 'color' || property === '--shiki-dark') continue;
    const font = FONT_CLASSES[`${property}:${value.toLowerCase()}`];
    if (!font) return undefined;
    classes.push(font);
  }
  return classes;
}

type Node = { type: string; tagName?: string; properties?: Record<string, unknown>; children?: Node[] };

export function styleToClasses(): ShikiTransformer {
  return {
    name: 'policy-atlas:style-to-classes',
    pre(pre) {
      const style = declarations(String(pre.properties.style ?? ''));
      const block = { light: hexColor(style.get('color')), dark: hexColor(style.get('--shiki-dark')) };
      delete pre.properties.style;
      const existing = pre.properties.class;
      pre.properties.class = [...(Array.isArray(existing) ? existing : existing ? [String(existing)] : []), BLOCK_CLASS].join(' ');
      const visit = (node: Node) => {
        if (!node.children) return;
        node.children = node.children.flatMap((child) => {
          visit(child);
          // Shiki wraps each line in a span that no style uses: a policy's 18 lines are ~470 bytes of them.
          if (child.type === 'element' && child.tagName === 'span' && child.properties?.class === 'line' && Object.keys(child.properties).length === 1)
            return child.children ?? [];
          if (child.type !== 'element' || child.tagName !== 'span' || typeof child.properties?.style !== 'string') return [child];
          const classes = tokenClasses(child.properties.style, block);
          if (!classes) return [child];
          delete child.properties.style;
          if (classes.length > 0) child.properties.class = classes.join(' ');
          // A token with no colour or font of its own is just its text.
          const bare = classes.length === 0 && Object.keys(child.properties).length === 0;
          return bare ? (child.children ?? []) : [child];
        });
      };
      visit(pre as unknown as Node);
    },
  };
}

export interface ThemeColors {
  bg: string;
  fg: string;
  /** Every foreground colour the theme's rules can give a token. */
  palette: readonly string[];
}

/** The stylesheet for `styleToClasses`: the block's colours and one rule per palette colour, per scheme. */
export function highlightStylesheet(light: ThemeColors, dark: ThemeColors): string {
  const rules = (theme: ThemeColors, prefix: string) => [
    `.${BLOCK_CLASS}{background-color:#${hexColor(theme.bg)};color:#${hexColor(theme.fg)}}`,
    ...[...new Set(theme.palette.map(hexColor).filter((hex): hex is string => Boolean(hex)))]
      .sort()
      .map((hex) => `.${BLOCK_CLASS} .${prefix}${hex}{color:#${hex}}`),
  ];
  return [
    `.${BLOCK_CLASS}{overflow-x:auto}.${BLOCK_CLASS} .hi{font-style:italic}.${BLOCK_CLASS} .hb{font-weight:bold}.${BLOCK_CLASS} .hu{text-decoration:underline}`,
    ...rules(light, 'l'),
    `@media (prefers-color-scheme: dark){${rules(dark, 'd').join('')}}`,
    '',
  ].join('\n');
}
