// An OpenID provider configured like ProConnect, for the tests only: oidc-provider (a certified
// implementation) on loopback, with ProConnect's scopes and claims (email, given_name, usual_name, uid, siret),
// the acr in the ID token when asked through `claims`, a userinfo signed as a JWT, client_secret_post only, and
// the end-session endpoint. Its login form (oidc-provider's own) takes an account's login; any password.
// Environment: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, OIDC_POST_LOGOUT_REDIRECT_URI,
//   OIDC_ACCOUNTS='{"login":{"email":…,"given_name":…,"usual_name":…,"uid":…,"siret":…}}', OIDC_ACR (eidas1).
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

const env = process.env;
const accounts = JSON.parse(env.OIDC_ACCOUNTS ?? process.argv[2] ?? '{}');
const alg = 'RS256';
const acr = env.OIDC_ACR ?? 'eidas1';

// A signing key of its own, made at each start.
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg };

// Listen first (port 0) to know the issuer, then build the provider.
const server = http.createServer();
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;

const CLAIMS = ['email', 'given_name', 'usual_name', 'uid', 'siret'];
const provider = new Provider(issuer, {
  clients: [{
    client_id: env.OIDC_CLIENT_ID ?? 'client',
    client_secret: env.OIDC_CLIENT_SECRET ?? 'secret',
    redirect_uris: [env.OIDC_REDIRECT_URI ?? 'http://127.0.0.1:8080/auth/callback'],
    post_logout_redirect_uris: [env.OIDC_POST_LOGOUT_REDIRECT_URI ?? 'http://127.0.0.1:8080/'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: alg,
    userinfo_signed_response_alg: alg,
  }],
  jwks: { keys: [jwk] },
  // Each scope gives the claim of its name, as at ProConnect.
  claims: { openid: ['sub'], acr: null, ...Object.fromEntries(CLAIMS.map((c) => [c, [c]])) },
  // Without acrValues, oidc-provider drops the acr claim.
  acrValues: [acr],
  features: {
    devInteractions: { enabled: true },
    claimsParameter: { enabled: true },
    userinfo: { enabled: true },
    jwtUserinfo: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => false },
  ttl: {
    AuthorizationCode: 60, AccessToken: 3600, IdToken: 60,
    Interaction: 600, Session: 3600, Grant: 3600,
  },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  async findAccount(ctx, sub) {
    const data = accounts[sub];
    if (!data) return undefined;
    return { accountId: sub, async claims() { return { sub, ...data }; } };
  },
  // No consent screen (ProConnect has none): everything asked is granted.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      accountId: ctx.oidc.account.accountId,
      clientId: ctx.oidc.client.clientId,
    });
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
    grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
    await grant.save();
    return grant;
  },
});

// The built-in login form sets no acr: add it; an unknown login is access_denied.
const finish = provider.interactionFinished.bind(provider);
provider.interactionFinished = (req, res, result, opts) => {
  if (result?.login) {
    result = accounts[result.login.accountId]
      ? { login: { ...result.login, acr } }
      : { error: 'access_denied', error_description: 'unknown login' };
  }
  return finish(req, res, result, opts);
};

// oidc-provider takes the secret in a Basic header too: ProConnect's default is the body (client_secret_post).
provider.use(async (ctx, next) => {
  if (ctx.path === '/token' && ctx.get('authorization')) {
    ctx.status = 401;
    ctx.body = { error: 'invalid_client', error_description: 'client_secret_post required' };
    return;
  }
  await next();
});

server.on('request', provider.callback());
console.log(JSON.stringify({ issuer, port }));
