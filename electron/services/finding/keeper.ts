/** Which image of a group of near-duplicates to keep, and the words that say why. */

export interface KeeperCandidate {
  id: string;
  rating: number;
  width: number;
  height: number;
  bytes: number;
  createdAt: number;
}

/**
 * The highest rated; among equals the largest (pixels, then bytes: a PNG over its JPEG copy);
 * among equals the newest. The last tie goes to the id, so the answer never depends on order.
 */
export function chooseKeeper<T extends KeeperCandidate>(group: readonly T[]): { keeper: T; reason: string } {
  if (group.length === 0) throw new Error('An empty group has no keeper.');
  const sorted = [...group].sort(
    (a, b) => b.rating - a.rating || b.width * b.height - a.width * a.height || b.bytes - a.bytes || b.createdAt - a.createdAt || a.id.localeCompare(b.id),
  );
  const keeper = sorted[0]!;
  const runnerUp = sorted[1];
  let reason: string;
  if (!runnerUp) reason = 'The only image of its group.';
  else if (keeper.rating > runnerUp.rating) reason = `Suggested because it is rated highest (${keeper.rating} of 5).`;
  else if (keeper.width * keeper.height > runnerUp.width * runnerUp.height) reason = `Suggested because it is the largest (${keeper.width} × ${keeper.height}) of those rated the same.`;
  else if (keeper.bytes > runnerUp.bytes) reason = 'Suggested because it is the largest file of those the same size and rating.';
  else if (keeper.createdAt > runnerUp.createdAt) reason = 'Suggested because it is the newest of those equal in rating and size.';
  else reason = 'These images are equal in rating, size and date; any one will do.';
  return { keeper, reason: `${reason} Rule: highest rated, then largest, then newest.` };
}
