import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { isRole, type Principal, type PrincipalResolver, type Role } from '@isac/auth';
import { DomainError } from '@isac/problems';
import { generateApiKey, hashSecret, keyFingerprint, splitApiKey, verifySecret } from './api-key-secret.js';
import { ApiKeyRepository, type KeyWithOrganisation } from './api-key.repository.js';
import { KeyCheckGate } from './key-check-gate.js';
import { OrganisationRepository } from './organisation.repository.js';
import { AUTH_ERRORS } from '@isac/auth';
import { ORG_ERRORS } from './errors.js';

export interface CreatedApiKey {
  key: string;
  prefix: string;
  organisation: string;
  roles: Role[];
}

export interface ApiKeySummary {
  prefix: string;
  organisation: string;
  roles: Role[];
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * Told of each revocation as it is heard: the key id, or null when revocations may have been missed
 * (the listener lost its connection and listens again), so that the listener checks its keys again.
 */
export type RevocationHandler = (keyId: string | null) => void;

const VERIFIED_CACHE_LIMIT = 10_000;
/** a backstop only: a cached principal is dropped at once when its revocation is announced */
const PRINCIPAL_FRESH_MS = 5_000;

@Injectable()
export class ApiKeysService implements PrincipalResolver, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeys');
  /**
   * Fingerprints of keys whose secret scrypt has already verified, mapped to the key id. scrypt is
   * deliberately slow; the cache spares it on every request. Revocation still takes effect at once
   * everywhere, because each request re-reads the key row by id and checks `revoked_at`.
   */
  private readonly verified = new Map<string, string>();
  private readonly lastTouched = new Map<string, number>();
  /**
   * Principals by key id, so that a request with a known key costs no query. Trusted only while the
   * revocation listener holds its LISTEN (`live`): a revocation anywhere (another replica, the CLI)
   * drops the entry when it commits; while the listener is down every request reads the key, and
   * when it listens again the cache starts empty, since revocations may have been missed meanwhile.
   * Started by the first request a process authenticates (the CLI and the worker never do).
   */
  private readonly principals = new Map<string, { principal: Principal; at: number }>();
  /** scrypt checks of keys not verified yet: as many at once as Node's thread pool runs, a bounded few waiting. */
  private readonly keyChecks = new KeyCheckGate(4, 64);
  private readonly revocations: ReturnType<ApiKeyRepository['revocationListener']>;
  private listeningForRevocations = false;
  /**
   * Changes with every revocation heard and every reconnect of the listener, so that a request can
   * tell whether one happened while it was reading a key (and must then not cache what it read).
   */
  private revocationGeneration = 0;
  private readonly revocationHandlers = new Set<RevocationHandler>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly organisations: OrganisationRepository,
  ) {
    this.revocations = keys
      .revocationListener()
      .onNotification((keyId) => {
        this.revocationGeneration++;
        if (keyId) this.principals.delete(keyId);
        this.tellRevoked(keyId ?? null);
      })
      .onReconnect(() => {
        this.revocationGeneration++;
        this.principals.clear();
        this.tellRevoked(null);
      });
  }

  /**
   * Calls `handler` with every revocation this process hears of, from any replica or the CLI, as it
   * commits (and with null after the listener was down); returns the unsubscribe. Open event streams
   * end by it. Starts the listener if no request has yet.
   */
  onRevocation(handler: RevocationHandler): () => void {
    this.revocationHandlers.add(handler);
    this.startListening();
    return () => this.revocationHandlers.delete(handler);
  }

  /** Which of these key ids are still active, read from the database now (not from the cache). */
  activeKeyIds(keyIds: readonly string[]): Promise<Set<string>> {
    return this.keys.activeIds(keyIds);
  }

  private tellRevoked(keyId: string | null): void {
    for (const handler of this.revocationHandlers) {
      try {
        handler(keyId);
      } catch (error) {
        this.logger.warn({ msg: 'revocation handler failed', err: String(error) });
      }
    }
  }

  private startListening(): void {
    if (this.listeningForRevocations) return;
    this.listeningForRevocations = true;
    // a failed first attempt is retried by the listener; until it holds, every request reads the key
    void this.revocations.listen().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.revocations.close();
  }

  async create(organisationSlug: string, roles: string[], label: string | null = null): Promise<CreatedApiKey> {
    const unknownRoles = roles.filter((r) => !isRole(r));
    if (roles.length === 0 || unknownRoles.length > 0) {
      throw new DomainError(
        ORG_ERRORS.keyInvalid,
        roles.length === 0
          ? 'A key needs at least one role.'
          : `Unknown role${unknownRoles.length === 1 ? '' : 's'}: ${unknownRoles.join(', ')} (roles: reporter, analyst, coordinator, admin).`,
      );
    }
    const organisation = await this.organisations.findBySlug(organisationSlug);
    if (!organisation) throw new DomainError(ORG_ERRORS.notFound, `No organisation "${organisationSlug}".`);
    const { key, prefix, secret } = generateApiKey();
    const uniqueRoles = [...new Set(roles)] as Role[];
    await this.keys.insert({ prefix, secretHash: await hashSecret(secret), organisationId: organisation.id, roles: uniqueRoles, label });
    this.logger.log({ msg: 'api key created', prefix, organisation: organisation.slug, roles: uniqueRoles });
    return { key, prefix, organisation: organisation.slug, roles: uniqueRoles };
  }

  async list(): Promise<ApiKeySummary[]> {
    const rows = await this.keys.listWithOrganisation();
    return rows.map((k) => ({
      prefix: k.prefix,
      organisation: k.organisationSlug,
      roles: k.roles,
      label: k.label,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
    }));
  }

  async revoke(prefix: string): Promise<void> {
    const revoked = await this.keys.revoke(prefix);
    if (!revoked) throw new DomainError(ORG_ERRORS.keyNotFound, `No active key with prefix "${prefix}".`);
    this.principals.delete(revoked);
    // this process's streams need not wait for the NOTIFY to come back
    this.tellRevoked(revoked);
    for (const [fingerprint, id] of this.verified) if (id && fingerprint.startsWith(prefix + ':')) this.verified.delete(fingerprint);
    this.logger.log({ msg: 'api key revoked', prefix });
  }

  /** last_used_at is kept to the minute; this process writes it at most once a minute per key. */
  private recordUse(keyId: string): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(keyId) ?? 0) < 60_000) return;
    if (this.lastTouched.size >= VERIFIED_CACHE_LIMIT) this.lastTouched.clear();
    this.lastTouched.set(keyId, now);
    void this.keys.touch(keyId).catch((error) => this.logger.warn({ msg: 'could not record key use', err: String(error) }));
  }

  async resolve(key: string): Promise<Principal | null> {
    const parts = splitApiKey(key);
    if (!parts) return null;
    this.startListening();
    const fingerprint = `${parts.prefix}:${keyFingerprint(key)}`;
    const cachedId = this.verified.get(fingerprint);
    if (cachedId) {
      const hit = this.principals.get(cachedId);
      if (hit && this.revocations.live && Date.now() - hit.at < PRINCIPAL_FRESH_MS) {
        this.recordUse(cachedId);
        return hit.principal;
      }
    }
    // a revocation heard while the key is read must not leave the key cached
    const generation = this.revocationGeneration;
    let found: KeyWithOrganisation | null;
    if (cachedId) {
      found = await this.keys.findActiveById(cachedId);
      if (!found) this.verified.delete(fingerprint);
    } else {
      found = await this.keys.findActiveByPrefix(parts.prefix);
      if (!found) return null;
      const key = found.key;
      const checked = await this.keyChecks.run(() => verifySecret(parts.secret, key.secretHash));
      if (checked.refused) throw new DomainError(AUTH_ERRORS.tooManyRequests, 'Too many API keys are being checked at once; try again in a second.');
      if (!checked.value) return null;
      if (this.verified.size >= VERIFIED_CACHE_LIMIT) this.verified.clear();
      this.verified.set(fingerprint, found.key.id);
    }
    if (!found) {
      if (cachedId) this.principals.delete(cachedId);
      return null;
    }
    this.recordUse(found.key.id);
    const principal = principalOf(found);
    if (this.revocations.live && generation === this.revocationGeneration) {
      if (this.principals.size >= VERIFIED_CACHE_LIMIT) this.principals.clear();
      this.principals.set(found.key.id, { principal, at: Date.now() });
    }
    return principal;
  }
}

function principalOf({ key, organisation }: KeyWithOrganisation): Principal {
  return {
    keyId: key.id,
    keyPrefix: key.prefix,
    roles: key.roles,
    organisation: {
      id: organisation.id,
      slug: organisation.slug,
      kind: organisation.kind,
      sector: organisation.sector,
      parentId: organisation.parentId,
    },
  };
}
