import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { GradingScheme, IntelligencePriority } from '../domain/enums.js';
import { SharedRecord } from './shared-record.js';

/**
 * Sanitised, graded intelligence. Graded twice (source, information) under a named scheme;
 * `handlingCode` (inherited) carries the scheme's handling code (P/C, 1–5, H0–H3).
 */
@Entity('intelligence_report')
export class IntelligenceReportEntity extends SharedRecord {
  @Column({ type: 'text' })
  gradingScheme!: GradingScheme;

  @Column({ type: 'text' })
  sourceEvaluation!: string;

  @Column({ type: 'text' })
  intelligenceAssessment!: string;

  @Column({ type: 'text', nullable: true })
  sanitisedText!: string | null;

  /** Statutory exclusion: the source's identity never leaves the originator. */
  @Column({ type: 'text', nullable: true })
  sourceReference!: string | null;

  @Column({ type: 'text' })
  priority!: IntelligencePriority;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

@Entity('intelligence_report_subject')
export class IntelligenceReportSubjectEntity {
  @PrimaryColumn({ type: 'uuid' })
  reportId!: string;

  @PrimaryColumn({ type: 'uuid' })
  prisonerId!: string;
}
