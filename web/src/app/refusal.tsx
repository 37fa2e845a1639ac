import { Alert } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiRefusal } from './api.js';

// A refusal in words: the code's own sentence in the person's language when the catalog has one,
// then the server's message, which says what is wrong and how to fix it.
export function refusalText(t: TFunction, e: unknown): { title: string; detail?: string } {
  if (e instanceof ApiRefusal && e.body) {
    const key = `errors.${e.code}`;
    const translated = t(key);
    return translated === key
      ? { title: t('errors.generic', { message: e.code }), detail: e.body.message }
      : { title: translated, detail: e.body.message };
  }
  if (e instanceof TypeError) return { title: t('errors.network') };
  return { title: t('errors.generic', { message: String((e as Error)?.message ?? e) }) };
}

export function RefusalAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { title, detail } = refusalText(t, error);
  const code = error instanceof ApiRefusal ? error.code : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-code={code}
      title={title}
      description={detail ? `${detail}${code ? ` (${code})` : ''}` : undefined}
    />
  );
}
