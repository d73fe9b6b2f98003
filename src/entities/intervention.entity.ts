import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type { InterventionKind, InterventionStatus } from '../domain/enums.js';
import { PrisonerLinkedRecord } from './prisoner-linked-record.js';

/** A prisoner's participation in a programme: status and dates are shareable, session notes are not. */
@Entity('intervention')
export class InterventionEntity extends PrisonerLinkedRecord {
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

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
