import { listOperations, type ApiDocument, type ApiOperation } from '../../openapi/document';

/** Which operation a method and (decoded) path segments reach, as API Gateway resolves resources. */
export type RouteMatch =
  | { kind: 'matched'; operation: ApiOperation; pathParameters: Record<string, string> }
  | { kind: 'no-route' };

interface CompiledRoute {
  operation: ApiOperation;
  /** Literal segments, or the name of a `{parameter}`. */
  segments: Array<{ literal: string } | { parameter: string }>;
}

export class RouteTable {
  private readonly routes: CompiledRoute[];

  constructor(document: ApiDocument) {
    this.routes = listOperations(document).map((operation) => ({
      operation,
      segments: operation.path
        .split('/')
        .slice(1)
        .map((segment) => {
          const parameter = /^\{([^}]+)\}$/.exec(segment);
          return parameter ? { parameter: parameter[1] } : { literal: segment };
        }),
    }));
  }

  match(method: string, segments: readonly string[]): RouteMatch {
    const candidates = this.routes.filter(
      (route) => route.operation.method === method.toLowerCase() && route.segments.length === segments.length,
    );
    // A literal segment wins over a parameter, as in API Gateway.
    const score = (route: CompiledRoute) => route.segments.filter((segment) => 'literal' in segment).length;
    for (const route of candidates.sort((a, b) => score(b) - score(a))) {
      const pathParameters: Record<string, string> = {};
      const matches = route.segments.every((segment, index) => {
        if ('literal' in segment) return segment.literal === segments[index];
        pathParameters[segment.parameter] = segments[index];
        return true;
      });
      if (matches) return { kind: 'matched', operation: route.operation, pathParameters };
    }
    return { kind: 'no-route' };
  }
}
