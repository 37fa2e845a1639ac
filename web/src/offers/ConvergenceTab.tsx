import { Card, Empty, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RefusalAlert } from '../app/refusal.js';
import type { RoundView } from '../round/round-types.js';
import { EChart, type ChartOption } from './EChart.js';
import { indexCatalog, useCatalog, useGap, type RateGap } from './offer-data.js';
import { Loading } from '../app/App.js';

// Mean of the decimal strings that are present. For a chart only: the exact figures are the API's.
function mean(values: (string | null)[]): number | null {
  const xs = values.filter((v): v is string => v !== null).map(Number);
  return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null;
}

// Convergence: the gap between the sides' latest offers after each joint session (GET …/offers/gap,
// bySession), overall and per section as the mean % gap, and for one chosen process in yuan.
export default function ConvergenceTab({ round }: { round: RoundView }) {
  const { t, i18n } = useTranslation();
  const gap = useGap(round.id);
  const catalog = useCatalog(round);
  const index = useMemo(
    () => indexCatalog(catalog.data, i18n.language),
    [catalog.data, i18n.language],
  );
  const sessions = useMemo(
    () =>
      (gap.data?.bySession ?? []).filter(
        (s): s is typeof s & { gap: RateGap[] } => s.status === 'compared' && !!s.gap,
      ),
    [gap.data],
  );
  const processes = useMemo(() => {
    const seen = new Set(sessions.flatMap((s) => s.gap.map((g) => g.processCode)));
    return [...seen].map((code) => ({
      value: code,
      label: `${code} ${index.process.get(code)?.name ?? ''}`.trim(),
    }));
  }, [sessions, index]);
  const [chosen, setChosen] = useState<string>();
  const process = chosen ?? processes[0]?.value;

  const axis = useMemo(
    () => sessions.map((s) => t('offers.session', { n: s.sessionNumber })),
    [sessions, t],
  );
  const overall = useMemo<ChartOption>(() => {
    const sectionCodes = [...index.section.keys()];
    const series = [
      {
        name: t('offers.overall'),
        type: 'line' as const,
        lineStyle: { width: 3 },
        z: 3,
        data: sessions.map((s) => mean(s.gap.map((g) => g.percent))),
      },
      ...sectionCodes.map((code) => ({
        name: index.section.get(code) ?? code,
        type: 'line' as const,
        data: sessions.map((s) =>
          mean(
            s.gap
              .filter((g) => index.process.get(g.processCode)?.sectionCode === code)
              .map((g) => g.percent),
          ),
        ),
      })),
    ].filter((s) => s.data.some((v) => v !== null));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)} %` },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 48, right: 24, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: axis },
      yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
      series,
    };
  }, [sessions, axis, index, t]);
  const perProcess = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)} ¥` },
      grid: { left: 56, right: 24, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: axis },
      yAxis: { type: 'value' },
      series: [
        {
          name: processes.find((p) => p.value === process)?.label ?? '',
          type: 'line',
          data: sessions.map((s) =>
            mean(s.gap.filter((g) => g.processCode === process).map((g) => g.absolute)),
          ),
        },
      ],
    }),
    [sessions, axis, process, processes],
  );

  if (gap.isLoading) return <Loading />;
  const summary = t('offers.chartSummary', {
    values: sessions
      .map(
        (s) =>
          `${t('offers.session', { n: s.sessionNumber })} ${mean(s.gap.map((g) => g.percent)) ?? '—'} %`,
      )
      .join('，'),
  });
  const processSummary = `${t('offers.convergenceProcess')}: ${
    processes.find((p) => p.value === process)?.label ?? ''
  } ${sessions
    .map((s) => {
      const yuan = mean(s.gap.filter((g) => g.processCode === process).map((g) => g.absolute));
      return `${t('offers.session', { n: s.sessionNumber })} ${yuan ?? '—'}`;
    })
    .join('，')}`;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="ConvergenceTab">
      <RefusalAlert error={gap.error ?? catalog.error} />
      {sessions.length === 0 ? (
        <Empty description={t('offers.noConvergence')} />
      ) : (
        <>
          <Card
            title={
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {t('offers.convergenceOverall')}
              </Typography.Title>
            }
          >
            <EChart option={overall} label={summary} testId="convergence-overall" />
          </Card>
          <Card
            title={
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {t('offers.convergenceProcess')}
              </Typography.Title>
            }
            extra={
              <Select
                aria-label={t('offers.chooseProcess')}
                showSearch={{ optionFilterProp: 'label' }}
                style={{ minWidth: 220 }}
                value={process}
                onChange={setChosen}
                options={processes}
              />
            }
          >
            <EChart
              option={perProcess}
              label={processSummary}
              height={260}
              testId="convergence-process"
            />
          </Card>
        </>
      )}
    </Space>
  );
}
