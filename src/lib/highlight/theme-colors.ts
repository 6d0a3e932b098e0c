import { getSingletonHighlighter } from 'shiki';
import type { ThemeColors } from './style-classes.ts';

/** A theme's block colours and every token colour its rules can give, as Shiki resolves them. */
export async function themeColors(name: string): Promise<ThemeColors> {
  const highlighter = await getSingletonHighlighter({ themes: [name], langs: [] });
  const theme = highlighter.getTheme(name);
  const palette = theme.settings.flatMap((rule) => (typeof rule.settings?.foreground === 'string' ? [rule.settings.foreground] : []));
  return { bg: theme.bg, fg: theme.fg, palette: [theme.fg, ...palette] };
}
