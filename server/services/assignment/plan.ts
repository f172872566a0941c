import type { AssignmentStrategy } from '../../../shared/enums';

export interface AgentLoad {
  id: number;
  /** Open conversations assigned now. */
  load: number;
  /** Maximum open conversations; null = unlimited. */
  capacity: number | null;
}

export interface WaitingConversation {
  id: number;
  /** Agents allowed by tag routing; null = any eligible agent. */
  routedTo: number[] | null;
}

export interface Plan {
  assignments: { conversationId: number; userId: number }[];
  unassigned: number[];
  lastAssignedUserId: number | null;
}

/**
 * Pure assignment decisions, in the order given (longest-waiting first):
 * - least_loaded: the agent with the fewest open conversations; ties go round the rotation, so
 *   equal agents take turns across runs;
 * - round_robin: the next agent after the last one assigned (the rotation persists), skipping
 *   those at capacity or outside the conversation's tag route.
 * Nobody is pushed past capacity; a conversation no agent can take stays unassigned.
 */
export function planAssignments(
  strategy: AssignmentStrategy,
  agentsIn: AgentLoad[],
  waiting: WaitingConversation[],
  lastAssignedUserId: number | null,
): Plan {
  const agents = [...agentsIn].sort((a, b) => a.id - b.id).map((a) => ({ ...a }));
  const plan: Plan = { assignments: [], unassigned: [], lastAssignedUserId };
  if (agents.length === 0) return { ...plan, unassigned: waiting.map((w) => w.id) };
  const rotationStart = () => {
    const after = agents.findIndex(
      (a) => plan.lastAssignedUserId !== null && a.id > plan.lastAssignedUserId,
    );
    return after === -1 ? 0 : after;
  };
  for (const conversation of waiting) {
    const allowed = conversation.routedTo ? new Set(conversation.routedTo) : null;
    const start = rotationStart();
    let chosen: (typeof agents)[number] | undefined;
    for (let k = 0; k < agents.length; k++) {
      const agent = agents[(start + k) % agents.length]!;
      if (agent.capacity !== null && agent.load >= agent.capacity) continue;
      if (allowed && !allowed.has(agent.id)) continue;
      if (strategy === 'round_robin') {
        chosen = agent;
        break;
      }
      if (!chosen || agent.load < chosen.load) chosen = agent;
    }
    if (!chosen) {
      plan.unassigned.push(conversation.id);
      continue;
    }
    chosen.load += 1;
    plan.lastAssignedUserId = chosen.id;
    plan.assignments.push({ conversationId: conversation.id, userId: chosen.id });
  }
  return plan;
}
