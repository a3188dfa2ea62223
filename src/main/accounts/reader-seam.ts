/**
 * TEMPORARY seam until the Reader API client (greader-client.ts, stream-id.ts) is merged in:
 * the interface ISSUE14.md fixes, so the account service compiles and is reviewed on its own.
 * Replaced by imports of the real modules at the merge; nothing else may import this file.
 */
import type { RemoteFolder, RemoteItem, RemoteSubscription } from '../../shared/account-model';

export interface GReaderClient {
  login(username: string, password: string): Promise<string>;
  withAuth(auth: string): GReaderSession;
}

export interface GReaderSession {
  userInfo(): Promise<{ userId?: string; userName?: string }>;
  subscriptions(): Promise<RemoteSubscription[]>;
  tags(): Promise<{ folders: RemoteFolder[]; labels: string[] }>;
  unreadCount(): Promise<number>;
  itemIds(query: {
    stream: string;
    exclude?: string;
    since?: number;
    max: number;
  }): Promise<string[]>;
  itemContents(ids: string[]): Promise<{ items: RemoteItem[]; missing: string[] }>;
  editTag(ids: string[], add?: string, remove?: string): Promise<void>;
  markAllRead(stream: string, beforeMs: number): Promise<void>;
  quickAdd(url: string): Promise<{ streamId: string }>;
  editSubscription(edit: {
    action: 'subscribe' | 'unsubscribe' | 'edit';
    streamId: string;
    title?: string;
    addLabel?: string;
    removeLabel?: string;
  }): Promise<void>;
  requestCount(): number;
}

export const READING_LIST = 'user/-/state/com.google/reading-list';
export const READ = 'user/-/state/com.google/read';
export const STARRED = 'user/-/state/com.google/starred';
export const labelStreamId = (name: string): string => `user/-/label/${name}`;
