import type { VariableSyntax } from './clients.ts';

/** What a value may draw on: the environment, `--input id=value`, and the editor's own variables. */
export interface VariableSources {
  env: Readonly<Record<string, string | undefined>>;
  inputs: Readonly<Record<string, string>>;
  /** `${userHome}`, `${workspaceFolder}`…: paths, not secrets. */
  editor: Readonly<Record<string, string>>;
}

export interface Missing {
  kind: 'env' | 'input';
  name: string;
}

export interface Resolved {
  text: string;
  /** Values that came from the environment or an input: secrets, to keep out of files and the terminal. */
  values: string[];
  /** Names of the environment variables used (their values are never recorded). */
  names: string[];
  missing: Missing[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// `${…}` (anything but a brace inside), or `$NAME`.
const REFERENCE = /\$\{([^{}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * `text` with the variables `syntax` allows replaced. A reference the client does not know is left as
 * written, as the client leaves it; an unset variable without a default is reported in `missing`.
 */
export function resolveVariables(text: string, syntax: readonly VariableSyntax[], sources: VariableSources): Resolved {
  const allowed = new Set(syntax);
  const values: string[] = [];
  const names: string[] = [];
  const missing: Missing[] = [];
  const fromEnv = (name: string, fallback?: string): string | undefined => {
    names.push(name);
    const value = sources.env[name];
    if (value !== undefined && (value !== '' || fallback === undefined)) {
      values.push(value);
      return value;
    }
    if (fallback !== undefined) return fallback;
    missing.push({ kind: 'env', name });
    return undefined;
  };
  const out = text.replace(REFERENCE, (whole, braced: string | undefined, bare: string | undefined) => {
    if (bare !== undefined) return allowed.has('bare') ? (fromEnv(bare) ?? whole) : whole;
    const inner = braced!;
    if (inner.startsWith('env:') && allowed.has('env-prefix') && NAME.test(inner.slice(4))) return fromEnv(inner.slice(4)) ?? whole;
    if (inner.startsWith('input:') && allowed.has('input')) {
      const id = inner.slice(6);
      const value = sources.inputs[id];
      if (value === undefined) {
        missing.push({ kind: 'input', name: id });
        return whole;
      }
      values.push(value);
      return value;
    }
    if (allowed.has('editor') && Object.hasOwn(sources.editor, inner)) return sources.editor[inner]!;
    const withDefault = /^([A-Za-z_][A-Za-z0-9_]*):-(.*)$/s.exec(inner);
    if (withDefault && allowed.has('braces-default')) return fromEnv(withDefault[1]!, withDefault[2]!) ?? whole;
    if (NAME.test(inner) && allowed.has('braces')) return fromEnv(inner) ?? whole;
    return whole;
  });
  return { text: out, values, names: [...new Set(names)], missing };
}

/** `${VAR}` for an environment variable, `${input:id}` for an input: how a message names what is missing. */
export const missingText = (missing: Missing) => (missing.kind === 'input' ? `\${input:${missing.name}}` : missing.name);
