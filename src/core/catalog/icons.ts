/** An icon a page may show: an `<img>` source and the box it is drawn in. */
export interface DisplayIcon {
  src: string;
  width: number;
  height: number;
}

const DEFAULT_SIZE = 32;
const MAX_SIZE = 64;
// A page carries data: icons inline; an icon is a few kilobytes, anything far past that is not one.
const MAX_DATA_URL_LENGTH = 65_536;
// Raster types only: an SVG can carry script and external references, whatever its wrapper.
const RASTER_MIME = /^image\/(png|jpeg|jpg|webp)$/i;
const RASTER_DATA_URL = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/;
const SVG_PATH = /\.svgz?$/i;
const SIZE = /^([1-9][0-9]{0,4})x([1-9][0-9]{0,4})$/;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

// `/icon%2Esvg` is an SVG to the server that decodes it.
const decoded = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

/** The `src` to render, or undefined: https URLs not naming an SVG, and base64 PNG, JPEG or WebP data URLs. */
function safeSource(src: string): string | undefined {
  if (src.startsWith('data:')) return src.length <= MAX_DATA_URL_LENGTH && RASTER_DATA_URL.test(src) ? src : undefined;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || SVG_PATH.test(decoded(url.pathname))) return undefined;
  return url.href;
}

/** The box from the first "WxH" of `sizes`, scaled down to fit MAX_SIZE; DEFAULT_SIZE when none ("any", absent). */
function box(sizes: unknown): { width: number; height: number } {
  const size = Array.isArray(sizes) ? sizes.map((s) => (typeof s === 'string' ? SIZE.exec(s) : null)).find(Boolean) : undefined;
  if (!size) return { width: DEFAULT_SIZE, height: DEFAULT_SIZE };
  const [width, height] = [Number(size[1]), Number(size[2])];
  const scale = Math.min(1, MAX_SIZE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The icons a page may show, from whatever a server sent (MCP `icons`); never throws, never an SVG. */
export function displayableIcons(icons: unknown): DisplayIcon[] {
  if (!Array.isArray(icons)) return [];
  const shown: DisplayIcon[] = [];
  for (const icon of icons) {
    if (!isObject(icon) || typeof icon.src !== 'string') continue;
    if (icon.mimeType !== undefined && (typeof icon.mimeType !== 'string' || !RASTER_MIME.test(icon.mimeType))) continue;
    const src = safeSource(icon.src);
    if (src) shown.push({ src, ...box(icon.sizes) });
  }
  return shown;
}
