import type { Db, Tx } from '../db/database.js';
import { ApiError } from '../http/errors.js';

/** Households of a community: the electorate of every motion of its topics (zero is possible in bad data). */
export async function eligibleHouseholds(db: Db | Tx, community: string): Promise<number> {
  const row = await db.selectFrom('households').select((eb) => eb.fn.countAll<number>().as('n')).where('community', '=', community).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ballots are per household of the motion's community; anyone else is refused with the reason. */
export const notEligible = (community: string) =>
  new ApiError(403, 'NOT_ELIGIBLE', `Only households of ${community} may vote on this motion; yours is registered elsewhere.`, `只有${community}的住户可以对本动议投票，您的户籍不在该小区。`);

export const choiceNotOffered = (choice: string) =>
  new ApiError(422, 'CHOICE_NOT_OFFERED', `This motion does not offer the choice "${choice}".`, `本动议没有“${choice}”这一选项。`);
