/** Who is asking, and what of the mirror they may read. Resolved once per request by the guard. */
export interface Viewer {
  /** The Salesforce User Id the org signed the token for. */
  userId: string;
  name: string;
  /** The user's role (UserRoleId); null for users outside the role hierarchy. */
  roleId: string | null;
  /** Holds the Pulse "view all data" permission: sees every record. */
  viewAll: boolean;
  /**
   * Users whose records this viewer sees: themselves and everyone in the roles below theirs,
   * as Salesforce's role hierarchy grants. null means everyone (viewAll).
   */
  ownerIds: readonly string[] | null;
}
