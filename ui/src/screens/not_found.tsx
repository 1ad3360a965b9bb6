import { t } from '../i18n';
import { Screen } from '../components/common';

export function NotFoundScreen() {
  return (
    <Screen title={t('notFound.title')}>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </Screen>
  );
}
