/** What `initialize` says by default: the name and version of this command (--client-name, --client-version change it). */
export const DEFAULT_CLIENT_INFO = { name: 'policy-atlas', version: '0.1.0' } as const;
