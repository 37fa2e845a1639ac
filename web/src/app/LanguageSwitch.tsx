import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, type Language } from '../i18n/index.js';

// 中文 / EN, on the sign-in page and in the shell; the choice is remembered on this device.
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      aria-label={t('app.language')}
      size="small"
      value={i18n.language === 'en' ? 'en' : 'zh'}
      onChange={chooseLanguage}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
