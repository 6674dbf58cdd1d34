export { handleStsQuery, serveStsQuery, stsApiVersion } from './sts-endpoint';
export { isQueryProtocolRequest } from './query-request';
