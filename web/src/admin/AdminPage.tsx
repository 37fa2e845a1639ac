import { Result, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { hasRole, useSession } from '../app/session.js';
import { AccountsTab } from './AccountsTab.js';
import { CalendarTab } from './CalendarTab.js';
import { CatalogsTab } from './CatalogsTab.js';
import { GrantsTab } from './GrantsTab.js';
import { LogTab } from './LogTab.js';
import { OnboardingTab } from './OnboardingTab.js';
import { PeopleTab } from './PeopleTab.js';
import { ProfilesTab } from './ProfilesTab.js';

const TABS = [
  'people',
  'accounts',
  'onboarding',
  'grants',
  'log',
  'profiles',
  'calendar',
  'catalogs',
] as const;
type Tab = (typeof TABS)[number];

// Administration (/admin/<tab>): administrators only. Chiefs approve grant proposals too, so
// /admin/approvals is theirs as well ("待我审批"); anyone else reads a refusal in words, and the API
// would refuse each request anyway (403 ROLE_FORBIDDEN).
export default function AdminPage() {
  const { t } = useTranslation();
  const current = useSession();
  const navigate = useNavigate();
  const { '*': rest = '' } = useParams();
  const first = rest.split('/')[0];
  const isAdministrator = hasRole(current, 'administrator');
  const isChief = hasRole(current, 'unionChair', 'associationChief');

  if (first === 'approvals' && (isChief || isAdministrator))
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('admin.approvals.title')}
        </Typography.Title>
        <GrantsTab mode="awaitingMe" />
      </>
    );
  if (!isAdministrator)
    return (
      <Result
        status="403"
        title={<h1 style={{ fontSize: 22 }}>{t('app.forbidden')}</h1>}
        subTitle={t('admin.forbiddenHint')}
        data-testid="forbidden"
      />
    );
  const active: Tab = (TABS as readonly string[]).includes(first) ? (first as Tab) : 'people';
  const children: Record<Tab, React.ReactNode> = {
    people: <PeopleTab />,
    accounts: <AccountsTab />,
    onboarding: <OnboardingTab />,
    grants: <GrantsTab mode="all" />,
    log: <LogTab />,
    profiles: <ProfilesTab />,
    calendar: <CalendarTab />,
    catalogs: <CatalogsTab />,
  };
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('admin.title')}
      </Typography.Title>
      <Tabs
        activeKey={active}
        destroyOnHidden
        onChange={(key) => void navigate(`/admin/${key}`)}
        items={TABS.map((key) => ({
          key,
          label: t(`admin.tabs.${key}`),
          children: children[key],
        }))}
      />
    </>
  );
}
