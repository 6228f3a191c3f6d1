// The property issue 5 asks for: whatever the role hierarchy, nobody sees a record outside their
// subtree. Random hierarchies (deep chains, users without roles, inactive users, roles whose
// parent is not mirrored) and random deals go into a real migrated database; every user's view,
// read through VisibleMirror, must be exactly what walking parent links upward says it should be.
import { ForbiddenException } from '@nestjs/common';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { RoleHierarchyService } from '../../src/access/role-hierarchy.service';
import type { Viewer } from '../../src/access/viewer';
import { VisibleMirror } from '../../src/access/visible-mirror';
import { dataSourceOptions } from '../../src/database/data-source';
import { MirrorEvents } from '../../src/sync/mirror-events.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface Org {
  roles: { id: string; parentRoleId: string | null }[];
  users: { id: string; roleId: string | null; isActive: boolean }[];
  deals: { id: string; ownerId: string; isDeleted: boolean }[];
  tasks: { id: string; ownerId: string }[];
}

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, '0')}AAA`;
/** A role some users and roles point at that is not (yet) in the mirror. */
const UNMIRRORED_ROLE = id('00E', 999);
/** An owner the mirror has no user for. */
const STRANGER = id('005', 999);

const orgs: fc.Arbitrary<Org> = fc
  .record({
    roleParents: fc.array(
      // Parent: the role just before (deep chains), any earlier role, none (a root) or unmirrored.
      fc.oneof(
        { weight: 4, arbitrary: fc.constant<'previous'>('previous') },
        { weight: 3, arbitrary: fc.nat() },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constant<'unmirrored'>('unmirrored') },
      ),
      { maxLength: 14 },
    ),
    users: fc.array(
      fc.record({
        role: fc.oneof(
          { weight: 6, arbitrary: fc.nat() },
          { weight: 2, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constant<'unmirrored'>('unmirrored') },
        ),
        isActive: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    deals: fc.array(fc.record({ owner: fc.nat(), stranger: fc.boolean(), isDeleted: fc.nat(9) }), { maxLength: 40 }),
    tasks: fc.array(fc.nat(), { maxLength: 15 }),
  })
  .map(({ roleParents, users, deals, tasks }) => {
    const roles = roleParents.map((parent, i) => ({
      id: id('00E', i),
      parentRoleId:
        i === 0 || parent === null
          ? null
          : parent === 'unmirrored'
            ? UNMIRRORED_ROLE
            : id('00E', parent === 'previous' ? i - 1 : parent % i),
    }));
    const people = users.map((u, i) => ({
      id: id('005', i),
      roleId:
        u.role === null || roles.length === 0
          ? null
          : u.role === 'unmirrored'
            ? UNMIRRORED_ROLE
            : roles[u.role % roles.length].id,
      isActive: u.isActive,
    }));
    return {
      roles,
      users: people,
      deals: deals.map((d, i) => ({
        id: id('006', i),
        ownerId: d.stranger && d.owner % 7 === 0 ? STRANGER : people[d.owner % people.length].id,
        isDeleted: d.isDeleted === 0, // one in ten
      })),
      tasks: tasks.map((owner, i) => ({ id: id('00T', i), ownerId: people[owner % people.length].id })),
    };
  });

/** Roles strictly above `roleId`, walking parent links upward (a parent not mirrored counts, and ends the walk). */
function rolesAbove(org: Org, roleId: string): Set<string> {
  const above = new Set<string>();
  let current = org.roles.find((r) => r.id === roleId);
  while (current?.parentRoleId && !above.has(current.parentRoleId)) {
    above.add(current.parentRoleId);
    current = org.roles.find((r) => r.id === current!.parentRoleId);
  }
  return above;
}

/** Independently of RoleHierarchy: may `viewerId` see what `ownerId` owns? */
function sees(org: Org, viewerId: string, ownerId: string): boolean {
  if (viewerId === ownerId) return true;
  const viewer = org.users.find((u) => u.id === viewerId)!;
  const owner = org.users.find((u) => u.id === ownerId);
  return !!viewer.roleId && !!owner?.roleId && rolesAbove(org, owner.roleId).has(viewer.roleId);
}

async function load(db: DataSource, org: Org): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of ['user_role', 'sf_user', 'opportunity', 'opportunity_history', 'task'])
      await tx.query(`DELETE FROM ${table}`); // cheaper than TRUNCATE on a few rows
    const rows = (list: object[]) => JSON.stringify(list);
    await tx.query(
      `INSERT INTO user_role (salesforce_id, name, parent_role_id, system_modstamp, last_synced_at)
       SELECT id, id, "parentRoleId", now(), now() FROM jsonb_to_recordset($1::jsonb) AS r(id text, "parentRoleId" text)`,
      [rows(org.roles)],
    );
    await tx.query(
      `INSERT INTO sf_user (salesforce_id, name, user_role_id, is_active, system_modstamp, last_synced_at)
       SELECT id, id, "roleId", "isActive", now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, "roleId" text, "isActive" boolean)`,
      [rows(org.users)],
    );
    await tx.query(
      `INSERT INTO opportunity (salesforce_id, owner_id, amount, is_deleted, system_modstamp, last_synced_at)
       SELECT id, "ownerId", 1000, "isDeleted", now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, "ownerId" text, "isDeleted" boolean)`,
      [rows(org.deals)],
    );
    // One stage change per deal: history is visible exactly when its deal is.
    await tx.query(
      `INSERT INTO opportunity_history (salesforce_id, opportunity_id, stage_name, system_modstamp, last_synced_at)
       SELECT '008' || substr(id, 4), id, 'Prospecting', now(), now() FROM jsonb_to_recordset($1::jsonb) AS r(id text)`,
      [rows(org.deals)],
    );
    await tx.query(
      `INSERT INTO task (salesforce_id, owner_id, system_modstamp, last_synced_at)
       SELECT id, "ownerId", now(), now() FROM jsonb_to_recordset($1::jsonb) AS r(id text, "ownerId" text)`,
      [rows(org.tasks)],
    );
  });
}

const sorted = (ids: string[]) => [...ids].sort();

describe('visibility follows the role hierarchy', () => {
  let database: TestDatabase;
  let db: DataSource;
  let mirror: VisibleMirror;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize(); // runs the migrations
    mirror = new VisibleMirror(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const ids = async (viewer: Viewer, sql: string) =>
    sorted((await mirror.query<{ id: string }>(viewer, sql)).map((r) => r.id));

  it('shows every user exactly their own records and those of users in roles below theirs', async () => {
    let checkedViewers = 0;
    await fc.assert(
      fc.asyncProperty(orgs, async (org) => {
        await load(db, org);
        const events = new MirrorEvents();
        const hierarchy = new RoleHierarchyService(db, events);
        try {
          const live = org.deals.filter((d) => !d.isDeleted);
          for (const user of org.users) {
            if (!user.isActive) {
              await expect(hierarchy.viewer(user.id, false)).rejects.toBeInstanceOf(ForbiddenException);
              continue;
            }
            const viewer = await hierarchy.viewer(user.id, false);
            const deals = sorted(live.filter((d) => sees(org, user.id, d.ownerId)).map((d) => d.id));
            expect(await ids(viewer, 'SELECT salesforce_id AS id FROM visible_opportunity')).toEqual(deals);
            expect(await ids(viewer, 'SELECT opportunity_id AS id FROM visible_opportunity_history')).toEqual(deals);
            expect(await ids(viewer, 'SELECT salesforce_id AS id FROM visible_task')).toEqual(
              sorted(org.tasks.filter((t) => sees(org, user.id, t.ownerId)).map((t) => t.id)),
            );
            expect(await ids(viewer, 'SELECT salesforce_id AS id FROM visible_user')).toEqual(
              sorted(org.users.filter((u) => sees(org, user.id, u.id)).map((u) => u.id)),
            );
            checkedViewers++;

            const admin = await hierarchy.viewer(user.id, true);
            expect(await ids(admin, 'SELECT salesforce_id AS id FROM visible_opportunity')).toEqual(
              sorted(live.map((d) => d.id)),
            );
          }
        } finally {
          hierarchy.onModuleDestroy();
          events.onModuleDestroy();
        }
      }),
      { seed: 20_260_705, numRuns: 80, endOnFailure: true },
    );
    expect(checkedViewers).toBeGreaterThan(200); // the property ran on many viewers, not vacuously
  }, 120_000);
});
