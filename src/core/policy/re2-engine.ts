import { RE2JS } from 're2js';
import type { LinearRegexEngine } from './regex-linear.ts';

/** RE2 in plain JavaScript: linear in the text, whatever the pattern (see regex-linear.ts). */
export const re2Engine: LinearRegexEngine = {
  compile(pattern) {
    const regex = RE2JS.compile(pattern);
    return { test: (text) => regex.matcher(text).find() };
  },
};
