import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AgentLoad,
  planAssignments,
  type WaitingConversation,
} from '../server/services/assignment/plan';

const agentsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 12 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.record({
          id: fc.constant(id),
          load: fc.constant(0),
          capacity: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null }),
        }),
      ),
    ),
  );

const waitingArb = (agentIds: number[], routed: boolean) =>
  fc
    .array(
      fc.record({
        routedTo: routed
          ? fc.option(fc.subarray(agentIds, { minLength: 1 }), { nil: null })
          : fc.constant(null),
      }),
      { maxLength: 120 },
    )
    .map((list) => list.map((w, i) => ({ id: i + 1, ...w }) as WaitingConversation));

const finalLoads = (agents: AgentLoad[], assignments: { userId: number }[]) => {
  const loads = new Map(agents.map((a) => [a.id, a.load]));
  for (const a of assignments) loads.set(a.userId, (loads.get(a.userId) ?? 0) + 1);
  return loads;
};

describe('planAssignments (property tests)', () => {
  it('never exceeds capacity, never assigns twice, respects tag routes, and leaves only what nobody can take', () => {
    fc.assert(
      fc.property(
        agentsArb.chain((agents) =>
          fc.tuple(
            fc.constant(agents),
            waitingArb(
              agents.map((a) => a.id),
              true,
            ),
            fc.constantFrom('least_loaded', 'round_robin') as fc.Arbitrary<
              'least_loaded' | 'round_robin'
            >,
          ),
        ),
        ([agents, waiting, strategy]) => {
          const plan = planAssignments(strategy, agents, waiting, null);
          const ids = plan.assignments.map((a) => a.conversationId);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.length + plan.unassigned.length).toBe(waiting.length);
          const loads = finalLoads(agents, plan.assignments);
          for (const a of agents)
            if (a.capacity !== null) expect(loads.get(a.id)!).toBeLessThanOrEqual(a.capacity);
          for (const a of plan.assignments) {
            const routed = waiting.find((w) => w.id === a.conversationId)!.routedTo;
            if (routed) expect(routed).toContain(a.userId);
          }
          // A conversation left waiting had no allowed agent with room at the end.
          for (const id of plan.unassigned) {
            const routed = waiting.find((w) => w.id === id)!.routedTo;
            const room = agents.filter(
              (a) =>
                (a.capacity === null || loads.get(a.id)! < a.capacity) &&
                (!routed || routed.includes(a.id)),
            );
            expect(room).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('least_loaded keeps the spread among agents with room at most 1', () => {
    fc.assert(
      fc.property(
        agentsArb.chain((agents) =>
          fc.tuple(
            fc.constant(agents),
            waitingArb(
              agents.map((a) => a.id),
              false,
            ),
          ),
        ),
        ([agents, waiting]) => {
          const plan = planAssignments('least_loaded', agents, waiting, null);
          const loads = finalLoads(agents, plan.assignments);
          const withRoom = agents
            .filter((a) => a.capacity === null || loads.get(a.id)! < a.capacity)
            .map((a) => loads.get(a.id)!);
          if (withRoom.length > 1)
            expect(Math.max(...withRoom) - Math.min(...withRoom)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round_robin gives every agent within one of the same count over a run, and the rotation carries over', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (ids, first, second) => {
          const agents = ids.map((id) => ({ id, load: 0, capacity: null }));
          const waiting = (n: number, offset: number) =>
            Array.from({ length: n }, (_, i) => ({ id: offset + i, routedTo: null }));
          const run1 = planAssignments('round_robin', agents, waiting(first, 0), null);
          const run2 = planAssignments(
            'round_robin',
            agents,
            waiting(second, 1000),
            run1.lastAssignedUserId,
          );
          const counts = [
            ...finalLoads(agents, [...run1.assignments, ...run2.assignments]).values(),
          ];
          // Across both runs together the rotation continued where it stopped.
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
