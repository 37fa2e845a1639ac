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

// 工价征求表: a rate survey of one round (ADR 0011). Its three tables share no column that could link a
// person to a quote: participants are keyed tags, quotes exist only inside sorted per-process tallies.
@Entity('rate_survey')
export class RateSurvey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'negotiation_id', type: 'uuid' })
  negotiationId: string;

  @ManyToOne(() => Negotiation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'negotiation_id' })
  negotiation?: Relation<Negotiation>;

  @Column({ type: 'varchar', length: 10 })
  status: 'open' | 'closed';

  @Column({ name: 'min_quotes', type: 'int' })
  minQuotes: number;

  @Column({ name: 'process_codes', type: 'text', array: true })
  processCodes: string[];

  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;
}

// HMAC(SURVEY_KEY, survey id : account id): the one-quote rule is this table's primary key. The
// receipt (a keyed hash of the answer and its Idempotency-Key) recognises a retry of the same answer.
@Entity('survey_participant')
export class SurveyParticipant {
  @PrimaryColumn({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @ManyToOne(() => RateSurvey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<RateSurvey>;

  @PrimaryColumn({ name: 'participant_tag', type: 'char', length: 64 })
  participantTag: string;

  // NULL for answers given before ADR 0015.
  @Column({ type: 'char', length: 64, nullable: true })
  receipt: string | null;
}

// An answer not yet merged (ADR 0015): one side's quotes, sealed with a subkey of SURVEY_KEY, with a
// random id and nothing else. Closing the survey merges every answer into the tallies and deletes them.
@Entity('survey_answer')
export class SurveyAnswer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @ManyToOne(() => RateSurvey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<RateSurvey>;

  @Column({ type: 'varchar', length: 10 })
  side: 'worker' | 'employer';

  @Column({ type: 'bytea' })
  sealed: Buffer;
}

// The sorted multiset of one side's quotes for one process; there is no row per quote.
@Entity('survey_tally')
export class SurveyTally {
  @PrimaryColumn({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @ManyToOne(() => RateSurvey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<RateSurvey>;

  @PrimaryColumn({ name: 'process_code', type: 'varchar', length: 40 })
  processCode: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  side: 'worker' | 'employer';

  @Column({ type: 'numeric', precision: 12, scale: 4, array: true })
  rates: string[];
}
