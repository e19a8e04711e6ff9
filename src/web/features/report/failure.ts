import { isApiError } from '../../api/client.ts';
import type { Translate } from '../../i18n/translate.ts';

/** Why something could not be loaded, in words. */
export function loadFailure(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('error.generic');
  if (error.status === 0) return t('error.network');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 404) return t('report.notFound');
  return t('error.generic');
}
