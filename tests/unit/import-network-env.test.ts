import { describe, expect, it } from 'vitest';
import { networkEnvironment } from '../../src/cli/import/client.ts';

describe('what a started server gets of the shell environment', () => {
  it('how this machine reaches the network: proxies, CA certificates, npm registry settings', () => {
    const env = {
      HTTPS_PROXY: 'http://proxy:3128',
      http_proxy: 'http://proxy:3128',
      NO_PROXY: 'localhost',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/corp.pem',
      SSL_CERT_FILE: '/etc/ssl/cert.pem',
      npm_config_registry: 'https://npm.example.com/',
      NPM_CONFIG_CAFILE: '/etc/ssl/corp.pem',
    };
    expect(networkEnvironment(env)).toEqual(env);
  });

  it('nothing else: no secrets, tokens or other settings of the shell', () => {
    expect(
      networkEnvironment({
        AWS_SECRET_ACCESS_KEY: 'x',
        GITHUB_TOKEN: 'y',
        npm_config_token: 'z',
        NODE_OPTIONS: '--inspect',
        PROXY_PASSWORD: 'p',
        HOME: '/root',
      }),
    ).toEqual({});
  });
});
