import { serviceStats } from '../domain/service-stats';
import { apiHandler } from '../shared/api-handler';
import { requireAdmin } from '../shared/authorization';
import { productionDependencies } from '../shared/dependencies';
import { jsonResponse } from '../shared/http-response';
import { readParameters } from '../shared/request';
import { getServiceStatsRequest } from '../shared/request-rules.generated';

/** GET /service-stats: platform-wide figures for administrators. */
export const getServiceStats = apiHandler('getServiceStats', async ({ event, caller, deps }) => {
  readParameters(event, getServiceStatsRequest);
  await requireAdmin(caller, deps.users);
  return jsonResponse(200, await serviceStats(deps.table));
});

export const handler = getServiceStats(productionDependencies);
