/**
 * A regex condition only asks whether the pattern is found somewhere in the text (`RegExp.test`).
 * For that question a `.*` at either end of the pattern adds nothing and a `.+` needs one character
 * only, yet to a backtracking engine they are loops that make `.*\.env.*` slow on long text. This
 * drops them: the result is found in exactly the texts the source is found in.
 */
export function searchForm(source: string): string {
  let form = source;
  for (;;) {
    const next = trimEnd(trimStart(form));
    if (next === form) break;
    form = next;
  }
  try {
    new RegExp(form);
    return form;
  } catch {
    return source;
  }
}

// At the very start or end of a pattern that compiles, an unescaped `.` is outside any group or class.
const LEADING = /^\.([*+])\??/;
const TRAILING = /\.([*+])\??$/;

function trimStart(form: string): string {
  const match = LEADING.exec(form);
  if (!match) return form;
  return (match[1] === '+' ? '.' : '') + form.slice(match[0].length);
}

function trimEnd(form: string): string {
  const match = TRAILING.exec(form);
  if (!match) return form;
  const dot = form.length - match[0].length;
  let backslashes = 0;
  while (dot - backslashes - 1 >= 0 && form[dot - backslashes - 1] === '\\') backslashes++;
  // `\.*` is a literal dot repeated: keep it.
  if (backslashes % 2 === 1) return form;
  return form.slice(0, dot) + (match[1] === '+' ? '.' : '');
}
