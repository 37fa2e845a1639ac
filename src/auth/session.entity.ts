import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Account } from './account.entity.js';

// One login: the bearer token names it (`sid`), and the guard checks per request that it is still
// live (ADR 0017). A refresh rotates the token whose keyed hash is kept here and extends expires_at
// (ADR 0026).
@Entity('auth_session')
@Index(['accountId'])
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  // Set by logout; a revoked session never comes back.
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  // HMAC(ACCOUNTS_KEY, current refresh token); any other token naming this session ends it.
  @Column({ name: 'refresh_token_hash', type: 'char', length: 64, nullable: true })
  refreshTokenHash: string | null;

  // Last login or refresh: the idle limit counts from here.
  @Column({ name: 'last_refreshed_at', type: 'timestamptz', nullable: true })
  lastRefreshedAt: Date | null;

  // The account's token_version at login: a disable, a new password or a grant change since then
  // means the session may not be refreshed into a fresh token.
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;
}
