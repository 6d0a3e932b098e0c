import { HIGHLIGHT_THEMES, highlightStylesheet } from '../lib/highlight/style-classes.ts';
import { themeColors } from '../lib/highlight/theme-colors.ts';

/** The colours of every highlighted code block, as classes (see style-classes.ts). */
export async function GET() {
  const css = highlightStylesheet(await themeColors(HIGHLIGHT_THEMES.light), await themeColors(HIGHLIGHT_THEMES.dark));
  return new Response(css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
}
