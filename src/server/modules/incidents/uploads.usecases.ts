import type { Transaction } from 'kysely';
import type { Upload } from '../../../domain/api/incidents.ts';
import type { Actor } from '../../../domain/permissions.ts';
import type { Database } from '../../db/types.ts';
import type { AppDeps } from '../../platform/context.ts';
import { canStripMetadata, stripMetadata } from '../../platform/file-metadata.ts';
import {
  cleanFileName,
  EXTENSIONS,
  type SniffedMediaType,
  sha256Hex,
  sniffMediaType,
} from '../../platform/file-sniff.ts';
import {
  attachmentEmpty,
  attachmentTooLarge,
  attachmentType,
  invalidIncident,
  tooManyUploads,
} from './incidents.errors.ts';
import { UPLOAD_TTL_MS } from './report-rules.ts';
import { createReportsRepository, type NewAttachment } from './reports.repository.ts';

/**
 * Files attached while a report is written: each is checked (size, type by content), hashed and
 * kept for its uploader until the report takes it over, in the report's own transaction.
 */

/** How many files one user may have waiting at once. */
export function pendingUploadLimit(deps: Pick<AppDeps, 'config'>): number {
  return Math.max(1, 2 * deps.config.attachmentMaxCount);
}

/** The header's URI-encoded name, decoded when it can be. */
export function decodeFileName(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Checks one file as every attachment is checked: not empty, within the size limit, and an image
 * or PDF judged by its content. `path` names the field in error details.
 */
export function checkAttachment(
  deps: Pick<AppDeps, 'config'>,
  content: Buffer,
  fileName: string | null,
  path: string,
): { ok: NewAttachment } | { problem: { path: string; message: string; code: string } } {
  if (content.length === 0)
    return { problem: { path, code: 'incidents.attachment_empty', message: 'The file is empty' } };
  if (content.length > deps.config.attachmentMaxBytes)
    return {
      problem: {
        path,
        code: 'incidents.attachment_too_large',
        message: `The file is ${content.length} bytes; at most ${deps.config.attachmentMaxBytes} are allowed`,
      },
    };
  const mediaType: SniffedMediaType | null = sniffMediaType(content);
  if (!mediaType)
    return {
      problem: {
        path,
        code: 'incidents.attachment_type',
        message: 'Not an image (JPEG, PNG, GIF, WebP, HEIC) or PDF, judged by its content',
      },
    };
  return {
    ok: {
      file_name: cleanFileName(fileName, mediaType),
      media_type: mediaType,
      size_bytes: content.length,
      sha256: sha256Hex(content),
      content,
    },
  };
}

export async function createUpload({
  deps,
  caller,
  content,
  fileName,
}: {
  deps: AppDeps;
  caller: Actor;
  content: Buffer;
  fileName: string | null;
}): Promise<Upload> {
  const checked = checkAttachment(deps, content, fileName, 'body');
  if ('problem' in checked) {
    const { code, ...detail } = checked.problem;
    const maxBytes = deps.config.attachmentMaxBytes;
    if (code === 'incidents.attachment_too_large') throw attachmentTooLarge([{ ...detail, maxBytes }]);
    if (code === 'incidents.attachment_empty') throw attachmentEmpty([detail]);
    throw attachmentType([detail]);
  }
  const now = deps.now();
  const since = new Date(now.getTime() - UPLOAD_TTL_MS);
  const repo = createReportsRepository(deps);
  await repo.deleteUploadsBefore(since, caller.userId);
  if ((await repo.countUploads(caller.userId, since)) >= pendingUploadLimit(deps)) throw tooManyUploads();
  const row = await repo.insertUpload({ ...checked.ok, user_id: caller.userId, created_at: now });
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
  };
}

/** Removes one of the caller's waiting uploads; anyone else's (or one already gone) is left alone. */
export async function deleteUpload({ deps, caller, id }: { deps: AppDeps; caller: Actor; id: string }) {
  await createReportsRepository(deps).deleteUpload(caller.userId, id);
}

/** Deletes uploads no report took within a day (for the daily job); returns how many. */
export async function sweepUploads({ deps }: { deps: AppDeps }): Promise<number> {
  return createReportsRepository(deps).deleteUploadsBefore(new Date(deps.now().getTime() - UPLOAD_TTL_MS));
}

/** Checks the uploads a report names: the caller's, not expired, not too many; for an anonymous report, cleanable. */
export async function checkReportUploads(
  deps: AppDeps,
  caller: Actor,
  ids: string[],
  anonymous: boolean,
  now: Date,
): Promise<{ path: string; message: string }[]> {
  if (ids.length === 0) return [];
  if (ids.length > deps.config.attachmentMaxCount)
    return [{ path: 'body.uploadIds', message: `At most ${deps.config.attachmentMaxCount} attachments` }];
  const own = await createReportsRepository(deps).listOwnUploads(
    caller.userId,
    ids,
    new Date(now.getTime() - UPLOAD_TTL_MS),
  );
  const found = new Map(own.map((u) => [u.id, u]));
  return ids.flatMap((id, i) => {
    const upload = found.get(id);
    if (!upload) return [{ path: `body.uploadIds.${i}`, message: 'No such upload of yours (or it expired)' }];
    if (anonymous && !canStripMetadata(upload.media_type))
      return [{ path: `body.uploadIds.${i}`, message: ANONYMOUS_FILES }];
    return [];
  });
}

const ANONYMOUS_FILES =
  'An anonymous report takes images in JPEG, PNG, GIF or WebP only: PDF and HEIC files can name their author';

/**
 * Moves the reporter's uploads into the incident's attachments. For an anonymous report the
 * files lose what could name the reporter: their names and the metadata inside them.
 */
export async function attachUploads(
  trx: Transaction<Database>,
  opts: { uploadIds: string[]; userId: string; incidentId: string; anonymous: boolean; at: Date },
): Promise<void> {
  const repo = createReportsRepository({ db: trx });
  const { uploadIds, userId, incidentId, anonymous, at } = opts;
  if (uploadIds.length === 0) return;
  // Removed since they were checked (another tab sent them with another report): nothing is kept.
  const gone = () =>
    invalidIncident([{ path: 'body.uploadIds', message: 'Some uploads are no longer there' }]);
  if (!anonymous) {
    const moved = await repo.moveUploads({ uploadIds, userId, incidentId, uploadedBy: userId, at });
    if (moved !== uploadIds.length) throw gone();
    return;
  }
  const taken = await repo.takeUploads(userId, uploadIds);
  if (taken.length !== uploadIds.length) throw gone();
  await repo.insertAttachments(
    taken.map((u, i) => {
      let content: Buffer;
      try {
        content = stripMetadata(u.content, u.media_type);
      } catch {
        throw invalidIncident([
          { path: `body.uploadIds.${uploadIds.indexOf(u.id)}`, message: 'The file is damaged' },
        ]);
      }
      return {
        incident_id: incidentId,
        file_name: `bilaga-${i + 1}.${EXTENSIONS[u.media_type]}`,
        media_type: u.media_type,
        size_bytes: content.length,
        sha256: sha256Hex(content),
        content,
        uploaded_by: null,
        created_at: at,
      };
    }),
  );
}
