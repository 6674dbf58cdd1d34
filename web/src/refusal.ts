import { h } from './dom';
import { ApiError } from './signed-fetch';

/** What a refusal means for the person in front of the screen, with the platform's own words beside it. */
export function refusalText(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.status) {
    case 401:
      return `The shop token is not accepted: it is wrong or has expired. Scan the shop's QR code again. (${error.message})`;
    case 403:
      return `Not allowed: ${error.message}`;
    case 404:
      return `Not found: ${error.message}`;
    case 409:
      return `Not now: ${error.message}`;
    case 429:
      return `Too many requests: ${error.message}`;
    default:
      return error.status >= 500 ? `The platform failed (HTTP ${error.status}): ${error.message}` : `Refused (HTTP ${error.status}): ${error.message}`;
  }
}

export function refusal(error: unknown): HTMLElement {
  const status = error instanceof ApiError ? String(error.status) : undefined;
  return h('p', { class: 'refusal', role: 'alert', 'data-status': status }, refusalText(error));
}
