import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, badInput, conflict, FieldCipher, Role, type AuditActor } from '@qurbani/kit';
import { hashPassword } from '../auth/password.js';
import { Account } from './account.entity.js';
import { announceRoles } from './account.events.js';
import { loginDigest, normaliseLogin } from './login.js';

const STAFF_ROLES = new Set([Role.EXECUTOR, Role.REVIEWER, Role.DRIVER, Role.ORGANIZER]);

export class AccountService {
  private readonly cipher: FieldCipher;

  constructor(
    private readonly piiKey: string,
    private readonly onPasswordWork?: (kind: 'hash') => void,
  ) {
    this.cipher = new FieldCipher(piiKey);
  }

  digestOf(login: string): string {
    return loginDigest(normaliseLogin(login), this.piiKey);
  }

  async create(
    em: EntityManager,
    input: { login: string; password: string; displayName: string; roles: Role[] },
  ): Promise<Account> {
    const login = normaliseLogin(input.login);
    if (input.password.length < 10) throw badInput('The password needs at least 10 characters.', 'password');
    const displayName = input.displayName.trim();
    if (!displayName || displayName.length > 120)
      throw badInput('Give a display name of 1 to 120 characters.', 'displayName');
    if (input.roles.length === 0) throw badInput('Give at least one role.', 'roles');
    const digest = loginDigest(login, this.piiKey);
    if (await em.count(Account, { loginDigest: digest })) throw conflict('An account with this login already exists.');
    this.onPasswordWork?.('hash');
    const passwordHash = await hashPassword(input.password);
    const account = em.create(Account, {
      displayName,
      roles: [...new Set(input.roles)],
      loginDigest: digest,
      loginEncrypted: this.cipher.encrypt(login),
      passwordHash,
    });
    announceRoles(em, account);
    try {
      await em.flush();
    } catch (error) {
      // Two registrations of one login at once: the unique digest lets one through.
      if (error instanceof UniqueConstraintViolationException)
        throw conflict('An account with this login already exists.');
      throw error;
    }
    return account;
  }

  registerDonor(em: EntityManager, input: { login: string; password: string; displayName: string }) {
    return this.create(em, { ...input, roles: [Role.DONOR] });
  }

  createStaff(
    em: EntityManager,
    actor: AuditActor,
    input: { login: string; password: string; displayName: string; roles: Role[] },
  ) {
    if (!input.roles.every((r) => STAFF_ROLES.has(r)))
      throw badInput('Staff roles are EXECUTOR, REVIEWER, DRIVER and ORGANIZER.', 'roles');
    return em.transactional(async (tx) => {
      const account = await this.create(tx, input);
      // Roles only: the login and name are personal data.
      await audit(tx, 'identity', actor, {
        action: 'account.created',
        entityType: 'Account',
        entityIds: [account.id],
        after: { roles: account.roles },
      });
      return account;
    });
  }

  loginOf(account: Account): string {
    return this.cipher.decrypt(account.loginEncrypted);
  }

  /** Creates the configured first organizer once, so a new charity can sign in at all. */
  /** Creates the first organizer once; returns whether it was created now. */
  async bootstrapOrganizer(
    em: EntityManager,
    organizer: { login: string; password: string; displayName: string },
  ): Promise<boolean> {
    const digest = this.digestOf(organizer.login);
    if (await em.count(Account, { loginDigest: digest })) return false;
    await this.create(em, { ...organizer, roles: [Role.ORGANIZER] });
    return true;
  }
}
