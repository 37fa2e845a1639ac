import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { zh } from './zh.js';

export type Language = 'zh' | 'en';
const STORAGE_KEY = 'console.language';

// Chinese first: English only when the person chose it on this device.
export function storedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function chooseLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  void i18next.changeLanguage(language);
}

export function startI18n(): typeof i18next {
  const language = storedLanguage();
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  void i18next.use(initReactI18next).init({
    resources: { zh: { translation: zh }, en: { translation: en } },
    lng: language,
    // No fallback: a missing key shows as the key itself, and messages.spec.ts fails first.
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

// Texts the API publishes in both languages (state and event descriptions).
export function pick(text: { zh: string; en: string } | null | undefined, language: string) {
  if (!text) return '';
  return language === 'en' ? text.en : text.zh;
}
