import { Column, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { PrisonerEntity } from './prisoner.entity.js';
import { SharedRecord } from './shared-record.js';

/** A shared record about one prisoner (flag, assessment, classification, release plan, intervention). */
export abstract class PrisonerLinkedRecord extends SharedRecord {
  @Column({ type: 'uuid' })
  prisonerId!: string;

  /** The owning prisoner, joined only to evaluate `prisoner.<field>` policy conditions. */
  @ManyToOne(() => PrisonerEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'prisoner_id' })
  prisoner?: Relation<PrisonerEntity>;
}
