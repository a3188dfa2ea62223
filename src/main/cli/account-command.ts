/**
 * `account check <server-url> --user U --password P [--service S]`: signs in to a sync server
 * the way the app does (same address guessing, same client) and prints what it holds, as one
 * JSON line: `{ "service", "subscriptions", "folders", "unread" }`. Nothing is stored. For
 * scripts and for diagnosing a sign-in that fails in the app.
 */
import { ACCOUNT_SERVICES, type AccountService } from '../../shared/account-model';
import { detectService, findApi } from '../accounts/find-api';
import { createGReaderClient } from '../accounts/greader-client';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { readTargetFile, typedHost } from './target';
import { AppError } from '../../shared/result';
import { typedServerUrl } from '../accounts/api-location';

export const accountCommand: Command = {
  name: 'account',
  usage: `account check <server-url> --user <name> (--password <password> | --password-file <file>) [--service ${ACCOUNT_SERVICES.join('|')}]`,
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (action !== 'check')
      throw new UsageError(action ? `unknown action ${action}` : 'which action?');
    const args = parseArgs(rest, {
      positionals: 1,
      options: ['user', 'password', 'password-file', 'service'],
    });
    const [typed] = args.positionals;
    const username = args.options.get('user');
    const password = await passwordOption(io, args.options);
    if (username === undefined) throw new UsageError('--user is required');
    if (password === undefined) throw new UsageError('--password or --password-file is required');
    const service = serviceOption(args.options.get('service'));
    return `${JSON.stringify(await checkAccount(io, { typed, username, password, service }))}\n`;
  },
};

/**
 * `--password-file` keeps the password out of the process list and the shell's history; its
 * first line is the password.
 */
async function passwordOption(
  io: CliIo,
  options: ReadonlyMap<string, string>,
): Promise<string | undefined> {
  const file = options.get('password-file');
  if (file === undefined) return options.get('password');
  if (options.has('password')) throw new UsageError('give --password or --password-file, not both');
  const text = new TextDecoder().decode(await readTargetFile(io, file));
  const password = text.split(/\r?\n/)[0];
  if (!password) throw new AppError('invalid-params', 'main.cli.noPassword', { file });
  return password;
}

function serviceOption(value: string | undefined): AccountService | undefined {
  if (value === undefined) return undefined;
  if ((ACCOUNT_SERVICES as readonly string[]).includes(value)) return value as AccountService;
  throw new UsageError(`--service is one of ${ACCOUNT_SERVICES.join(', ')}`);
}

export interface AccountCheck {
  service: AccountService;
  subscriptions: number;
  folders: number;
  unread: number;
}

async function checkAccount(
  io: CliIo,
  request: { typed: string; username: string; password: string; service?: AccountService },
): Promise<AccountCheck> {
  // Typed by the user, so the server may be on their own network (that host only).
  const fetch = io.fetchFor(typedHost(typedServerUrl(request.typed).href));
  const found = await findApi({
    ...request,
    service: request.service,
    clientFor: (apiUrl, service) =>
      createGReaderClient({ apiUrl, fetch, userAgent: io.userAgent, now: io.now, service }),
  });
  const probe = found.client.withAuth(found.auth);
  const service = request.service ?? detectService(found.apiUrl, await probe.userInfo());
  // Again with the service known: its quirks (Miniflux has no unread-count) and its name.
  const session = createGReaderClient({
    apiUrl: found.apiUrl,
    fetch,
    userAgent: io.userAgent,
    now: io.now,
    service,
  }).withAuth(found.auth);
  const subscriptions = await session.subscriptions();
  const { folders } = await session.tags();
  const unread = await session.unreadCount();
  return { service, subscriptions: subscriptions.length, folders: folders.length, unread };
}
