import { isRandomToken, REDACTED } from '../redact.ts';

// A flag that takes a credential: --api-key, --token, --password, --auth-header…
const CREDENTIAL_FLAG = /^--?[\w.-]*(key|token|secret|password|passwd|auth|credential)[\w.-]*$/i;

/**
 * The arguments to record in the catalog, as the configuration writes them (`${VAR}` references
 * kept), with what looks like a credential written in full replaced: the value of a credential flag
 * (`--api-key sk-…`, `--token=…`) and long random tokens. `found` gets the values replaced.
 */
export function recordedArgs(args: readonly string[], found: string[] = []): string[] {
  const hide = (value: string) => {
    if (value.includes('${') || value.startsWith('$')) return value;
    found.push(value);
    return REDACTED;
  };
  return args.map((arg, i) => {
    const equals = /^(--?[\w.-]+)=(.+)$/s.exec(arg);
    if (equals && CREDENTIAL_FLAG.test(equals[1]!)) return `${equals[1]}=${hide(equals[2]!)}`;
    const previous = args[i - 1];
    if (previous !== undefined && CREDENTIAL_FLAG.test(previous) && !arg.startsWith('-')) return hide(arg);
    return isRandomToken(arg) ? hide(arg) : arg;
  });
}
