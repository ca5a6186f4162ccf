/**
 * Patch ids of the domain corrections of issue 17 (prefix `domain-`). Each guards a change to the
 * commands a case produces; cases recorded before it replay on the old path.
 */

/**
 * A candidate vote with a 差额 rule checks the candidates when it opens and, with too few, ends
 * at once with outcome `margin_short` instead of opening a teller task (no ballot, no task).
 */
export const CANDIDATE_MARGIN = 'domain-candidate-margin';

/**
 * A `light` service node (动态管理) sets the village's warning light, published on its own
 * (memo `warning`), instead of raising the case's deadline health (JcHealth): an overdue task no
 * longer turns the village red, and a red village no longer reads as an overdue case.
 */
export const VILLAGE_WARNING_LIGHT = 'domain-village-warning-light';
