// @isac/unit-of-work — one transaction shared by the repositories a use case calls. Its own lib, not
// @isac/persistence: persistence lists every context's entities, so a context importing it would
// close a cycle. PersistenceModule provides `UnitOfWork` to every module of a process.
export * from './unit-of-work.js';
