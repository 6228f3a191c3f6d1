// Who the API is measured as, chosen from the mirror itself: the manager whose subtree is closest to
// a thousand users (Salesforce's visibility: the users in the roles below theirs), and a rep, who
// sees only their own deals. Their ids must be the org's too, or the tokens would name strangers.
import type { RunningEmulator } from '@pulse/emulator';
import type pg from 'pg';

export interface ChosenViewer {
  kind: 'manager' | 'rep';
  username: string;
  userId: string;
  /** Users in the roles below the viewer's: whose records the viewer sees besides their own. */
  usersBelow: number;
  /** Opportunities the viewer may see. */
  opportunities: number;
}

const MANAGER_SUBTREE = 1_000;
/** A named demo rep (always there, always at the bottom of the hierarchy). */
const REP = 'ana.souza@pulse.demo';

const SUBTREES = `
  WITH RECURSIVE below(ancestor, role_id) AS (
    SELECT salesforce_id, salesforce_id FROM user_role
    UNION ALL
    SELECT b.ancestor, r.salesforce_id FROM below b JOIN user_role r ON r.parent_role_id = b.role_id
  ), counts AS (
    SELECT b.ancestor AS role_id, count(u.salesforce_id) FILTER (WHERE b.role_id <> b.ancestor)::int AS users,
           array_agg(u.salesforce_id) FILTER (WHERE b.role_id <> b.ancestor) AS ids
    FROM below b LEFT JOIN sf_user u ON u.user_role_id = b.role_id AND u.is_active
    GROUP BY b.ancestor
  )
  SELECT u.username, u.salesforce_id AS "userId", c.users AS "usersBelow",
         (SELECT count(*)::int FROM opportunity o
          WHERE NOT o.is_deleted AND (o.owner_id = u.salesforce_id OR o.owner_id = ANY(COALESCE(c.ids, '{}')))) AS opportunities
  FROM sf_user u JOIN counts c ON c.role_id = u.user_role_id
  WHERE u.is_active AND (($1::text IS NULL AND u.username <> $2) OR u.username = $1)
  ORDER BY abs(c.users - $3), u.username
  LIMIT 1`;

export async function chooseViewers(db: pg.Client, org: RunningEmulator): Promise<ChosenViewer[]> {
  const pick = async (kind: ChosenViewer['kind'], username: string | null) => {
    // The integration user sits in the CEO role: never "a manager", whatever the org's size.
    const { rows } = await db.query<Omit<ChosenViewer, 'kind'>>(SUBTREES, [
      username,
      'integration@pulse.demo',
      MANAGER_SUBTREE,
    ]);
    if (!rows[0]) throw new Error(`no ${kind} to measure as in the mirror`);
    const viewer = { kind, ...rows[0] };
    const orgId = org.demo?.userIdsByUsername.get(viewer.username);
    if (orgId !== viewer.userId)
      throw new Error(
        `${viewer.username} is ${viewer.userId} in the mirror but ${orgId} in the org: the kept mirror is stale, run with --rebuild`,
      );
    return viewer;
  };
  return [await pick('manager', null), await pick('rep', REP)];
}
