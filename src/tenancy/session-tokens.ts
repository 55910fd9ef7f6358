/**
 * Short-lived access tokens for signed-in users: JWTs (HS256) signed with the configured key.
 * They name the tenant, user and session only; the role is read on every request, and the
 * session row is checked too, so signing out or deactivating a user ends access at once.
 */
import { JWTPayload, SignJWT, jwtVerify } from 'jose';

export interface SessionClaims {
  tenantId: string;
  userId: string;
  sessionId: string;
}

const ISSUER = 'tenantry';
const AUDIENCE = 'tenantry-api';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(
    signingKey: string,
    /** Lifetime of an access token; a refresh token gets the next one. */
    readonly accessTtlSeconds: number,
  ) {
    if (signingKey.length < 32) throw new Error('The session signing key must have at least 32 characters');
    this.key = new TextEncoder().encode(signingKey);
  }

  async issue(claims: SessionClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ tid: claims.tenantId, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.accessTtlSeconds)
      .sign(this.key);
    return { token, expiresAt: new Date((now + this.accessTtlSeconds) * 1000) };
  }

  /** The claims of a valid, unexpired token of ours; null for anything else. */
  async verify(token: string): Promise<SessionClaims | null> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, clockTolerance: 5 }));
    } catch {
      return null;
    }
    const { sub, tid, sid } = payload;
    if (typeof sub !== 'string' || typeof tid !== 'string' || typeof sid !== 'string') return null;
    if (![sub, tid, sid].every((id) => UUID.test(id))) return null;
    return { tenantId: tid, userId: sub, sessionId: sid };
  }
}

/** JWT shape (three base64url parts): API keys never look like this. */
export const looksLikeJwt = (token: string): boolean => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
