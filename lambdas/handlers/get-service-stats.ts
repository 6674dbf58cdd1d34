import { serviceStats } from '../domain/service-stats';
import { apiHandler } from '../shared/api-handler';
import { requireAdmin } from '../shared/authorization';
import { jsonResponse } from '../shared/http-response';
import { readParameters } from '../shared/request';
import { getServiceStatsRequest } from '../shared/request-rules.generated';
import { productionUserPoolDependencies, type UserPoolDependencies } from '../shared/user-pool-dependencies';

/** GET /service-stats: platform-wide figures for administrators. */
export const getServiceStats = apiHandler<UserPoolDependencies>('getServiceStats', async ({ event, caller, deps }) => {
  readParameters(event, getServiceStatsRequest);
  await requireAdmin(caller, deps.users);
  return jsonResponse(200, await serviceStats(deps.table));
});

export const handler = getServiceStats(productionUserPoolDependencies);
