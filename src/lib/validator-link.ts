import { href } from './href.ts';

/** Link to /policy/ carrying a policy in the URL fragment, which never reaches a server. */
export function validatorHref(policyJson: string): string {
  return `${href('/policy/')}#policy=${encodeURIComponent(JSON.stringify(JSON.parse(policyJson)))}`;
}
