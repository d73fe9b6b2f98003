import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type { RiskLevel } from '../domain/enums.js';
import { PrisonerLinkedRecord } from './prisoner-linked-record.js';

export interface AssessmentDomainRating {
  code: string;
  rating: string;
}

/**
 * A structured professional judgement (VERA-2R, ERG22+, …). A personal assessment, kept
 * apart from facts (LED Art. 7); its narrative is confidential, its summary shareable.
 */
@Entity('risk_assessment')
export class RiskAssessmentEntity extends PrisonerLinkedRecord {
  @Column({ type: 'text' })
  tool!: string;

  @Column({ type: 'text', nullable: true })
  toolVersion!: string | null;

  @Column({ type: 'text', nullable: true })
  assessor!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  assessedAt!: Date;

  @Column({ type: 'text' })
  overallLevel!: RiskLevel;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  domains!: AssessmentDomainRating[];

  @Column({ type: 'text', nullable: true })
  shareableSummary!: string | null;

  @Column({ type: 'text', nullable: true })
  narrative!: string | null;

  @Column({ type: 'date', nullable: true })
  nextReviewDate!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
