import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SecurityLevel } from '../domain/enums.js';

@Entity('facility')
export class FacilityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  ownerAgencyCode!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  securityLevel!: SecurityLevel;
}
