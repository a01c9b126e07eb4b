// @isac/infrastructure — registers of critical digital services, their dependency graph, and who a
// product or provider warning exposes (DESIGN §8, issue 18).
export * from './cpe.js';
export { exposedEntries, lookupKeys, normaliseProvider, parseTargets, productKey, type ExposureTargets, type ParsedTargets } from './exposure.js';
export { dependencyGraph, type DependencyGraph } from './graph.js';
export * from './infrastructure-http.module.js';
export * from './infrastructure.module.js';
export {
  InfrastructureService,
  type ExposedOrganisation,
  type ExposureResult,
  type MatchedEntry,
  type ReachQuery,
  type RegisterChangeView,
  type RegisterEntryRequest,
} from './infrastructure.service.js';
export { REGISTER_CHANGES, type RegisterChange } from './infrastructure-change.entity.js';
export { InfrastructureStixService } from './infrastructure-stix.service.js';
export {
  readRegisterBundle,
  registerBundle,
  REGISTER_BUNDLE_CODES,
  type BundleEntry,
  type BundleRead,
  type RegisterBundle,
  type StixRegisterEntry,
} from './register-stix.js';
export { reachSummary, type ReachSummary } from './reach.js';
export * from './register.types.js';
export { ExampleRegistersError, parseExampleRegisters } from './example-registers.js';
export { RegisterSeeder, RegisterSeedModule } from './register-seeder.service.js';

import { InfrastructureChangeEntity } from './infrastructure-change.entity.js';
import { InfrastructureEntryEntity } from './infrastructure-entry.entity.js';
export const INFRASTRUCTURE_ENTITIES = [InfrastructureEntryEntity, InfrastructureChangeEntity];
export * from './errors.js';
