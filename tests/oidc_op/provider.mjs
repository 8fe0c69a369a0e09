// The OpenID provider the tests sign in against: panva's oidc-provider (certified by the
// OpenID Foundation), configured here with invented accounts; nothing of the protocol is
// written by us. Started by tests/test_web_oidc.py on a free port:
//
//   node provider.mjs CONFIG.json
//
// CONFIG: {"port": N, "issuer": "http://127.0.0.1:N", "clients": [...], "jwks": {...},
//          "accounts": "ACCOUNTS.json"}
// ACCOUNTS (read again at every sign-in, so a test can change someone's groups): login →
// the claims the provider releases for it. The login form is the provider's own
// development interaction (any password; the login picks the account).
import fs from 'node:fs';
import Provider from 'oidc-provider';

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const accounts = () => JSON.parse(fs.readFileSync(cfg.accounts, 'utf8'));

const provider = new Provider(cfg.issuer, {
  clients: cfg.clients,
  async findAccount(ctx, id) {
    const known = accounts();
    if (!Object.hasOwn(known, id)) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...accounts()[id] }; } };
  },
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username', 'groups', 'department', 'municipality'],
    email: ['email'],
  },
  // The claims asked for by scope go into the ID token too (as Entra ID and Keycloak do
  // for groups), not only to the userinfo endpoint.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['hinagata-test-only-cookie-key'] },
  // The signing key the test made (so that it can also sign a token the provider would
  // never issue, to see the client refuse it).
  jwks: cfg.jwks,
  ttl: { IdToken: cfg.id_token_ttl || 3600 },
});
provider.proxy = false;
provider.listen(cfg.port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${cfg.issuer}`);
});
