/**
 * gap.js: two-sided banks (the relatiespiegel): both sides' condition scores next to each other
 * and the gap per condition, the same numbers whoever opens whose file (docs/scan-format.md,
 * "Two-sided banks: the gap"). No DOM; charts.js draws it.
 */

/** The two roles present in `byRole`, in the bank's order. */
export function gapRoles(bank, byRole) {
  return (bank.roles || []).filter((r) => byRole[r]).slice(0, 2);
}

/**
 * Both roles' condition scores in the bank's role order and the gap (first role minus second),
 * so both sides see the same numbers whoever imports whom. `byRole` maps role -> score() result.
 */
export function gapRows(bank, byRole) {
  const [a, b] = gapRoles(bank, byRole);
  return bank.conditions.map((c) => {
    const x = byRole[a].conditions[c.id];
    const y = byRole[b].conditions[c.id];
    return { condition: c.id, title: c.title, a: x, b: y, gap: x === null || y === null ? null : x - y };
  });
}

/** Conditions with the largest absolute gap (ties in bank order), at most `n`, gaps of 0 left out. */
export function largestGaps(rows, n = 2) {
  return rows
    .map((r, i) => [r.gap === null ? -1 : Math.abs(r.gap), i, r])
    .filter((x) => x[0] > 0)
    .sort((p, q) => q[0] - p[0] || p[1] - q[1])
    .slice(0, n)
    .map((x) => x[2]);
}
