import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';

describe('OpenID Connect configuration (OIDC_PROVIDERS, LOCAL_LOGIN)', () => {
  const provider = { id: 'kk', label: 'Københavns Kommune', issuer: 'https://login.kk.dk', clientId: 'helhed' };

  it('reads providers with defaults; local passwords are on unless LOCAL_LOGIN=0', () => {
    const c = loadConfig({ OIDC_PROVIDERS: JSON.stringify([{ ...provider, mappings: [{ value: 'g', role: 'secretariat' }] }]) });
    expect(c.oidc.localLogin).toBe(true);
    expect(c.oidc.providers[0]).toMatchObject({
      id: 'kk',
      scopes: 'openid email profile',
      mappings: [{ claim: 'groups', value: 'g', role: 'secretariat' }],
    });
    expect(loadConfig({ LOCAL_LOGIN: '0' }).oidc).toEqual({ providers: [], localLogin: false });
  });

  it('refuses broken JSON, an unknown role or administration, and two providers with one id, in Danish', () => {
    expect(() => loadConfig({ OIDC_PROVIDERS: '[{' })).toThrow(/OIDC_PROVIDERS: skal være en JSON-liste/);
    expect(() => loadConfig({ OIDC_PROVIDERS: JSON.stringify([{ ...provider, mappings: [{ value: 'g', role: 'konge' }] }]) })).toThrow(
      /OIDC_PROVIDERS\.0\.mappings\.0\.role/,
    );
    expect(() =>
      loadConfig({
        OIDC_PROVIDERS: JSON.stringify([{ ...provider, mappings: [{ value: 'g', role: 'municipal', administration: 'XYZ' }] }]),
      }),
    ).toThrow(/administration/);
    expect(() => loadConfig({ OIDC_PROVIDERS: JSON.stringify([provider, provider]) })).toThrow(/samme id/);
    expect(() => loadConfig({ OIDC_PROVIDERS: JSON.stringify([{ ...provider, issuer: 'ikke en adresse' }]) })).toThrow(/issuer/);
  });
});
