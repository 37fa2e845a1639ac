import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Negotiation } from '../negotiation/negotiation.entity.js';

// The enterprise rate survey of one round (ADR 0036): what enterprises pay per process (or per trade),
// recorded by the union's mediation committee. No column links an enterprise to a figure: enterprises
// are keyed tags, answers are sealed until the close, and the close keeps only the published statistics.
@Entity('enterprise_survey')
export class EnterpriseSurvey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'negotiation_id', type: 'uuid' })
  negotiationId: string;

  @ManyToOne(() => Negotiation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'negotiation_id' })
  negotiation?: Relation<Negotiation>;

  @Column({ type: 'varchar', length: 10 })
  status: 'open' | 'closed';

  @Column({ name: 'min_enterprises', type: 'int' })
  minEnterprises: number;

  // 'process' (catalog process codes, a rate each) or 'trade' (trade codes, a monthly wage each).
  @Column({ name: 'item_kind', type: 'varchar', length: 10 })
  itemKind: 'process' | 'trade';

  @Column({ name: 'item_codes', type: 'text', array: true })
  itemCodes: string[];

  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;

  // Written once, at the close: only what the release rule lets anyone see.
  @Column({ type: 'jsonb', nullable: true })
  statistics: unknown;
}

// HMAC(SURVEY_KEY subkey, survey id : enterprise): one record per enterprise is this table's primary
// key. The receipt (a keyed hash of the answer and its Idempotency-Key) recognises a retry.
@Entity('enterprise_survey_participant')
export class EnterpriseSurveyParticipant {
  @PrimaryColumn({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @ManyToOne(() => EnterpriseSurvey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<EnterpriseSurvey>;

  @PrimaryColumn({ name: 'enterprise_tag', type: 'char', length: 64 })
  enterpriseTag: string;

  @Column({ type: 'char', length: 64 })
  receipt: string;
}

// One enterprise's figures and type, sealed with a subkey of SURVEY_KEY and padded, with a random id
// and nothing else. The close reads them once, publishes the statistics and deletes them.
@Entity('enterprise_survey_answer')
export class EnterpriseSurveyAnswer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @ManyToOne(() => EnterpriseSurvey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<EnterpriseSurvey>;

  @Column({ type: 'bytea' })
  sealed: Buffer;
}
