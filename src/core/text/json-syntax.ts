/**
 * Where JSON text first goes wrong, for messages with a line and column. V8's JSON.parse reports a
 * position for some errors only, so this scans the text itself: iteratively, so that deep nesting
 * cannot overflow the stack.
 */
export interface JsonSyntaxProblem {
  offset: number;
  line: number;
  column: number;
  message: string;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** The first syntax problem in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let i = 0;
  const stack: ('{' | '[')[] = [];
  // What may come next: a value, a key, a colon, or a comma / closing bracket.
  let expect: 'value' | 'key-or-close' | 'value-or-close' | 'key' | 'colon' | 'comma-or-close' | 'end' = 'value';
  const fail = (message: string) => ({ offset: i, ...lineColumn(text, i), message });
  const skip = () => {
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(text);
    i = WHITESPACE.lastIndex;
  };
  const afterValue = () => {
    expect = stack.length ? 'comma-or-close' : 'end';
  };
  for (skip(); ; skip()) {
    if (i >= text.length) return expect === 'end' ? undefined : fail('unexpected end of the text');
    const ch = text[i]!;
    if (expect === 'end') return fail(`unexpected ${JSON.stringify(ch)} after the end of the document`);
    if (expect === 'colon') {
      if (ch !== ':') return fail(`expected ":" after a key, found ${JSON.stringify(ch)}`);
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'comma-or-close') {
      const open = stack[stack.length - 1];
      if (ch === ',') {
        i++;
        expect = open === '{' ? 'key' : 'value';
      } else if ((ch === '}' && open === '{') || (ch === ']' && open === '[')) {
        i++;
        stack.pop();
        afterValue();
      } else return fail(`expected "," or "${open === '{' ? '}' : ']'}", found ${JSON.stringify(ch)}`);
      continue;
    }
    if ((expect === 'key-or-close' && ch === '}') || (expect === 'value-or-close' && ch === ']')) {
      i++;
      stack.pop();
      afterValue();
      continue;
    }
    if (expect === 'key' || expect === 'key-or-close') {
      STRING.lastIndex = i;
      if (ch !== '"' || !STRING.test(text)) return fail(ch === '}' ? 'a trailing comma before "}"' : `expected a key in double quotes, found ${JSON.stringify(ch)}`);
      i = STRING.lastIndex;
      expect = 'colon';
      continue;
    }
    // A value.
    if (ch === '{' || ch === '[') {
      stack.push(ch);
      i++;
      expect = ch === '{' ? 'key-or-close' : 'value-or-close';
      continue;
    }
    if (ch === '"') {
      STRING.lastIndex = i;
      if (!STRING.test(text)) return fail('a string that is not closed or has a bad escape or control character');
      i = STRING.lastIndex;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail(ch === ']' ? 'a trailing comma before "]"' : `expected a value, found ${JSON.stringify(ch)}`);
      i = NUMBER.lastIndex;
    }
    afterValue();
  }
}
