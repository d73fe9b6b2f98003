import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type { RiskFlagBasis, RiskFlagCategory, RiskFlagStatus, RiskLevel } from '../domain/enums.js';
import { PrisonerLinkedRecord } from './prisoner-linked-record.js';

/** A short, shareable risk marker on a prisoner. */
@Entity('risk_flag')
export class RiskFlagEntity extends PrisonerLinkedRecord {
  @Column({ type: 'text' })
  category!: RiskFlagCategory;

  @Column({ type: 'text' })
  severity!: RiskLevel;

  @Column({ type: 'text' })
  status!: RiskFlagStatus;

  @Column({ type: 'text', nullable: true })
  basis!: RiskFlagBasis | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  raisedAt!: Date;

  @Column({ type: 'date', nullable: true })
  reviewDate!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
