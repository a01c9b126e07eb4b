import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The transactions open in the current async context, one per data source (a process has one; a
 * test may hold two). Kept here, not in each repository: every repository of the data source then
 * joins the same transaction without being handed anything.
 */
const open = new AsyncLocalStorage<ReadonlyMap<DataSource, EntityManager>>();

/**
 * The transaction of this context on `dataSource`, if one is open. A continuation that outlives
 * its unit of work (a notice sent without waiting, after the commit) still carries the context:
 * its released connection is no transaction to join any more. Beware what is *created* inside a
 * run (a server, a socket, a listener started lazily): its callbacks inherit the run's context and
 * would join its transaction while the run is open. Start such things outside any run (or under
 * `AsyncLocalStorage.snapshot()` taken outside); none of the hub's does today.
 */
function joinable(dataSource: DataSource): EntityManager | undefined {
  const manager = open.getStore()?.get(dataSource);
  return manager?.queryRunner && !manager.queryRunner.isReleased && manager.queryRunner.isTransactionActive ? manager : undefined;
}

/**
 * For repositories: where a statement runs — the transaction of the unit of work open in this
 * async context, else the data source's pool (each statement on its own).
 */
export function currentManager(dataSource: DataSource): EntityManager {
  return joinable(dataSource) ?? dataSource.manager;
}

/** Whether a statement run now would run in a transaction (advisory locks held until it ends need one). */
export function inTransaction(dataSource: DataSource): boolean {
  return joinable(dataSource) !== undefined;
}

export interface UnitOfWorkOptions {
  /**
   * A new transaction's statements fail past this many milliseconds (SET LOCAL statement_timeout:
   * it ends with the transaction, the pooled connection keeps no trace of it). A run that joins an
   * open transaction leaves that transaction's setting alone.
   */
  statementTimeoutMs?: number;
}

/**
 * `work` in one transaction: the one already open in this async context, or a new one that commits
 * when `work` resolves and rolls back when it throws. Repositories use it for their own
 * multi-statement writes; services go through `UnitOfWork.run`.
 */
export function transactional<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
  const joined = joinable(dataSource);
  if (joined) return work(joined);
  return dataSource.transaction(async (manager) => {
    if (options.statementTimeoutMs !== undefined) await manager.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(options.statementTimeoutMs))}`);
    const transactions = new Map(open.getStore() ?? []);
    transactions.set(dataSource, manager);
    return open.run(transactions, () => work(manager));
  });
}

/**
 * A unit of work: the repository calls made inside `run` (however deep, in whichever context's
 * repositories) share one transaction, which commits when `work` resolves and rolls back when it
 * throws. A `run` inside another joins it; two runs in separate async contexts never share one.
 * Services use it instead of holding an EntityManager (STYLE rule 4).
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: () => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    return transactional(this.dataSource, () => work(), options);
  }
}
