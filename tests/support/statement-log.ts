import type { Logger } from 'typeorm';

/** A TypeORM logger that keeps every SQL statement sent (tests count them). */
export class StatementLog implements Logger {
  statements: string[] = [];
  logQuery(query: string) {
    this.statements.push(query);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}
