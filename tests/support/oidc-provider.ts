import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OpenID Provider (the `oidc-provider` package) on 127.0.0.1 for tests, with one
 * confidential client and sign-in without any form: the account set with `setNextAccount` is
 * signed in and consents to whatever was asked. In-process HTTP tests and real browsers both
 * just follow its redirects. Like a real provider it keeps a session per browser: the same
 * account comes back silently; after `setNextAccount` chose someone else, the provider first signs
 * the previous one out with its own auto-submitting form (a browser runs it; a fetch-based test
 * should use a fresh cookie jar per sign-in instead).
 */

export interface OidcTestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** Released under `rolesClaim` (with the `profile` scope) when that option is set. */
  roles?: string[];
}

export interface OidcProviderOptions {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  accounts?: OidcTestAccount[];
  /** Name of a custom claim carrying `OidcTestAccount.roles`. */
  rolesClaim?: string;
  /**
   * By default the provider follows OIDC Core 5.4: with an access token issued, the claims of the
   * `email` and `profile` scopes come from the userinfo endpoint, not the ID token. Set this to
   * put them in the ID token as well, as many providers do.
   */
  claimsInIdToken?: boolean;
  /** Called with errors the provider meets while serving (it logs nothing itself). */
  onError?: (err: unknown) => void;
}

export interface OidcProviderHandle {
  /** The issuer URL (http://127.0.0.1:<port>). */
  issuer: string;
  /** The account signed in from now on (it stays chosen); `null` makes the provider refuse (access_denied). */
  setNextAccount(sub: string | null): void;
  /** Adds or replaces an account. */
  addAccount(account: OidcTestAccount): void;
  stop(): Promise<void>;
}

// The parts of oidc-provider's API used here (the package ships no types).
interface Interaction {
  uid: string;
  params: Record<string, unknown>;
  prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } };
}
interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}
interface KoaContext {
  oidc: { session: { accountId?: string } };
  type: string;
  body: unknown;
}
interface Provider {
  Grant: new (init: { accountId: string; clientId: string }) => Grant;
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    result: Record<string, unknown>,
    opts?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  on(event: string, listener: (...args: unknown[]) => void): void;
}
interface Check {
  reason: string;
}
interface Prompt {
  checks: Check[];
}
interface Policy extends Array<Prompt> {
  get(name: string): Prompt | undefined;
}
interface OidcProviderModule {
  Provider: new (issuer: string, configuration: Record<string, unknown>) => Provider;
  interactionPolicy: {
    base(): Policy;
    Check: new (reason: string, description: string, check: (ctx: KoaContext) => boolean) => Check;
  };
}

let loaded: Promise<OidcProviderModule> | undefined;

/** Imports oidc-provider once, without its warning that Node 20 is not a supported runtime (it runs fine). */
function loadOidcProvider(): Promise<OidcProviderModule> {
  loaded ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime'))
        return;
      warn(...args);
    };
    try {
      // @ts-expect-error oidc-provider ships no type declarations; the interfaces above describe what is used.
      return (await import('oidc-provider')) as OidcProviderModule;
    } finally {
      console.warn = warn;
    }
  })();
  return loaded;
}

const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

interface Stored {
  payload: Record<string, unknown>;
  expiresAt: number;
}

/** oidc-provider's storage contract, in memory and private to one provider (its own is shared and warns). */
function memoryAdapter() {
  const store = new Map<string, Stored>();
  const read = (key: string | undefined) => {
    if (key === undefined) return undefined;
    const hit = store.get(key);
    if (hit && hit.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return hit?.payload;
  };
  return class MemoryAdapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
      const expiresAt =
        typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
      store.set(this.key(id), { payload, expiresAt });
    }
    async find(id: string) {
      return read(this.key(id));
    }
    async findByUid(uid: string) {
      for (const [key] of store) {
        const payload = key.startsWith(`${this.model}:`) ? read(key) : undefined;
        if (payload?.uid === uid) return payload;
      }
      return undefined;
    }
    async findByUserCode(userCode: string) {
      for (const [key] of store) {
        const payload = key.startsWith(`${this.model}:`) ? read(key) : undefined;
        if (payload?.userCode === userCode) return payload;
      }
      return undefined;
    }
    async consume(id: string) {
      const payload = read(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      // Only tokens belong to a grant; an Interaction or Session also names a grantId but outlives it.
      for (const [key, { payload }] of store) {
        if (GRANTABLE.has(key.slice(0, key.indexOf(':'))) && payload.grantId === grantId) store.delete(key);
      }
    }
  };
}

