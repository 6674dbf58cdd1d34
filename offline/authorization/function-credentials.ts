import { arns } from '../aws/arns';
import { newSecretAccessKey, newSessionToken, newTemporaryAccessKeyId } from '../credentials/temporary-credentials';

/** A Lambda function's execution-role session, as its SDK clients present it. */
export interface FunctionPrincipal {
  kind: 'function-role';
  roleName: string;
  roleArn: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<function name>`, as Lambda names its sessions. */
  arn: string;
  functionName: string;
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
 * process: calls the function makes are checked against its role's policies.
 */
export class FunctionCredentials {
  private readonly sessions = new Map<string, FunctionSession>();
  private readonly byFunction = new Map<string, FunctionSession>();

  constructor(private readonly accountId: string) {}

  issue(functionName: string, role: { name: string; arn: string }): FunctionSession {
    const session: FunctionSession = {
      accessKeyId: newTemporaryAccessKeyId(),
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      principal: {
        kind: 'function-role',
        roleName: role.name,
        roleArn: role.arn,
        arn: arns.assumedRole(this.accountId, role.name, functionName),
        functionName,
      },
    };
    this.sessions.set(session.accessKeyId, session);
    this.byFunction.set(functionName, session);
    return session;
  }

  /** The session issued to a function, if any. */
  sessionOf(functionName: string): FunctionSession | undefined {
    return this.byFunction.get(functionName);
  }

  lookup(accessKeyId: string): FunctionSession | undefined {
    return this.sessions.get(accessKeyId);
  }
}
