import type { Context } from 'aws-lambda';
import type { Dependencies, DependencySource } from './dependencies';
import { instrumented } from './instrumented';

/**
 * The frame around every function that is not behind the API (a schedule, a
 * deployment step): log context, a trace segment, metrics published however
 * the task ends. A task's failure is thrown on, so Lambda reports it as the
 * function's error (and Terraform fails the apply that invoked it).
 */
export type Task<Result> = (request: { event: unknown; deps: Dependencies }) => Promise<Result>;

export function taskHandler<Result>(operationId: string, task: Task<Result>) {
  return (dependencies: DependencySource) =>
    (event?: unknown, context?: Context): Promise<Result> =>
      instrumented(operationId, context, {}, () => task({ event, deps: dependencies() }));
}
