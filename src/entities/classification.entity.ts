import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type { PlacementApproach, SecurityLevel } from '../domain/enums.js';
import { PrisonerLinkedRecord } from './prisoner-linked-record.js';

/** Security category and, for VEPs, the placement approach. */
@Entity('classification')
export class ClassificationEntity extends PrisonerLinkedRecord {
  @Column({ type: 'text' })
  securityCategory!: SecurityLevel;

  @Column({ type: 'text', nullable: true })
  placementApproach!: PlacementApproach | null;

  @Column({ type: 'date' })
  decidedOn!: string;

  @Column({ type: 'date', nullable: true })
  reviewDate!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
