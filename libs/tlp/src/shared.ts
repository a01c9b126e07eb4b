// The marking and readers of one object that several items share (issue 18: a product's software, an
// external supplier named by several register entries). Its readers must each be able to read at
// least one item naming it; the object says no more than each of them does.
import { mostRestrictive, restrictionRank, type TlpLabel } from './labels.js';

/**
 * The least restrictive of the sharing items' markings: for items addressed alike, TLP 2.0 nests
 * their readers, so every reader of one of them resolves the shared object. undefined: no item.
 */
export function sharedMarking(tlps: readonly TlpLabel[]): TlpLabel | undefined {
  let least: TlpLabel | undefined;
  for (const tlp of tlps) if (least === undefined || restrictionRank(tlp) < restrictionRank(least)) least = tlp;
  return least;
}

/**
 * Marking and recipients of an object several items share. Items addressed alike (the usual case: a
 * register's entries go to the centre and its organisation's sector unit) share the least strict
 * marking (sharedMarking). Items addressed differently (an organisation moved to another sector keeps
 * its older entries addressed to its former unit) give it the strictest of their markings and only the
 * recipients every one of them names: no reader of the object may read none of the items naming it,
 * so one of them may find a reference it cannot resolve (fail closed). undefined: no item.
 */
export function sharedReach(items: readonly { tlp: TlpLabel; recipientOrgIds: readonly string[] }[]): { tlp: TlpLabel; recipientOrgIds: string[] } | undefined {
  if (items.length === 0) return undefined;
  const key = (ids: readonly string[]) => [...new Set(ids)].sort().join(',');
  const first = key(items[0].recipientOrgIds);
  if (items.every((e) => key(e.recipientOrgIds) === first)) {
    return { tlp: sharedMarking(items.map((e) => e.tlp))!, recipientOrgIds: first === '' ? [] : first.split(',') };
  }
  const everyOne = [...new Set(items[0].recipientOrgIds)].filter((id) => items.every((e) => e.recipientOrgIds.includes(id)));
  return { tlp: mostRestrictive(items.map((e) => e.tlp))!, recipientOrgIds: everyOne.sort() };
}