async function listenOnFreePort(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

const INTERACTION_PATH = '/interaction/';

export async function startOidcProvider(opts: OidcProviderOptions): Promise<OidcProviderHandle> {
  const { Provider, interactionPolicy } = await loadOidcProvider();
  const accounts = new Map<string, OidcTestAccount>((opts.accounts ?? []).map((a) => [a.sub, a]));
  let nextAccount: string | null = null;
  const reportError = (err: unknown) => opts.onError?.(err);

  let handle: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = http.createServer((req, res) => handle(req, res));
  const port = await listenOnFreePort(server);
  const issuer = `http://127.0.0.1:${port}`;

  // The default policy, plus: a browser still signed in at the provider as someone else signs in
  // again, so `setNextAccount` decides who comes back even when a browser is reused.
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.push(
      new interactionPolicy.Check(
        'not_the_chosen_account',
        'the test chose another account for the next sign-in',
        (ctx) => nextAccount !== null && ctx.oidc.session.accountId !== nextAccount,
      ),
    );

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = {
    ...privateKey.export({ format: 'jwk' }),
    kid: 'test-signing-key',
    alg: 'RS256',
    use: 'sig',
  };
  const profileClaims = ['name', 'given_name', 'family_name'];
  if (opts.rolesClaim) profileClaims.push(opts.rolesClaim);

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: profileClaims },
    conformIdTokenClaims: !opts.claimsInIdToken,
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          const claims: Record<string, unknown> = { sub };
          if (account.email !== undefined) claims.email = account.email;
          if (account.email_verified !== undefined) claims.email_verified = account.email_verified;
          if (account.name !== undefined) claims.name = account.name;
          if (opts.rolesClaim && account.roles) claims[opts.rolesClaim] = account.roles;
          return claims;
        },
      };
    },
    features: { devInteractions: { enabled: false } },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: { uid: string }) => `${INTERACTION_PATH}${interaction.uid}`,
    },
    pkce: { required: () => true },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    async renderError(ctx: KoaContext, out: Record<string, unknown>) {
      ctx.type = 'json';
      ctx.body = out;
    },
  });
  provider.on('server_error', (_ctx, err) => reportError(err));
  provider.on('error', (err) => reportError(err));

  /** Signs in the chosen account and grants everything requested, as a user clicking through would. */
  const finishInteraction = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const { params, prompt } = await provider.interactionDetails(req, res);
    const accountId = nextAccount;
    if (accountId === null || !accounts.has(accountId)) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'No test account was chosen for this sign-in' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new provider.Grant({ accountId, clientId: String(params.client_id) });
    if (typeof params.scope === 'string') grant.addOIDCScope(params.scope);
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };

  const providerCallback = provider.callback();
  handle = (req, res) => {
    if (req.method === 'GET' && req.url?.startsWith(INTERACTION_PATH)) {
      finishInteraction(req, res).catch((err: unknown) => {
        reportError(err);
        if (!res.headersSent) res.statusCode = 400;
        res.end('interaction failed');
      });
      return;
    }
    providerCallback(req, res);
  };

  return {
    issuer,
    setNextAccount(sub) {
      if (sub !== null && !accounts.has(sub)) throw new Error(`No test account with sub ${sub}`);
      nextAccount = sub;
    },
    addAccount(account) {
      accounts.set(account.sub, account);
    },
    async stop() {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
