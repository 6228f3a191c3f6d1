// The demo org's handles (who the admin is, users by username) for an org loaded from a file
// rather than seeded: found again by username, as the seed created them.
import { DEMO_USERS, type DemoOrg } from '../org/demoOrg.ts';
import type { OrgStore } from '../org/store.ts';

export function demoOrgOf(store: OrgStore): DemoOrg | undefined {
  const userIdsByUsername = new Map<string, string>();
  for (const user of store.scan('User')) userIdsByUsername.set(String(user.Username), user.Id);
  const adminUserId = userIdsByUsername.get(DEMO_USERS[0].username) ?? userIdsByUsername.values().next().value;
  return adminUserId === undefined ? undefined : { adminUserId, userIdsByUsername };
}
