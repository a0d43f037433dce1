import type { fromIni } from '@aws-sdk/credential-providers';

/** A credential provider as the SDK's clients take it. */
export type CredentialProvider = ReturnType<typeof fromIni>;

type Credentials = Awaited<ReturnType<CredentialProvider>>;

type IdentityProperties = Parameters<CredentialProvider>[0];

/** Temporary credentials are renewed this long before they expire, as the SDK's clients do. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * One provider for all the clients of a collection. Each SDK client caches
 * credentials only for itself, so without this every regional client would
 * call AssumeRole (or read the profile, or ask SSO) again. A failed attempt
 * is forgotten, so that the next call tries anew.
 */
export function shareCredentials(provider: CredentialProvider): CredentialProvider {
  let current: Promise<Credentials> | undefined;

  const fetch = (properties: IdentityProperties): Promise<Credentials> => {
    const pending: Promise<Credentials> = provider(properties).catch((error: unknown) => {
      if (current === pending) current = undefined;
      throw error;
    });
    current = pending;
    return pending;
  };

  return async (properties) => {
    const pending = current ?? fetch(properties);
    const credentials = await pending;
    if (!expiresSoon(credentials)) return credentials;
    return current === pending ? fetch(properties) : (current ?? fetch(properties));
  };
}

function expiresSoon(credentials: Credentials): boolean {
  const { expiration } = credentials;
  return expiration !== undefined && expiration.getTime() - Date.now() < REFRESH_MARGIN_MS;
}
