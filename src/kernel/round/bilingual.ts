// A text a client shows in either language: every industry's state and event descriptions.
export interface Bilingual {
  zh: string;
  en: string;
}
