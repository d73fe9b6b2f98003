import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import type { InterventionKind, InterventionStatus } from '../domain/enums.js';
import { PrisonerEntity } from './prisoner.entity.js';
import { SharedRecord } from './shared-record.js';

/** A prisoner's participation in a programme: status and dates are shareable, session notes are not. */
@Entity('intervention')
export class InterventionEntity extends SharedRecord {
  @Column({ type: 'uuid' })
  prisonerId!: string;

  /** The owning prisoner, joined only to evaluate `prisoner.<field>` policy conditions. */
  @ManyToOne(() => PrisonerEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'prisoner_id' })
  prisoner?: Relation<PrisonerEntity>;

  @Column({ type: 'text' })
  programme!: string;

  @Column({ type: 'text' })
  kind!: InterventionKind;

  @Column({ type: 'text' })
  status!: InterventionStatus;

  @Column({ type: 'date', nullable: true })
  startedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  sessionNotes!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
