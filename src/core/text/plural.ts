/** `1 server`, `2 servers`, `12,000 tools`: a count and its noun, the plural given where adding "s" is wrong. */
export const plural = (count: number, noun: string, nouns = `${noun}s`): string => `${count.toLocaleString('en')} ${count === 1 ? noun : nouns}`;
