import { Injectable, Logger } from '@nestjs/common';
import { Connection } from 'jsforce';
import jwt from 'jsonwebtoken';
import { PulseConfig } from '../config/pulse-config';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * The integration's session with the org: OAuth 2.0 JWT bearer (no password, no refresh token),
 * and the same flow again whenever Salesforce answers that the session expired.
 */
@Injectable()
export class SalesforceConnection {
  private readonly logger = new Logger(SalesforceConnection.name);
  private connection?: Promise<Connection>;
  orgId?: string;

  constructor(private readonly config: PulseConfig) {}

  /** The shared, authorised connection (created on first use). */
  get(): Promise<Connection> {
    this.connection ??= this.open().catch((error: Error) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  /** Forgets the session, so the next `get()` authorises anew. */
  reset(): void {
    this.connection = undefined;
  }

  private assertion(): string {
    const { clientId, username, loginUrl, privateKey } = this.config.salesforce;
    return jwt.sign({}, privateKey, {
      algorithm: 'RS256',
      issuer: clientId,
      subject: username,
      audience: loginUrl,
      expiresIn: 180,
    });
  }

  private async requestToken(conn: Connection): Promise<{ access_token: string; instance_url: string }> {
    return (await conn.oauth2.requestToken({ grant_type: JWT_BEARER, assertion: this.assertion() })) as {
      access_token: string;
      instance_url: string;
    };
  }

  private async open(): Promise<Connection> {
    const { loginUrl, apiVersion, username } = this.config.salesforce;
    const conn: Connection = new Connection({
      loginUrl,
      version: apiVersion,
      refreshFn: (c, callback) => {
        this.logger.log('Salesforce session expired; re-authenticating');
        this.requestToken(c as Connection).then(
          (res) => callback(null, res.access_token, res as never),
          (error: Error) => callback(error),
        );
      },
    });
    const userInfo = await conn.authorize({ grant_type: JWT_BEARER, assertion: this.assertion() });
    this.orgId = userInfo.organizationId;
    this.logger.log(`Connected to org ${userInfo.organizationId} at ${conn.instanceUrl} as ${username}`);
    return conn;
  }
}
