/**
 * Countersign decisions (pure): when a multi-signer task is decided and with which action.
 *   all (会签): every signer approves; any non-approving action decides at once.
 *   any (或签): the first signer decides.
 *   sequential (依次): signers in order; a non-approving action decides at once.
 *   ratio (票签): passes once approving signers / all signers ≥ ratio; fails once it can no longer.
 */
import type { Countersign, TaskAction } from '../../dsl/schema.js';

export interface Signer {
  userId: string;
  action?: string;
}

export type Decision = { decided: false } | { decided: true; action: string };

function approving(actions: readonly TaskAction[], name: string | undefined): boolean {
  return !!name && (actions.find((a) => a.name === name)?.approve ?? false);
}

function firstApproving(actions: readonly TaskAction[]): string {
  return (actions.find((a) => a.approve) ?? actions[0])?.name ?? 'complete';
}

function firstRejecting(actions: readonly TaskAction[], signers: readonly Signer[]): string {
  const chosen = signers.find((s) => s.action && !approving(actions, s.action))?.action;
  return chosen ?? (actions.find((a) => !a.approve) ?? actions[0])?.name ?? 'complete';
}

/** The action all approving signers chose, when they agree; else the node's first approving action. */
function agreedApproval(actions: readonly TaskAction[], signers: readonly Signer[]): string {
  const names = new Set(signers.map((s) => s.action).filter((a): a is string => !!a));
  const only = [...names][0];
  return names.size === 1 && only ? only : firstApproving(actions);
}

export function countersignDecision(cs: Countersign, actions: readonly TaskAction[], signers: readonly Signer[]): Decision {
  const signed = signers.filter((s) => s.action);
  switch (cs.mode) {
    case 'single':
    case 'any': {
      const first = signed[0];
      return first?.action ? { decided: true, action: first.action } : { decided: false };
    }
    case 'all':
    case 'sequential': {
      const rejecting = signed.find((s) => !approving(actions, s.action));
      if (rejecting?.action) return { decided: true, action: rejecting.action };
      if (signers.length > 0 && signed.length === signers.length) return { decided: true, action: agreedApproval(actions, signed) };
      return { decided: false };
    }
    case 'ratio': {
      const total = signers.length;
      if (total === 0) return { decided: false };
      const yes = signed.filter((s) => approving(actions, s.action)).length;
      const pending = total - signed.length;
      // 票签 passes at ≥ ratio; compare in integers to avoid floating error (yes/total ≥ ratio).
      if (yes >= cs.ratio * total - 1e-9) return { decided: true, action: agreedApproval(actions, signed.filter((s) => approving(actions, s.action))) };
      if (yes + pending < cs.ratio * total - 1e-9) return { decided: true, action: firstRejecting(actions, signed) };
      return { decided: false };
    }
    default: {
      const never: never = cs;
      throw new Error(`unknown countersign mode ${JSON.stringify(never)}`);
    }
  }
}

/** 依次: the signer whose turn it is (the first who has not signed). */
export function currentSequentialSigner(signers: readonly Signer[]): string | undefined {
  return signers.find((s) => !s.action)?.userId;
}
