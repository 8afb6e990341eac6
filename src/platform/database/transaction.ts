import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one transaction: everything the callback writes through
 * the given manager commits together or not at all. Domain events collected by
 * the callback are published by the caller only after this resolves (after commit).
 * The isolation is READ COMMITTED, fixed per connection in data-source-options.ts.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
