import { carryOverActions, isOpen, isOverdue, openActions, overdueActions, setActionStatus, type ActionStatus } from './minutes.js';
import { action, daysBefore, NOW } from '../testing/fixtures.js';

describe('isOpen / isOverdue', () => {
  it.each<[ActionStatus, Date, boolean, boolean]>([
    ['open', daysBefore(-1), true, false],
    ['open', NOW, true, false], // due exactly now: not yet overdue
    ['open', new Date(NOW.getTime() - 1), true, true],
    ['open', daysBefore(40), true, true],
    ['done', daysBefore(40), false, false],
    ['cancelled', daysBefore(40), false, false],
  ])('%s, due %s → open %s, overdue %s', (status, due, open, overdue) => {
    const a = action({ id: 'a', status, due });
    expect(isOpen(a)).toBe(open);
    expect(isOverdue(a, NOW)).toBe(overdue);
  });
});

describe('open, overdue and carried-over actions', () => {
  const actions = [
    action({ id: 'a-4', due: daysBefore(-3) }),
    action({ id: 'a-2', due: daysBefore(2) }),
    action({ id: 'a-5', due: daysBefore(20), status: 'done' }),
    action({ id: 'a-1', due: daysBefore(9) }),
    action({ id: 'a-3', due: daysBefore(-3) }),
    action({ id: 'a-6', due: daysBefore(1), status: 'cancelled' }),
  ];

  it('lists open actions by due date, ties by id', () => {
    expect(openActions(actions).map((a) => a.id)).toEqual(['a-1', 'a-2', 'a-3', 'a-4']);
  });

  it('lists the overdue ones at now', () => {
    expect(overdueActions(actions, NOW).map((a) => a.id)).toEqual(['a-1', 'a-2']);
  });

  it('carries every open action into the next draft, most overdue first, with whole days overdue', () => {
    expect(carryOverActions(actions, NOW).map((c) => [c.action.id, c.overdue, c.daysOverdue])).toEqual([
      ['a-1', true, 9],
      ['a-2', true, 2],
      ['a-3', false, 0],
      ['a-4', false, 0],
    ]);
  });

  it('does not depend on the order the actions came in', () => {
    expect(carryOverActions([...actions].reverse(), NOW)).toEqual(carryOverActions(actions, NOW));
  });
});

describe('setActionStatus', () => {
  it.each<[ActionStatus, ActionStatus, ActionStatus | 'MEETINGS.ACTION_CANCELLED']>([
    ['open', 'done', 'done'],
    ['open', 'cancelled', 'cancelled'],
    ['done', 'open', 'open'],
    ['cancelled', 'cancelled', 'cancelled'],
    ['cancelled', 'open', 'MEETINGS.ACTION_CANCELLED'],
    ['cancelled', 'done', 'MEETINGS.ACTION_CANCELLED'],
  ])('%s → %s gives %s', (from, to, expected) => {
    const original = action({ id: 'a', status: from });
    const result = setActionStatus(original, to);
    expect(result.ok ? result.action.status : result.code).toBe(expected);
    expect(original.status).toBe(from);
  });
});
