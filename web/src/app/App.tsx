import { App as AntApp, ConfigProvider, Spin } from 'antd';
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { LoginPage } from '../pages/LoginPage.js';
import { prefetchRound } from './queries.js';
import { Shell } from './Shell.js';
import { useSession } from './session.js';

// Pages beyond the first screen load on demand, so the first paint carries only the shell, the
// sign-in and "my work" (the initial-JavaScript budget in docs/benchmarks.md).
const RoundsPage = lazy(() => import('../pages/RoundsPage.js'));
const RoundPage = lazy(() => import('../pages/RoundPage.js'));
const AdminPage = lazy(() => import('../admin/AdminPage.js'));
const AuditPage = lazy(() => import('../audit/AuditPage.js'));
const SurveyPage = lazy(() => import('../survey/SurveyPage.js'));
// "My work" is the first page after sign-in, but its tables (antd Table and what it pulls in: about
// 60 KB gzipped) are shared with the round pages, so it loads with them, after the shell.
const MyWorkPage = lazy(() => import('../pages/MyWorkPage.js'));
const NotFound = lazy(() => import('./NotFound.js'));

// antd's own texts in English load only when someone chooses English (Chinese is built in).
function useAntLocale(language: string): Locale {
  const [english, setEnglish] = useState<Locale | null>(null);
  useEffect(() => {
    if (language === 'en' && !english)
      void import('antd/locale/en_US').then((m) => setEnglish(m.default));
  }, [language, english]);
  return language === 'en' && english ? english : zhCN;
}
const SurveyListPage = lazy(() => import('../survey/SurveyListPage.js'));

// Someone who asks their system for less motion gets none (WCAG 2.3.3): antd's `motion` token turns
// every component's animation off. The browser tests ask for it too, so a click never meets a
// dialog or a dropdown still on its way in.
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(
    () => window.matchMedia?.(REDUCED_MOTION).matches ?? false,
  );
  useEffect(() => {
    const query = window.matchMedia?.(REDUCED_MOTION);
    if (!query) return;
    const changed = () => setReduced(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return reduced;
}

export function App() {
  const { i18n } = useTranslation();
  const locale = useAntLocale(i18n.language);
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={locale}
      // Secondary and description texts darker than antd's defaults: they carry due dates and hints,
      // and must pass WCAG AA contrast (axe-core checks every main screen).
      theme={{
        // Styles come from antd's prebuilt stylesheet (imported in main.tsx) instead of being
        // generated in the browser at first render: that generation was a large part of the round
        // page's time to interactive (docs/benchmarks.md). The tokens below still apply: antd turns
        // them into CSS variables.
        zeroRuntime: true,
        token: {
          motion: !reducedMotion,
          colorPrimary: '#b3261e',
          // Danger buttons (停用, 驳回) and error texts: antd's #ff4d4f is 3.3:1 on white, under AA.
          colorError: '#c62828',
          colorLink: '#a3221b',
          colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.62)',
          // Placeholders name the empty choice ("all sections"), so they are read as text too.
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
          borderRadius: 4,
        },
      }}
      // "登录", not "登 录": the accessible name is the word itself.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            path="*"
            element={
              <SignedIn>
                <Shell>
                  <Suspense fallback={<Loading />}>
                    <Routes>
                      <Route path="/" element={<MyWorkPage />} />
                      <Route path="/rounds" element={<RoundsPage />} />
                      <Route
                        path="/rounds/:id"
                        element={
                          <RoundReads>
                            <RoundPage />
                          </RoundReads>
                        }
                      />
                      <Route path="/admin/*" element={<AdminPage />} />
                      <Route path="/audit/*" element={<AuditPage />} />
                      <Route path="/surveys" element={<SurveyListPage />} />
                      <Route path="/surveys/:surveyId" element={<SurveyPage />} />
                      <Route path="*" element={<NotFound />} />
                    </Routes>
                  </Suspense>
                </Shell>
              </SignedIn>
            }
          />
        </Routes>
      </AntApp>
    </ConfigProvider>
  );
}

// Starts the round's reads during the render that also starts loading the page's chunk (a suspended
// render commits no effects, so this cannot wait for one). Both calls are no-ops while fresh.
function RoundReads({ children }: { children: ReactNode }) {
  const { id = '' } = useParams();
  prefetchRound(useQueryClient(), id);
  return children;
}

function SignedIn({ children }: { children: ReactNode }) {
  const current = useSession();
  const location = useLocation();
  if (!current)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin description={t('app.loading')} />
    </div>
  );
}
