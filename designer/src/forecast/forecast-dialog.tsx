/**
 * 流程预测 in the designer: pick a start day and time and sample data, see the path of the draft
 * with every step's owner and statutory due date, and choose other outcomes to see other paths.
 */
import { useMemo, useState } from 'react';
import type { Definition, FieldDef } from '../../../dsl/schema.js';
import { FieldInput } from '../inbox/field-input.js';
import { useT } from '../lib/i18n.js';
import { Dialog, Field } from '../shell/ui.js';
import { ForecastTimeline, useForecast } from './forecast-timeline.js';

/** Today in Asia/Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The fields a case's path depends on: read by an edge condition or a setData, or anchoring a deadline. */
export function fieldsThatRoute(def: Definition): FieldDef[] {
  const text = [...def.edges.map((e) => e.condition ?? ''), ...def.nodes.flatMap((n) => (n.kind === 'service' && n.action === 'setData' ? Object.values(n.params.set) : []))].join('\n');
  const anchors = new Set(def.nodes.flatMap((n) => ('deadline' in n && n.deadline?.anchor?.kind === 'field' ? [n.deadline.anchor.field] : [])));
  return def.fields.filter((f) => anchors.has(f.key) || new RegExp(`\\bdata\\.${f.key}\\b`).test(text));
}

export function ForecastDialog({ def, onClose }: { def: Definition; onClose: () => void }) {
  const t = useT();
  const [day, setDay] = useState(() => shanghaiToday());
  const [time, setTime] = useState('09:00');
  const [data, setData] = useState<Record<string, unknown>>({});
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const [allFields, setAllFields] = useState(false);
  const routing = useMemo(() => fieldsThatRoute(def), [def]);
  const shown = allFields ? def.fields.filter((f) => f.type !== 'table' && f.type !== 'attachment') : routing;
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day) && /^\d{2}:\d{2}$/.test(time);
  const input = useMemo(() => (valid ? { startAt: `${day}T${time}:00+08:00`, data, outcomes } : undefined), [valid, day, time, data, outcomes]);
  const { forecast, error } = useForecast(def, input);
  return (
    <Dialog title={t('forecastTitle')} onClose={onClose} testId="forecast-dialog" wide>
      <div className="forecast-form">
        <Field label={t('forecastStartDay')}>
          <input type="date" value={day} onChange={(e) => setDay(e.target.value)} required data-testid="forecast-start-day" />
        </Field>
        <Field label={t('forecastStartTime')}>
          <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required data-testid="forecast-start-time" />
        </Field>
      </div>
      {shown.length || def.fields.length ? (
        <fieldset className="group">
          <legend>{t('sampleData')}</legend>
          <div className="forecast-fields">
            {shown.map((f) => (
              <FieldInput key={f.key} field={f} value={data[f.key]} onChange={(v) => setData((d) => ({ ...d, [f.key]: v === '' ? undefined : v }))} />
            ))}
          </div>
          <button type="button" className="btn-text" onClick={() => setAllFields(!allFields)} data-testid="forecast-all-fields">
            {allFields ? t('showUsedFields') : t('showAllFields')}
          </button>
        </fieldset>
      ) : null}
      <p className="muted hint">{t('forecastAssume')}</p>
      {error ? <p className="field-error">{error}</p> : <ForecastTimeline def={def} forecast={forecast} onOutcome={(id, o) => setOutcomes((x) => ({ ...x, [id]: o }))} />}
    </Dialog>
  );
}
