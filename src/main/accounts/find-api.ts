/**
 * Signing in where the reader pointed: each candidate address (api-location.ts) is asked to
 * sign in until one answers as a Reader API. Only "not a Reader API here" moves on to the next;
 * a wrong password, an unreachable server or an API switched off are answers about the server
 * itself and are reported at once.
 */
import type { AccountService } from '../../shared/account-model';
import { AppError, type MainMessageId } from '../../shared/result';
import { apiCandidates, isFreshRssApiUrl, typedServerUrl } from './api-location';
import type { GReaderClient } from './greader-client';

export interface FoundApi {
  apiUrl: string;
  auth: string;
  client: GReaderClient;
}

export async function findApi(options: {
  typed: string;
  /** What the reader chose; undefined: any Reader API server. */
  service: AccountService | undefined;
  username: string;
  password: string;
  clientFor: (apiUrl: string, service: AccountService | undefined) => GReaderClient;
}): Promise<FoundApi> {
  const candidates = apiCandidates(options.typed, options.service ?? 'greader');
  let first: AppError | undefined;
  for (const apiUrl of candidates) {
    // A FreshRSS address names the server in messages even before the reader said so.
    const service = options.service ?? (isFreshRssApiUrl(apiUrl) ? 'freshrss' : undefined);
    const client = options.clientFor(apiUrl, service);
    try {
      const auth = await client.login(options.username, options.password);
      return { apiUrl, auth, client };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (
        error.code === 'network' &&
        apiUrl.startsWith('https:') &&
        BROKEN_OFF.has(error.text.id)
      ) {
        throw withHttpsHint(error);
      }
      if (error.code !== 'not-reader-api') throw error;
      first ??= error;
    }
  }
  if (candidates.length === 1 && first) throw first;
  const host = typedServerUrl(options.typed).host;
  throw new AppError('not-reader-api', 'main.account.noApiFound', {
    host,
    tried: candidates.join(', '),
  });
}

/**
 * An address typed without a scheme is tried over HTTPS; a server on the reader's own network
 * often has none, and the TLS handshake with it just breaks off. Say what to try.
 */
const BROKEN_OFF = new Set<MainMessageId>(['main.net.cutOff', 'main.net.badCertificate']);

function withHttpsHint(error: AppError): AppError {
  const id =
    error.text.id === 'main.net.cutOff'
      ? 'main.account.cutOffNoHttps'
      : 'main.account.badCertificateNoHttps';
  return new AppError('network', id, error.text.values);
}

/**
 * Which server answered: FreshRSS's API is greader.php; Miniflux gives its user a numeric id
 * and repeats the user name as the e-mail address (no header names either server).
 */
export function detectService(
  apiUrl: string,
  info: { userId?: string; userName?: string; userEmail?: string },
): AccountService {
  if (isFreshRssApiUrl(apiUrl)) return 'freshrss';
  if (info.userId && /^\d+$/.test(info.userId) && info.userEmail === info.userName) {
    return 'miniflux';
  }
  return 'greader';
}
