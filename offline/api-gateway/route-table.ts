import type { MethodSettings } from './method-settings';

/** Which method a request reaches, as API Gateway resolves resources. */
export type RouteMatch = { kind: 'matched'; method: MethodSettings; pathParameters: Record<string, string> } | { kind: 'no-route' };

interface CompiledRoute {
  method: MethodSettings;
  /** Literal segments, or the name of a `{parameter}`. */
  segments: Array<{ literal: string } | { parameter: string }>;
}

export class RouteTable {
  private readonly routes: CompiledRoute[];

  constructor(methods: readonly MethodSettings[]) {
    this.routes = methods.map((method) => ({
      method,
      segments: method.operation.path
        .split('/')
        .slice(1)
        .map((segment) => {
          const parameter = /^\{([^}]+)\}$/.exec(segment);
          return parameter ? { parameter: parameter[1] } : { literal: segment };
        }),
    }));
  }

  match(httpMethod: string, segments: readonly string[]): RouteMatch {
    const candidates = this.routes.filter(
      (route) => route.method.operation.method === httpMethod.toLowerCase() && route.segments.length === segments.length,
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
      if (matches) return { kind: 'matched', method: route.method, pathParameters };
    }
    return { kind: 'no-route' };
  }
}
