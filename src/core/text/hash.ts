/** FNV-1a, 32 bits: a stable number for a text, the same on every run and machine (not for security). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The same as base-36: a short stable fingerprint. */
export const shortHash = (text: string): string => fnv1a(text).toString(36).padStart(7, '0');
