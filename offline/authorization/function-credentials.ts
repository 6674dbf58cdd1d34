import type { FunctionDefinition } from '../../platform/functions';
import { newSecretAccessKey, newSessionToken, newTemporaryAccessKeyId } from '../credentials/temporary-credentials';
import { localAccountId } from '../credentials/types';

/** A Lambda function's execution-role session, as its SDK clients present it. */
export interface FunctionPrincipal {
  kind: 'function-role';
  roleName: string;
  roleArn: string;
  /** `arn:aws:sts::000000000000:assumed-role/<role>/<function name>`, as Lambda names its sessions. */
  arn: string;
  definition: FunctionDefinition;
}

export interface FunctionSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  principal: FunctionPrincipal;
}

/**
 * Credentials the runtime hands each local function, as Lambda hands its
 * execution role's credentials to a sandbox. They live as long as the runtime
 * process: calls the function makes are checked against its role's policy.
 */
export class FunctionCredentials {
  private readonly sessions = new Map<string, FunctionSession>();
  private readonly byFunction = new Map<FunctionDefinition, FunctionSession>();

  issue(definition: FunctionDefinition, deployedName: string): FunctionSession {
    const roleName = `${deployedName}-role`;
    const session: FunctionSession = {
      accessKeyId: newTemporaryAccessKeyId(),
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      principal: {
        kind: 'function-role',
        roleName,
        roleArn: `arn:aws:iam::${localAccountId}:role/${roleName}`,
        arn: `arn:aws:sts::${localAccountId}:assumed-role/${roleName}/${deployedName}`,
        definition,
      },
    };
    this.sessions.set(session.accessKeyId, session);
    this.byFunction.set(definition, session);
    return session;
  }

  /** The session issued to a function, if any. */
  sessionOf(definition: FunctionDefinition): FunctionSession | undefined {
    return this.byFunction.get(definition);
  }

  lookup(accessKeyId: string): FunctionSession | undefined {
    return this.sessions.get(accessKeyId);
  }
}
